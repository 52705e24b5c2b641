import {
  ArgumentsHost,
  BadRequestException,
  Catch,
  ExceptionFilter,
  HttpException,
  PayloadTooLargeException,
} from '@nestjs/common';
import type { InputProblem } from '@regsweep/datasets';
import type { Request, Response } from 'express';

/**
 * Requests refused before any validator saw them — malformed JSON, a body or file above its size limit, a
 * multipart field multer does not expect — answer like every other bad input: the status plus a `{path, message}`
 * list (path `file` for multipart uploads, `body` otherwise). Answers that already carry `errors` pass unchanged.
 */
@Catch(BadRequestException, PayloadTooLargeException)
export class HttpProblemFilter implements ExceptionFilter {
  catch(exception: HttpException, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const status = exception.getStatus();
    const answer = exception.getResponse();
    if (typeof answer === 'object' && answer !== null && 'errors' in answer) {
      response.status(status).json(answer);
      return;
    }
    const message = messageOf(answer, exception);
    const path = request.is('multipart/form-data') ? 'file' : 'body';
    const errors: InputProblem[] = [{ path, message }];
    response.status(status).json({ statusCode: status, message, errors });
  }
}

function messageOf(answer: string | object, exception: HttpException): string {
  if (typeof answer === 'string') return answer;
  const message = (answer as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : exception.message;
}
