/** The input-error vocabulary lives in libs/errors (shared by every library and app); re-exported for the callers of this library. */
export { InvalidInputError, type InputProblem } from '@regsweep/errors';
