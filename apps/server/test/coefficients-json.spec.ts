/**
 * The trial's coefficients text: the {name: value} object JSON.stringify would give (non-finite values as null),
 * with the keys in column order (JSON.stringify of an object would move integer-like names such as "0" first).
 */
import fc from 'fast-check';
import { coefficientsJson, quotedKeys } from '../src/store/coefficients-json';

const asObject = (names: string[], values: Float64Array): unknown =>
  JSON.parse(JSON.stringify(Object.fromEntries(names.map((name, j) => [name, values[j]]))));

describe('coefficientsJson', () => {
  it('writes awkward names and values as JSON, in column order', () => {
    const names = ['age', 'bmi "q"', 'back\\slash', 'ünï', 'new\nline', '', '__proto__x', '0'];
    const values = Float64Array.from([1.5, -0, NaN, Infinity, -Infinity, 1e-300, -123456789.123, 2]);
    const text = coefficientsJson(quotedKeys(names), values);
    expect(text).toBe(
      '{"age":1.5,"bmi \\"q\\"":0,"back\\\\slash":null,"ünï":null,"new\\nline":null,"":1e-300,' +
        '"__proto__x":-123456789.123,"0":2}',
    );
    expect(JSON.parse(text)).toEqual(asObject(names, values));
  });

  it('parses to the same object as JSON.stringify gives, for random unique names and doubles', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string(), { maxLength: 30 }),
        fc.array(fc.double(), { maxLength: 30 }),
        (names, raw) => {
          const usable = names.filter((name) => name !== '__proto__');
          const values = Float64Array.from(usable, (_, j) => raw[j] ?? 0);
          expect(JSON.parse(coefficientsJson(quotedKeys(usable), values))).toEqual(asObject(usable, values));
        },
      ),
      { numRuns: 300 },
    );
  });
});
