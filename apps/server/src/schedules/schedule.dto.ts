import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Length,
  registerDecorator,
  type ValidationArguments,
} from 'class-validator';
import { IsDisplayName } from '../common/display-name';
import { SCHEDULE_OVERLAPS, type ScheduleOverlap } from './schedule.entity';
import { cronExpressionProblem, DEFAULT_TIMEZONE, timeZoneProblem } from './cron-expression';

/** A class-validator rule from a function that says what is wrong (null: nothing). */
function Satisfies(problem: (value: string) => string | null) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: `satisfies_${propertyName}`,
      target: object.constructor,
      propertyName,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && problem(value) === null,
        defaultMessage: (args?: ValidationArguments) =>
          typeof args?.value === 'string' ? (problem(args.value) ?? '') : 'must be a string',
      },
    });
}

const CRON_DESCRIPTION = '5 fields (minute hour day-of-month month day-of-week), or 6 with seconds first';

/** `POST /api/schedules` body (SPEC §4). `sweep` is checked by validateSweepConfig (errors under `sweep.`). */
export class CreateScheduleDto {
  @ApiProperty({ minLength: 1, maxLength: 200 })
  @IsDisplayName()
  @Length(1, 200)
  @IsString()
  name!: string;

  @ApiProperty({ description: CRON_DESCRIPTION, example: '0 3 * * *' })
  @Satisfies(cronExpressionProblem)
  @IsString()
  cron!: string;

  @ApiPropertyOptional({ description: 'IANA time zone the expression is read in', default: DEFAULT_TIMEZONE })
  @IsOptional()
  @Satisfies(timeZoneProblem)
  @IsString()
  timezone?: string;

  @ApiPropertyOptional({ default: true, description: 'false: paused, nothing fires' })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({
    enum: SCHEDULE_OVERLAPS,
    default: 'skip',
    description: 'while the previous run is still queued/running: skip the tick (recorded), or queue one run after it',
  })
  @IsOptional()
  @IsIn(SCHEDULE_OVERLAPS)
  overlap?: ScheduleOverlap;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'a sweep config (SPEC §2)' })
  @IsObject()
  sweep!: Record<string, unknown>;
}

/** `PATCH /api/schedules/:id` body: any subset of the create fields; `sweep` replaces the whole config. */
export class UpdateScheduleDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 200 })
  @IsOptional()
  @IsDisplayName()
  @Length(1, 200)
  @IsString()
  name?: string;

  @ApiPropertyOptional({ description: CRON_DESCRIPTION })
  @IsOptional()
  @Satisfies(cronExpressionProblem)
  @IsString()
  cron?: string;

  @ApiPropertyOptional({ description: 'IANA time zone' })
  @IsOptional()
  @Satisfies(timeZoneProblem)
  @IsString()
  timezone?: string;

  @ApiPropertyOptional({ description: 'false pauses the schedule, true resumes it' })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({ enum: SCHEDULE_OVERLAPS })
  @IsOptional()
  @IsIn(SCHEDULE_OVERLAPS)
  overlap?: ScheduleOverlap;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'a sweep config (SPEC §2)' })
  @IsOptional()
  @IsObject()
  sweep?: Record<string, unknown>;
}
