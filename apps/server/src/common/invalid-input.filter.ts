import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import { InvalidInputError } from '@regsweep/datasets';
import type { Response } from 'express';
import { problemBody } from './problem-response';

/** Every bad external input answers 400 with the `{path, message}` list (SPEC §2), at most 20 of them listed. */
@Catch(InvalidInputError)
export class InvalidInputFilter implements ExceptionFilter {
  catch(error: InvalidInputError, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    response.status(400).json(problemBody(400, 'Invalid input', error.errors));
  }
}
