import { InvalidInputError, type InputProblem } from '@regsweep/datasets';
import type { NextFunction, Request, Response } from 'express';

/**
 * Bounds on the shape of a parsed JSON body, checked in one pass before any validator runs. Validation costs grow
 * with the number of fields and items (class-validator built one error per unknown key: 250,000 keys took 33 s), and
 * class-transformer recurses once per nesting level (3,000 levels overflowed the stack). No valid body comes near
 * these bounds: a schedule's `sweep.split.foldIds` is 4 levels deep, a config has about 20 fields.
 */
export const MAX_BODY_DEPTH = 16;
export const MAX_OBJECT_KEYS = 100;
/** λ values, l1Ratios, penalties…: the longest is an explicit λ list of at most 10,000 values. */
export const MAX_ARRAY_ITEMS = 10_000;
/** `foldIds` holds one fold per data row, and a dataset has at most 1,000,000 rows. */
export const MAX_FOLD_IDS = 1_000_000;
const MAX_SHAPE_PROBLEMS = 20;

/** Why the body's shape is out of bounds (empty when it is not), at most 20 problems, found without recursion. */
export function bodyShapeProblems(body: unknown): InputProblem[] {
  const problems: InputProblem[] = [];
  const pending: [unknown, string, number][] = [[body, '', 0]];
  while (pending.length > 0 && problems.length < MAX_SHAPE_PROBLEMS) {
    const [node, path, depth] = pending.pop() as [unknown, string, number];
    if (typeof node !== 'object' || node === null) continue;
    if (depth >= MAX_BODY_DEPTH) {
      problems.push({ path: path || 'body', message: `is nested deeper than ${MAX_BODY_DEPTH} levels` });
      continue;
    }
    const isArray = Array.isArray(node);
    const size = isArray ? node.length : Object.keys(node).length;
    const limit = isArray ? (path.endsWith('foldIds') ? MAX_FOLD_IDS : MAX_ARRAY_ITEMS) : MAX_OBJECT_KEYS;
    if (size > limit) {
      const what = isArray ? 'items' : 'fields';
      problems.push({ path: path || 'body', message: `has ${size} ${what}, at most ${limit} are accepted` });
      continue;
    }
    // Arrays by index: Object.entries of a million fold ids would build a million pairs.
    const keys = isArray ? undefined : Object.keys(node);
    for (let i = 0; i < size; i++) {
      const key = keys ? keys[i] : String(i);
      const child = keys ? (node as Record<string, unknown>)[key] : (node as unknown[])[i];
      if (typeof child === 'object' && child !== null) pending.push([child, path ? `${path}.${key}` : key, depth + 1]);
    }
  }
  return problems;
}

/** Express middleware: a body out of bounds is refused (400) before any validation. */
export function rejectOversizedShapes(request: Request, _response: Response, next: NextFunction): void {
  const problems = bodyShapeProblems(request.body);
  next(problems.length > 0 ? new InvalidInputError(problems) : undefined);
}
