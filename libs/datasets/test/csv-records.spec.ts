/**
 * The one CSV tokenizer (csv-records.ts): quoted fields, its errors, and numbers converted from bytes against
 * Number() on the same text (the reference for every plain decimal).
 */
import fc from 'fast-check';
import { problemsOf } from '../../errors/test/helpers/problems-of';
import { parseCsvDataset } from '../src';
import { forEachRecord, fieldText } from '../src/csv-records';

function records(text: string, chunk?: number): string[][] {
  const bytes = Buffer.from(text);
  const out: string[][] = [];
  const collect = (record: Parameters<Parameters<typeof forEachRecord>[1]>[0]) => {
    out.push(Array.from({ length: record.count }, (_, k) => fieldText(record, k)));
  };
  if (chunk === undefined) forEachRecord({ whole: bytes }, collect);
  else
    forEachRecord(
      {
        // At most `chunk` bytes a read, so records and quotes straddle the reads.
        read: (buffer, offset, length, position) =>
          bytes.copy(buffer, offset, position, position + Math.min(length, chunk)),
      },
      collect,
    );
  return out;
}

/** The first problem parseCsvDataset finds in `text`. */
const problem = (text: string) => problemsOf(() => parseCsvDataset(text))[0];

describe('forEachRecord', () => {
  it('reads quoted fields with commas, line breaks and doubled quotes, blanks outside quotes dropped', () => {
    const text = 'a, "b,c" ,"say ""hi"""\r\n"multi\nline",2,\t3 \n\n   \n"",x,"y"';
    const expected = [
      ['a', 'b,c', 'say "hi"'],
      ['multi\nline', '2', '3'],
      ['', 'x', 'y'],
    ];
    expect(records(text)).toEqual(expected);
    for (const chunk of [1, 2, 3, 7]) expect(records(text, chunk)).toEqual(expected);
  });

  it('skips a byte order mark and counts lines across quoted line breaks', () => {
    const lines: number[] = [];
    forEachRecord({ whole: Buffer.from('\uFEFFa,b\n"1\n\n2",3\n\n4,5\n') }, (record) => {
      lines.push(record.line);
    });
    expect(lines).toEqual([1, 2, 6]);
    expect(records('\uFEFFa,b\n')).toEqual([['a', 'b']]);
  });

  it.each([
    ['a quote never closed', 'a,y\n"1,2\n', /a quote opened on line 2 is never closed/],
    ['text after a closing quote', 'a,y\n"1"x,2\n', /"x" after a closing quote on line 2/],
    ['a quote inside an unquoted value', 'a,y\n1"2,3\n', /a quote inside an unquoted value on line 2/],
  ])('rejects %s as an unreadable file', (_name, text, message) => {
    const { path, message: said } = problem(text);
    expect(path).toBe('file');
    expect(said).toMatch(/^not a readable CSV: /);
    expect(said).toMatch(message);
  });

  it('reports a ragged row at the line it starts on, after a multi-line quoted cell', () => {
    expect(problem('a,y\n"1\n",2\n3\n')).toEqual({ path: 'file: row 2', message: 'has 1 values, expected 2 (line 4)' });
  });
});

describe('numbers from bytes', () => {
  it('equal Number() on the same text, whatever the formatting, quoted or not', () => {
    const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
    const text = fc
      .oneof(
        finite.map(String),
        fc.tuple(finite, fc.integer({ min: 1, max: 21 })).map(([v, d]) => v.toPrecision(d)),
        fc.tuple(finite, fc.integer({ min: 0, max: 20 })).map(([v, d]) => v.toExponential(d)),
        fc
          .tuple(finite, fc.integer({ min: 0, max: 20 }))
          .map(([v, d]) => (Math.abs(v) < 1e21 ? v.toFixed(d) : String(v))),
        fc
          .tuple(fc.bigInt({ min: 0n, max: 10n ** 20n }), fc.integer({ min: -30, max: 30 }))
          .map(([m, e]) => `${m}e${e}`),
        fc.tuple(fc.nat(), fc.nat()).map(([a, b]) => `-${a}.${String(b).padStart(9, '0')}`),
      )
      .filter((s) => Number.isFinite(Number(s))); // out of range is an error (csv.spec.ts)
    fc.assert(
      fc.property(fc.array(text, { minLength: 2, maxLength: 2 }), fc.boolean(), ([a, b], quoted) => {
        const cell = (s: string) => (quoted ? `"${s}"` : s);
        const parsed = parseCsvDataset(`a,y\n${cell(a)},${cell(b)}\n`);
        expect(Object.is(parsed.x.values[0], Number(a))).toBe(true);
        expect(Object.is(parsed.y[0], Number(b))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
