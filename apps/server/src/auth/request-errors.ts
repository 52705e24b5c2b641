import { HttpException } from '@nestjs/common';
import { InvalidInputError, type InputProblem } from '@regsweep/datasets';
import type { NextFunction, Request, Response } from 'express';
import { problemBody } from '../common/problem-response';

/**
 * Answers the errors of the middleware that runs before routing (body parsing, size and shape limits, prototype
 * keys) right here. Passed on, they would reach @nestjs/serve-static's error handler, which turns every error on an
 * /api path into `404 Cannot POST …`. Anything not recognised as the client's fault goes on to Nest (500).
 */
export function answerRequestErrors(error: unknown, request: Request, response: Response, next: NextFunction): void {
  const refusal = asRefusal(error, request);
  if (!refusal) return next(error);
  const [status, errors] = refusal;
  response.status(status).json(problemBody(status, status === 400 ? 'Invalid input' : errors[0].message, errors));
}

/** body-parser's error types (its `type` field) and the part of the request each is about. */
const BODY_PARSER_ERRORS: Record<string, string> = {
  'entity.parse.failed': 'body',
  'entity.too.large': 'body',
  'entity.verify.failed': 'body',
  'request.aborted': 'body',
  'request.size.invalid': 'body',
  'parameters.too.many': 'body',
  'charset.unsupported': 'headers.content-type',
  'encoding.unsupported': 'headers.content-encoding',
};

function asRefusal(error: unknown, request: Request): [number, InputProblem[]] | undefined {
  if (error instanceof InvalidInputError) return [400, [...error.errors]];
  if (error instanceof HttpException) {
    return [error.getStatus(), [{ path: request.is('multipart/form-data') ? 'file' : 'body', message: error.message }]];
  }
  const { type, status, message, limit, expose } = (error ?? {}) as {
    type?: string;
    status?: number;
    message?: string;
    limit?: number;
    expose?: boolean;
  };
  if (!status || status < 400 || status >= 500) return undefined;
  // Errors of the body stream itself (a Content-Encoding body that does not decompress) have no type, only `expose`.
  if (type === undefined && expose === true) return [status, [{ path: 'body', message: message ?? 'bad body' }]];
  if (type === undefined || !(type in BODY_PARSER_ERRORS)) return undefined;
  const text =
    type === 'entity.too.large'
      ? `the request body is larger than the limit of ${limit} bytes`
      : type === 'entity.parse.failed'
        ? `is not valid JSON (an object or array): ${message ?? ''}`
        : (message ?? type);
  return [status, [{ path: BODY_PARSER_ERRORS[type], message: text }]];
}
