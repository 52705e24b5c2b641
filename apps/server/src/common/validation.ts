import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { InvalidInputError, type InputProblem } from '@regsweep/datasets';

/**
 * The global pipe for query/body DTOs: unknown fields are refused, values converted to the DTO's types, and
 * failures raised as InvalidInputError so they answer like every other bad input.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => new InvalidInputError(errors.flatMap((error) => toProblems(error, ''))),
  });
}

function toProblems(error: ValidationError, parent: string): InputProblem[] {
  const path = parent ? `${parent}.${error.property}` : error.property;
  const own = Object.entries(error.constraints ?? {}).map(([name, message]) => ({
    path,
    message: name === 'whitelistValidation' ? 'is not a known field' : message,
  }));
  return [...own, ...(error.children ?? []).flatMap((child) => toProblems(child, path))];
}
