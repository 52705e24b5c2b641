import type { InputProblem } from '@regsweep/datasets';

/**
 * Every refusal of the API, whatever its status (400, 401, 403, 404, 409, 413, 415, 421, 429), answers the same
 * shape: `{statusCode, message, errors: [{path, message}]}`. At most MAX_REPORTED_PROBLEMS problems are listed (a
 * body of 250,000 unknown keys must not answer a 13 MB error); `errorsOmitted` counts the rest.
 */
export interface ProblemBody {
  statusCode: number;
  message: string;
  errors: InputProblem[];
  errorsOmitted?: number;
}

export const MAX_REPORTED_PROBLEMS = 20;

export function problemBody(statusCode: number, message: string, errors: readonly InputProblem[]): ProblemBody {
  const listed = errors.slice(0, MAX_REPORTED_PROBLEMS).map(({ path, message: text }) => ({ path, message: text }));
  const body: ProblemBody = { statusCode, message, errors: listed };
  if (errors.length > listed.length) body.errorsOmitted = errors.length - listed.length;
  return body;
}
