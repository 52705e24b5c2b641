/**
 * The one entry point for every sweep config (POST /api/sweeps, a schedule's `sweep`, the CLI's file):
 * field checks by class-validator, then the cross-field checks, then the SPEC §2 defaults.
 */
import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { InvalidInputError } from '@regsweep/datasets/invalid-input';
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
  const fieldErrors = validateSync(dto, {
    whitelist: true,
    forbidNonWhitelisted: true,
    stopAtFirstError: true,
    validationError: { target: false, value: true },
  }).flatMap((error) => flatten(error, ''));
  const failed = (path: string) => fieldErrors.some((e) => e.path === path || e.path.startsWith(path + '.'));
  return [...inheritedNames, ...fieldErrors, ...crossFieldErrors(dto, failed)];
}

/** One `{path, message}` per failed constraint; array element rules give one entry per bad index. */
function flatten(error: ValidationError, parent: string): ConfigError[] {
  const path = parent ? `${parent}.${error.property}` : error.property;
  const own = Object.entries(error.constraints ?? {}).flatMap(([name, message]): ConfigError[] => {
    if (name === 'whitelistValidation') return [{ path, message: 'is not a known field' }];
    const rule = itemRule(name);
    if (rule && Array.isArray(error.value)) {
      return badItems(rule, error.value).map((bad) => ({ path: `${path}.${bad.index}`, message: bad.message }));
    }
    return [{ path, message: withoutPropertyName(message, error.property) }];
  });
  return [...own, ...(error.children ?? []).flatMap((child) => flatten(child, path))];
}

/** class-validator messages start with the property name ("folds must be …"); the path already says it. */
function withoutPropertyName(message: string, property: string): string {
  return message.startsWith(property + ' ') ? message.slice(property.length + 1) : message;
}
