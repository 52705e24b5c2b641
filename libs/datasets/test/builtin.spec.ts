import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILTIN_DATASETS, InvalidInputError, builtinCsvText, builtinDataDir, loadDataset } from '../src';

describe('built-in datasets', () => {
  it.each(BUILTIN_DATASETS.map((d) => [d.name, d] as const))('%s parses to its declared shape', (name, meta) => {
    const parsed = loadDataset(name);
    expect(parsed.rows).toBe(meta.rows);
    expect(parsed.names).toHaveLength(meta.features);
    expect(parsed.target).toBe(meta.target);
    expect(parsed.task).toBe(meta.task);
  });

  it('finds the data folder from the package root', () => {
    expect(builtinDataDir()).toBe(join(__dirname, '..', 'data'));
    expect(builtinCsvText('diabetes').split(/\r?\n/)[0]).toBe('age,sex,bmi,bp,s1,s2,s3,s4,s5,s6,progression');
  });

  it('reads the first diabetes row as in the file', () => {
    const diabetes = loadDataset('diabetes');
    const n = diabetes.rows;
    expect(Array.from({ length: 10 }, (_, j) => diabetes.x.values[j * n])).toEqual([
      59, 2, 32.1, 101, 157, 93.2, 38, 4, 4.8598, 87,
    ]);
    expect(diabetes.y[0]).toBe(151);
  });
});

describe('loadDataset', () => {
  it('reads a CSV path, with options', () => {
    const dir = mkdtempSync(join(tmpdir(), 'regsweep-datasets-'));
    const file = join(dir, 'small.csv');
    writeFileSync(file, 'u,v,w\n1,2,3\n4,5,6\n');
    const parsed = loadDataset(file, { target: 'u' });
    expect(parsed.names).toEqual(['v', 'w']);
    expect(Array.from(parsed.y)).toEqual([1, 4]);
  });

  it('answers a missing file with an InvalidInputError on path "data"', () => {
    expect(() => loadDataset('/no/such/file.csv')).toThrow(InvalidInputError);
    try {
      loadDataset('/no/such/file.csv');
    } catch (error) {
      expect((error as InvalidInputError).errors[0]).toEqual({
        path: 'data',
        message: expect.stringMatching(/^file not found: \/no\/such\/file\.csv/),
      });
    }
  });

  it('rejects a directory and a logistic model on a regression built-in', () => {
    expect(() => loadDataset(tmpdir())).toThrow(/not a file/);
    expect(() => loadDataset('diabetes', { model: 'logistic' })).toThrow(InvalidInputError);
  });
});
