/**
 * The one entry point for every sweep config (POST /api/sweeps, a schedule's `sweep`, the CLI's file):
 * field checks by class-validator, then the cross-field checks, then the SPEC §2 defaults.
 */
import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import type { ValidationError } from 'class-validator';
import { validateSync } from './class-validator-parts';
import { InvalidInputError, validationProblems } from '@regsweep/errors';
import type { ConfigError, SweepConfig } from '../types';
import { applyDefaults } from './apply-defaults';
import { crossFieldErrors } from './cross-field-checks';
import { prototypeKeyPaths } from './prototype-keys';
import { badItems, itemRule } from './each-item';
import { SweepConfigDto } from './sweep-config.dto';

/** Returns the config with defaults applied, or throws InvalidInputError listing every problem at once. */
export function validateSweepConfig(raw: unknown): SweepConfig {
  const errors = sweepConfigErrors(raw);
  if (errors.length > 0) throw new InvalidInputError(errors);
  return applyDefaults(plainToInstance(SweepConfigDto, raw as object));
}

/** Every problem with `raw` as `{path, message}` (empty when it is valid). The root's path is ''. */
export function sweepConfigErrors(raw: unknown): ConfigError[] {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return [{ path: '', message: 'a sweep config must be an object' }];
  }
  const inheritedNames = prototypeKeyPaths(raw).map((path) => ({ path, message: 'is not a known field' }));
  const dto = plainToInstance(SweepConfigDto, raw);
  const errors = validateSync(dto, {
    whitelist: true,
    forbidNonWhitelisted: true,
    stopAtFirstError: true,
    validationError: { target: false, value: true },
  });
  const fieldErrors = validationProblems(errors, { expand: badElements });
  const failed = (path: string) => fieldErrors.some((e) => e.path === path || e.path.startsWith(path + '.'));
  return [...inheritedNames, ...fieldErrors, ...crossFieldErrors(dto, failed)];
}

/** An array element rule (each-item.ts) gives one problem per bad index instead of one for the array. */
function badElements(constraint: string, error: ValidationError, path: string): ConfigError[] | undefined {
  const rule = itemRule(constraint);
  if (!rule || !Array.isArray(error.value)) return undefined;
  return badItems(rule, error.value).map((bad) => ({ path: `${path}.${bad.index}`, message: bad.message }));
}
