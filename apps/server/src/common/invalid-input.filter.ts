import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import { InvalidInputError } from '@regsweep/datasets';
import type { Response } from 'express';

/** Every bad external input answers 400 with the `{path, message}` list (SPEC §2). */
@Catch(InvalidInputError)
export class InvalidInputFilter implements ExceptionFilter {
  catch(error: InvalidInputError, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    response.status(400).json({ statusCode: 400, message: 'Invalid input', errors: error.errors });
  }
}
