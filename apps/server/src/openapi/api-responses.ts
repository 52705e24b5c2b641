import { applyDecorators } from '@nestjs/common';
import { ApiOperation, ApiResponse } from '@nestjs/swagger';
import { ref } from './schema-parts';

/** What each refusal status means on this API; every one answers a Problem body. */
const REFUSALS: Record<number, string> = {
  400: 'invalid input: every problem as {path, message} (at most 20 listed), nothing stored',
  401: 'an API token is required or is not valid (see the bearer scheme)',
  403: 'a write from another origin (the Origin header is not this server)',
  404: 'no such resource',
  409: 'the request conflicts with the current state (see message)',
  413: 'the body is larger than its limit (5 MB JSON, 100 MB CSV by default)',
  415: 'the body is neither application/json nor multipart/form-data, or its charset/encoding is unsupported',
  421: 'the Host header is not one of the names this server answers to (DNS rebinding)',
  429: 'too many writes from this client: wait for Retry-After seconds',
  503: 'the database does not answer',
};

function problems(statuses: number[]) {
  return statuses.map((status) =>
    ApiResponse({ status, description: REFUSALS[status], content: { 'application/json': { schema: ref('Problem') } } }),
  );
}

/**
 * A read: bad query (400), token (401 with REGSWEEP_READ_ACCESS=token), unknown id (404), Host (421); `only` lists
 * the statuses instead.
 */
export function ApiReadRefusals(options: { id?: boolean; extra?: number[]; only?: number[] } = {}) {
  const statuses = options.only ?? [400, 401, ...(options.id ? [404] : []), 421, ...(options.extra ?? [])];
  return applyDecorators(...problems(statuses.sort((a, b) => a - b)));
}

/** A write: the read refusals plus cross-origin (403), body size (413) and type (415), and the rate limit (429). */
export function ApiWriteRefusals(options: { id?: boolean; extra?: number[] } = {}) {
  const statuses = [400, 401, 403, ...(options.id ? [404] : []), 413, 415, 421, 429, ...(options.extra ?? [])];
  return applyDecorators(...problems(statuses.sort((a, b) => a - b)));
}

/** The success answer: `schema` a component name. */
export function ApiAnswer(status: number, schema: string, description = 'success') {
  return ApiResponse({ status, description, content: { 'application/json': { schema: ref(schema) } } });
}

/**
 * A read that answers 200 with `schema`: its summary, its answer and its refusals (as ApiReadRefusals). Applied in
 * the order the three stacked decorators were, so the document is the same.
 */
export function ApiRead(summary: string, schema: string, refusals: Parameters<typeof ApiReadRefusals>[0] = {}) {
  return applyDecorators(ApiReadRefusals(refusals), ApiAnswer(200, schema), ApiOperation({ summary }));
}

/**
 * A write: its summary, its success answer (as ApiAnswer) and its refusals (as ApiWriteRefusals). Applied in the
 * order the three stacked decorators were, so the document is the same.
 */
export function ApiWrite(
  summary: string,
  answer: Parameters<typeof ApiAnswer>,
  refusals: Parameters<typeof ApiWriteRefusals>[0] = {},
) {
  return applyDecorators(ApiWriteRefusals(refusals), ApiAnswer(...answer), ApiOperation({ summary }));
}
