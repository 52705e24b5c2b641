/**
 * Fit objects rebuilt from stored fold rows (runner/stored-results.ts): a validation fold's fit carries what is stored
 * of it, no coefficients; the full-data fit its coefficients, parsed when first read.
 */
import { pointFit } from '../src/runner/stored-results';
import type { StoredFoldRow } from '../src/store/store-types';

const row = (overrides: Partial<StoredFoldRow>): StoredFoldRow => ({
  curve: 0,
  lambdaIndex: 3,
  lambda: 0.25,
  fold: 2,
  trainSize: 8,
  validationSize: 4,
  train: 1,
  validation: 2,
  iterations: 7,
  converged: 0,
  status: 'not_converged',
  reason: 'maxIterations reached',
  intercept: 0.5,
  nonzeros: 1,
  coefficients: '{"a":0.5,"b":null}',
  intercepts: null,
  learningCurve: '{"epochs":[1,2],"train":[0.5,null],"validation":[1,2]}',
  networkParameters: null,
  ...overrides,
});

it('builds a validation fold’s fit from what is stored of it, without coefficients', () => {
  const fit = pointFit(row({}), null);
  expect(fit).toEqual({
    lambda: 0.25,
    intercept: NaN,
    coefficients: new Float64Array(0),
    nonzeros: 1, // the fold's own (fold_result.nonzeros)
    objective: NaN,
    iterations: 7,
    converged: false,
    status: 'not_converged',
    reason: 'maxIterations reached',
    learningCurve: { epochs: Int32Array.of(1, 2), train: Float64Array.of(0.5, NaN), validation: Float64Array.of(1, 2) },
  });
  // No reason or learning curve stored: none on the fit.
  const plain = pointFit(row({ status: 'ok', converged: 1, reason: null, learningCurve: null }), null);
  expect(Object.keys(plain)).not.toContain('reason');
  expect(Object.keys(plain)).not.toContain('learningCurve');
  expect(plain.converged).toBe(true);
  // A row stored before fold_result kept nonzeros: NaN, as every unknown number.
  expect(pointFit(row({ nonzeros: null }), null).nonzeros).toBeNaN();
});

it('builds the full-data fit with its stored coefficients, intercept and nonzeros', () => {
  const fit = pointFit(row({ fold: 0, learningCurve: null }), ['a', 'b']);
  expect(Array.from(fit.coefficients)).toEqual([0.5, NaN]);
  expect(fit).toMatchObject({ intercept: 0.5, nonzeros: 1, reason: 'maxIterations reached' });
});
