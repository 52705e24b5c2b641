import { Injectable, PipeTransform } from '@nestjs/common';
import { InvalidInputError, validationProblems, type InputProblem } from '@regsweep/errors';
import { sweepConfigErrors, validateSweepConfig, type SweepConfig } from '@regsweep/sweep';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { ScheduleOverlap } from './schedule.entity';
import { CreateScheduleDto, UpdateScheduleDto } from './schedule.dto';

/** A schedule body whose fields all passed validation; `sweep` is the validated config with its defaults. */
export interface ScheduleFields {
  name: string;
  cron: string;
  timezone?: string;
  enabled?: boolean;
  overlap?: ScheduleOverlap;
  sweep: SweepConfig;
}
export type ScheduleChanges = Partial<ScheduleFields>;

/**
 * Checks a whole schedule body at once: its own fields (class-validator, unknown fields refused), then the embedded
 * sweep config with the very code `POST /api/sweeps` uses, its error paths prefixed `sweep.`. Every problem comes
 * back in one 400. The checks that need the dataset run in the service.
 */
function validateScheduleBody(dtoClass: typeof CreateScheduleDto | typeof UpdateScheduleDto, raw: unknown) {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new InvalidInputError([{ path: '', message: 'a schedule must be a JSON object' }]);
  }
  const dto = plainToInstance(dtoClass, raw);
  const problems = validationProblems(
    validateSync(dto, { whitelist: true, forbidNonWhitelisted: true, stopAtFirstError: true }),
  );
  const sweep = (raw as { sweep?: unknown }).sweep;
  const sweepIsObject = typeof sweep === 'object' && sweep !== null && !Array.isArray(sweep);
  if (sweepIsObject) problems.push(...sweepConfigErrors(sweep).map(underSweep));
  if (problems.length > 0) throw new InvalidInputError(problems);
  return { ...dto, sweep: sweepIsObject ? validateSweepConfig(sweep) : undefined };
}

export function underSweep(problem: InputProblem): InputProblem {
  return { path: problem.path ? `sweep.${problem.path}` : 'sweep', message: problem.message };
}

@Injectable()
export class CreateSchedulePipe implements PipeTransform<unknown, ScheduleFields> {
  transform(value: unknown): ScheduleFields {
    return validateScheduleBody(CreateScheduleDto, value) as ScheduleFields;
  }
}

@Injectable()
export class UpdateSchedulePipe implements PipeTransform<unknown, ScheduleChanges> {
  transform(value: unknown): ScheduleChanges {
    const changes = validateScheduleBody(UpdateScheduleDto, value);
    // Only the fields the body has: an absent field keeps its stored value.
    return Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as ScheduleChanges;
  }
}
