import { problemsOf } from '../../errors/test/helpers/problems-of';
import { parseCsvDataset, type CsvOptions } from '../src';

/** The problems parseCsvDataset finds in `text`. */
const csvProblems = (text: string, options: CsvOptions = {}) => problemsOf(() => parseCsvDataset(text, options));

describe('parseCsvDataset', () => {
  it('reads features column-major and the last column as the default target', () => {
    const parsed = parseCsvDataset('a,b,y\n1,2,3\n4,5,6\n-7.5,8e-1,9\n');
    expect(parsed.names).toEqual(['a', 'b']);
    expect(parsed.target).toBe('y');
    expect(parsed.rows).toBe(3);
    expect(parsed.x.rows).toBe(3);
    expect(parsed.x.cols).toBe(2);
    expect(Array.from(parsed.x.values)).toEqual([1, 4, -7.5, 2, 5, 0.8]);
    expect(Array.from(parsed.y)).toEqual([3, 6, 9]);
    expect(parsed.task).toBe('regression');
  });

  it('takes a named target from the middle and drops it from the features', () => {
    const parsed = parseCsvDataset(Buffer.from('\uFEFFa, label ,b\r\n1,0,2\r\n3,1,4\r\n\r\n'), { target: 'label' });
    expect(parsed.names).toEqual(['a', 'b']);
    expect(Array.from(parsed.x.values)).toEqual([1, 3, 2, 4]);
    expect(Array.from(parsed.y)).toEqual([0, 1]);
    expect(parsed.task).toBe('binary');
  });

  it('accepts quoted numeric cells', () => {
    expect(Array.from(parseCsvDataset('"x","y"\n"1.5","2"\n').y)).toEqual([2]);
  });

  it('calls a target binary only when it holds exactly 0 and 1', () => {
    expect(parseCsvDataset('x,y\n1,1\n2,1\n').task).toBe('regression');
    expect(parseCsvDataset('x,y\n1,1\n2,0.5\n').task).toBe('regression');
    expect(parseCsvDataset('x,y\n1,1\n2,0\n', { model: 'logistic' }).task).toBe('binary');
  });

  it.each<[string, string, CsvOptions, string, RegExp]>([
    ['an empty file', '', {}, 'file', /empty/],
    ['a blank file', ' \n\n', {}, 'file', /empty/],
    ['a header only', 'a,b\n', {}, 'file', /no data rows/],
    ['a single column', 'y\n1\n', {}, 'file', /no feature columns/],
    ['an empty column name', 'a,,y\n1,2,3\n', {}, 'file: header', /column 2 has an empty name/],
    ['a duplicate column name', 'a,b,a\n1,2,3\n', {}, 'file: header', /duplicate column name "a" \(columns 1 and 3\)/],
    ['a ragged row', 'a,y\n1,2\n3\n', {}, 'file: row 2', /has 1 values, expected 2 \(line 3\)/],
    ['a long row', 'a,y\n1,2,3\n', {}, 'file: row 1', /has 3 values, expected 2/],
    ['a non-numeric cell', 'a,bmi,y\n1,2,3\n4,abc,6\n', {}, 'file: row 2, column bmi', /not a number: "abc"/],
    ['a hex cell', 'a,y\n0x1F,1\n', {}, 'file: row 1, column a', /not a number/],
    ['an empty cell', 'a,y\n,1\n', {}, 'file: row 1, column a', /missing value/],
    ['a NaN cell', 'a,y\nNaN,1\n', {}, 'file: row 1, column a', /NaN and Infinity/],
    ['an Infinity cell', 'a,y\n1,-Infinity\n', {}, 'file: row 1, column y', /NaN and Infinity/],
    ['an overflowing cell', 'a,y\n1e400,1\n', {}, 'file: row 1, column a', /out of range/],
    ['an unknown target', 'a,b\n1,2\n', { target: 'zz' }, 'target', /unknown column "zz"; the columns are: a, b/],
    [
      'a non-binary logistic target',
      'a,y\n1,0\n2,2\n',
      { model: 'logistic' },
      'target',
      /0\/1 target: "y" is 2 in row 2/,
    ],
    ['a one-class logistic target', 'a,y\n1,1\n2,1\n', { model: 'logistic' }, 'target', /both classes/],
    ['too many rows', 'a,y\n1,1\n2,2\n3,3\n', { maxRows: 2 }, 'file', /too many rows/],
    ['too many columns', 'a,b,c,y\n1,1,1,1\n', { maxColumns: 3 }, 'file: header', /too many columns: 4, at most 3/],
    ['an unclosed quote', 'a,y\n"1,2\n', {}, 'file', /not a readable CSV/],
  ])('rejects %s', (_name, text, options, path, message) => {
    const [problem] = csvProblems(text, options);
    expect(problem.path).toBe(path);
    expect(problem.message).toMatch(message);
  });

  it('accepts exactly maxRows rows', () => {
    expect(parseCsvDataset('a,y\n1,1\n2,2\n', { maxRows: 2 }).rows).toBe(2);
  });

  it('reports several bad cells at once, capped at 20', () => {
    expect(csvProblems('a,b,y\nx,1,2\n3,y,4\n').map((p) => p.path)).toEqual([
      'file: row 1, column a',
      'file: row 2, column b',
    ]);
    const junk = 'a,y\n' + Array.from({ length: 100 }, () => 'q,q').join('\n');
    expect(csvProblems(junk)).toHaveLength(20);
  });
});
