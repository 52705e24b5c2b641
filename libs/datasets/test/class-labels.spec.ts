/** A target column of class labels: strings or integers, encoded as indices into the sorted labels. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidInputError, loadDataset, parseCsvDataset, readCsvFile } from '../src';

describe('class labels in the target', () => {
  it('iris: 150 rows, 3 species in sorted order, 50 each', () => {
    const iris = loadDataset('iris');
    expect(iris.task).toBe('multiclass');
    expect(iris.classes).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(iris.names).toEqual(['sepal_length', 'sepal_width', 'petal_length', 'petal_width']);
    const counts = [0, 0, 0];
    iris.y.forEach((k) => counts[k]++);
    expect(counts).toEqual([50, 50, 50]);
    expect([iris.y[0], iris.y[50], iris.y[149]]).toEqual([0, 1, 2]);
  });

  it('mixes text and integer labels; a file reads as the same text does', () => {
    const text = 'a,b,kind\n1,2,cat\n3,4,7\n5,6,cat\n7,8,dog\n';
    const dir = mkdtempSync(join(tmpdir(), 'regsweep-labels-'));
    writeFileSync(join(dir, 'labels.csv'), text);
    for (const parsed of [parseCsvDataset(text), readCsvFile(join(dir, 'labels.csv'))]) {
      expect(parsed.classes).toEqual(['7', 'cat', 'dog']);
      expect(Array.from(parsed.y)).toEqual([1, 0, 1, 2]);
      expect(parsed.task).toBe('multiclass');
    }
  });

  it('a numeric target stays numeric, with its bad cells reported as before', () => {
    expect(parseCsvDataset('a,y\n1,2\n3,4\n').classes).toBeUndefined();
    expect(() => parseCsvDataset('a,y\n1,2\n3,NaN\n')).toThrow(/NaN and Infinity are not allowed/);
  });

  it('rejects an empty label and class labels for a logistic model, naming the place', () => {
    const missing = (() => {
      try {
        parseCsvDataset('a,y\n1,cat\n2,\n3,dog\n');
      } catch (error) {
        return error as InvalidInputError;
      }
    })();
    expect(missing?.errors).toEqual([{ path: 'file: row 2, column y', message: 'missing value' }]);
    expect(() => parseCsvDataset('a,y\n1,cat\n2,dog\n', { model: 'logistic' })).toThrow(/holds class labels/);
  });
});
