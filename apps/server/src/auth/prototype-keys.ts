import { InvalidInputError } from '@regsweep/datasets';
import { prototypeKeyPaths } from '@regsweep/sweep';
import type { NextFunction, Request, Response } from 'express';

/**
 * Refuses query parameters and JSON fields named like an Object.prototype member, at any depth. class-validator's
 * whitelist does not see them (a config with `"valueOf": "x"` or `?constructor=1` passed as valid, the field
 * silently ignored), and `__proto__` is the classic prototype-pollution key. No field of the API has such a name,
 * so each one is an unknown field: 400 like every other.
 */
export function rejectPrototypeKeys(request: Request, _response: Response, next: NextFunction): void {
  const paths = [...prototypeKeyPaths(request.query), ...prototypeKeyPaths(request.body)];
  next(
    paths.length > 0
      ? new InvalidInputError(paths.map((path) => ({ path, message: 'is not a known field' })))
      : undefined,
  );
}
