/**
 * A softmax network on integer class codes (issue 16): a fold task given iris with its species as the codes 3/7/9
 * (a numeric y, no labels) fits and scores exactly what it does on the text labels (y the label indices), as the
 * multinomial fold task does: the codes are mapped to their indices in numeric order.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { designMatrixFromRows } from '../src/data/design-matrix';
import { evaluateFold } from '../src/cv/evaluate-fold';
import type { Dataset, PathSpec } from '../src/types';
import { FIXTURE_DIR } from './helpers/read-csv';

const fixture = JSON.parse(readFileSync(join(FIXTURE_DIR, 'mlp-softmax', 'mlp-softmax-iris.json'), 'utf8')) as {
  data: { features: string[]; classes: string[]; x: number[][]; y: number[] };
};
const x = designMatrixFromRows(fixture.data.features, fixture.data.x);
const labelled: Dataset = { x, y: Float64Array.from(fixture.data.y), classes: fixture.data.classes };
const CODES = [3, 7, 9];
const coded: Dataset = { x, y: Float64Array.from(fixture.data.y, (k) => CODES[k]) };

const rows = Array.from({ length: x.rows }, (_, i) => i);
const fold = {
  fold: 1,
  trainRows: Int32Array.from(rows.filter((i) => i % 4 !== 0)),
  validationRows: Int32Array.from(rows.filter((i) => i % 4 === 0)),
};
const spec: PathSpec = {
  model: 'logistic',
  penalty: { kind: 'l2', l1Ratio: 0 },
  lambdas: Float64Array.of(0.01, 0.001),
  standardize: true,
  solver: { kind: 'cd', maxIterations: 1000, tolerance: 1e-7 },
  mlp: {
    network: { hidden: [5], activation: 'tanh', output: 'softmax' },
    solver: { kind: 'adam', learningRate: 0.05, momentum: 0, epochs: 30, seed: 4, batchSize: 32 },
  },
};

describe('a softmax network fold task on integer class codes', () => {
  it.each(['logloss', 'accuracy', 'f1'] as const)('trains and scores (%s) as on the text labels', (metric) => {
    const onLabels = evaluateFold(labelled, fold, spec, metric);
    const onCodes = evaluateFold(coded, fold, spec, metric);
    expect(onCodes.train).toEqual(onLabels.train);
    expect(onCodes.validation).toEqual(onLabels.validation);
    expect(onCodes.fits.map((f) => f.nonzeros)).toEqual(onLabels.fits.map((f) => f.nonzeros));
    expect(Array.from(onLabels.validation).every(Number.isFinite)).toBe(true);
  });
});
