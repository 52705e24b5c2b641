/**
 * The byte scanner that bounds a JSON body's shape before JSON.parse, against an independent walk of the parsed
 * value: for any JSON text, it finds a problem exactly when the parsed value is nested too deep or has a container
 * with too many entries.
 */
import fc from 'fast-check';
import {
  jsonShapeProblem,
  MAX_ARRAY_ITEMS,
  MAX_BODY_DEPTH,
  MAX_FOLD_IDS,
  MAX_OBJECT_KEYS,
} from '../src/auth/body-shape';

/** Whether the parsed value breaks a bound: the reference the scanner is checked against. */
function breaksBounds(value: unknown, depth = 0, key = ''): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (depth >= MAX_BODY_DEPTH) return true;
  const entries = Object.entries(value);
  const limit = !Array.isArray(value) ? MAX_OBJECT_KEYS : key === 'foldIds' ? MAX_FOLD_IDS : MAX_ARRAY_ITEMS;
  if (entries.length > limit) return true;
  return entries.some(([childKey, child]) => breaksBounds(child, depth + 1, childKey));
}

const scan = (text: string) => jsonShapeProblem(Buffer.from(text, 'utf8'));

describe('jsonShapeProblem', () => {
  it('agrees with a walk of the parsed value on random JSON (strings with quotes, escapes, brackets)', () => {
    const text = fc.oneof(
      fc.jsonValue({ maxDepth: 20 }).map((value) => JSON.stringify(value)),
      fc.jsonValue({ maxDepth: 20 }).map((value) => JSON.stringify(value, null, 2)),
      fc.integer({ min: 1, max: 20 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth)),
    );
    fc.assert(
      fc.property(text, (json) => {
        expect(scan(json) !== null).toBe(breaksBounds(JSON.parse(json)));
      }),
      { numRuns: 300 },
    );
  });

  it('counts entries at the bound and one past it, names the path, and lets foldIds be long', () => {
    const keys = (n: number) =>
      JSON.stringify(Object.fromEntries(Array.from({ length: n }, (_, i) => [`k"{[${i}`, 1])));
    expect(scan(keys(MAX_OBJECT_KEYS))).toBeNull();
    expect(scan(keys(MAX_OBJECT_KEYS + 1))).toEqual({ path: 'body', message: 'has more than 100 fields' });
    const items = (n: number) => JSON.stringify({ lambdas: { values: new Array(n).fill(0.5) } });
    expect(scan(items(MAX_ARRAY_ITEMS))).toBeNull();
    expect(scan(items(MAX_ARRAY_ITEMS + 1))).toEqual({ path: 'lambdas.values', message: 'has more than 10000 items' });
    const folds = JSON.stringify({ sweep: { split: { foldIds: new Array(200_000).fill(3) } } });
    expect(scan(folds)).toBeNull();
    expect(scan('[[],[],[{"a":[[1]]}]]')).toBeNull();
    const nested = '{"a":[' + '{"b":'.repeat(MAX_BODY_DEPTH) + '1' + '}'.repeat(MAX_BODY_DEPTH) + ']}';
    expect(scan(nested)).toEqual({
      path: 'a.0' + '.b'.repeat(MAX_BODY_DEPTH - 2),
      message: 'is nested deeper than 16 levels',
    });
  });
});
