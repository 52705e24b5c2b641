/**
 * class-validator's ValidationError tree as `{path, message}` problems, the one conversion for every DTO the server
 * and the sweep config check: nested properties joined with dots ("split.folds"), an unknown field reported as
 * "is not a known field", and the property name dropped from the front of class-validator's messages ("folds must
 * be …" → "must be …"), since the path already says it.
 */
import type { ValidationError } from 'class-validator';
import type { InputProblem } from './invalid-input';

/** class-validator's constraint name for a field the DTO does not declare (whitelist + forbidNonWhitelisted). */
const UNKNOWN_FIELD_CONSTRAINT = 'whitelistValidation';

export interface ValidationProblemOptions {
  /** The path the top-level errors hang under ('' for the root). */
  readonly parent?: string;
  /**
   * Problems of a failed constraint in place of its message, e.g. one per bad element of an array
   * (libs/sweep each-item.ts); undefined keeps the constraint's own message.
   */
  readonly expand?: (constraint: string, error: ValidationError, path: string) => InputProblem[] | undefined;
}

export function validationProblems(
  errors: readonly ValidationError[],
  options: ValidationProblemOptions = {},
): InputProblem[] {
  return errors.flatMap((error) => problemsOf(error, options.parent ?? '', options));
}

function problemsOf(error: ValidationError, parent: string, options: ValidationProblemOptions): InputProblem[] {
  const path = parent ? `${parent}.${error.property}` : error.property;
  const own = Object.entries(error.constraints ?? {}).flatMap(([name, message]): InputProblem[] => {
    if (name === UNKNOWN_FIELD_CONSTRAINT) return [{ path, message: 'is not a known field' }];
    const expanded = options.expand?.(name, error, path);
    if (expanded) return expanded;
    return [{ path, message: withoutPropertyName(message, error.property) }];
  });
  return [...own, ...(error.children ?? []).flatMap((child) => problemsOf(child, path, options))];
}

/** class-validator messages start with the property name ("folds must be …"); the path already says it. */
function withoutPropertyName(message: string, property: string): string {
  return message.startsWith(property + ' ') ? message.slice(property.length + 1) : message;
}
