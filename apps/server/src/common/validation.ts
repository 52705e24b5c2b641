import { ValidationPipe } from '@nestjs/common';
import { InvalidInputError, validationProblems } from '@regsweep/errors';

/**
 * The global pipe for query/body DTOs: unknown fields are refused, values converted to the DTO's types, and
 * failures raised as InvalidInputError so they answer like every other bad input.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => new InvalidInputError(validationProblems(errors)),
  });
}
