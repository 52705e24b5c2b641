import { ArgumentsHost, Catch, ExceptionFilter, HttpException } from '@nestjs/common';
import type { InputProblem } from '@regsweep/datasets';
import type { Request, Response } from 'express';
import { problemBody } from '../common/problem-response';

/**
 * Every HttpException answers like every bad input: the status plus a `{path, message}` list. Answers that already
 * carry `errors` keep them; otherwise the exception may name its `path` (`new ConflictException({message, path})`),
 * or the path says what the status is about (below).
 */
@Catch(HttpException)
export class HttpProblemFilter implements ExceptionFilter {
  catch(exception: HttpException, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const status = exception.getStatus();
    const answer = exception.getResponse();
    const message = messageOf(answer, exception);
    const given = typeof answer === 'object' && answer !== null ? (answer as { errors?: unknown; path?: unknown }) : {};
    const errors: InputProblem[] = Array.isArray(given.errors)
      ? (given.errors as InputProblem[])
      : [{ path: typeof given.path === 'string' ? given.path : defaultPath(status, request), message }];
    response.status(status).json({ ...extraFields(answer), ...problemBody(status, message, errors) });
  }
}

/**
 * What a refusal without its own path is about: the request body (the uploaded file for multipart), the
 * Authorization header (401), the Origin header (403), the resource id of the URL (404, 409), the request (429).
 */
function defaultPath(status: number, request: Request): string {
  switch (status) {
    case 401:
      return 'authorization';
    case 403:
      return 'origin';
    case 404:
    case 409:
      return typeof request.params?.id === 'string' ? 'id' : 'url';
    case 429:
      return 'request';
    default:
      return request.is('multipart/form-data') ? 'file' : 'body';
  }
}

/** Fields of an object answer besides message/errors (the health check's `status` and `database`). */
function extraFields(answer: string | object): Record<string, unknown> {
  if (typeof answer !== 'object' || answer === null) return {};
  const rest: Record<string, unknown> = { ...(answer as Record<string, unknown>) };
  for (const key of ['statusCode', 'message', 'errors', 'path', 'error']) delete rest[key];
  return rest;
}

function messageOf(answer: string | object, exception: HttpException): string {
  if (typeof answer === 'string') return answer;
  const message = (answer as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : exception.message;
}
