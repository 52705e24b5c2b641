import fc from 'fast-check';
import { InvalidInputError, parseCsvDataset } from '../src';

const columnName = fc
  .stringMatching(/^[A-Za-z_][A-Za-z0-9_ .-]{0,11}$/)
  .map((s) => s.trim())
  .filter((s) => s !== '');
const finite = fc.double({ noNaN: true, noDefaultInfinity: true });

/** A random numeric table: unique names, 1..6 columns, 1..30 rows of finite doubles. */
const table = fc.uniqueArray(columnName, { minLength: 2, maxLength: 6 }).chain((names) =>
  fc.record({
    names: fc.constant(names),
    rows: fc.array(fc.array(finite, { minLength: names.length, maxLength: names.length }), {
      minLength: 1,
      maxLength: 30,
    }),
    lineEnd: fc.constantFrom('\n', '\r\n'),
  }),
);

describe('parseCsvDataset properties', () => {
  it('round-trips any numeric table exactly (String(v) is the shortest round-trip form)', () => {
    fc.assert(
      fc.property(table, ({ names, rows, lineEnd }) => {
        const text = [names.join(','), ...rows.map((row) => row.map(String).join(','))].join(lineEnd) + lineEnd;
        const parsed = parseCsvDataset(text);
        const p = names.length - 1;
        expect(parsed.names).toEqual(names.slice(0, p));
        expect(parsed.target).toBe(names[p]);
        expect(parsed.rows).toBe(rows.length);
        rows.forEach((row, i) => {
          // -0 is written "0" by String(), so compare with +0 folded in.
          expect(parsed.y[i]).toBe(row[p] + 0);
          for (let j = 0; j < p; j++) expect(parsed.x.values[j * rows.length + i]).toBe(row[j] + 0);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('never throws anything but InvalidInputError on junk text', () => {
    const junkChars = fc.constantFrom(...'0123456789.,-+eE"\n\r abcxyzNaN\t;'.split(''));
    const junk = fc.oneof(fc.string(), fc.string({ unit: junkChars, maxLength: 200 }), fc.string({ unit: 'binary' }));
    fc.assert(
      fc.property(
        junk,
        fc.option(fc.constantFrom<'linear' | 'logistic'>('linear', 'logistic'), { nil: undefined }),
        (text, model) => {
          try {
            const parsed = parseCsvDataset(text, { model });
            expect(parsed.rows).toBeGreaterThan(0);
            expect(Array.from(parsed.x.values).every(Number.isFinite)).toBe(true);
          } catch (error) {
            if (!(error instanceof InvalidInputError)) throw error;
            expect(error.errors.length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('never throws anything but InvalidInputError on junk bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        try {
          parseCsvDataset(Buffer.from(bytes));
        } catch (error) {
          if (!(error instanceof InvalidInputError)) throw error;
        }
      }),
      { numRuns: 1000 },
    );
  });
});
