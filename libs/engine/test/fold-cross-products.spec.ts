/**
 * Cross products handed to evaluateFold (as the server's runner computes them once per sweep: each disjoint row
 * block's AᵀA, added into the whole dataset's) must give the fold the same fits as computing them in the fold, be
 * what it actually fits from, and be ignored when their row counts do not fit the fold.
 */
import {
  addCrossProducts,
  crossProducts,
  datasetCentre,
  type CrossProducts,
  type DatasetCrossProducts,
} from '../src/data/cross-products';
import { evaluateFold } from '../src/cv/evaluate-fold';
import type { FoldCrossProducts } from '../src/cv/gram-fold';
import { makeSplitPlan } from '../src/cv/splits';
import { lambdaGrid } from '../src/path/lambda-grid';
import type { Dataset, PathSpec } from '../src/types';
import { syntheticDataset } from './helpers/synthetic';
import { maxRelativeDifference } from './helpers/relative-difference';

describe('fold cross products given to evaluateFold', () => {
  const data: Dataset = syntheticDataset({ rows: 603, cols: 17, model: 'linear', seed: 11 });
  // 10% test rows, 5 folds: blocks T, V_1..V_5 partition the rows.
  const plan = makeSplitPlan(data.x.rows, { kind: 'kfold', folds: 5, shuffle: true, seed: 1 }, 0.1);
  const { centre, responseCentre } = datasetCentre(data);
  const blockOf = (rows: Int32Array) => crossProducts(data, rows, centre, responseCentre);
  const test = blockOf(plan.testRows);
  const validation = new Map(plan.folds.filter((f) => f.fold > 0).map((f) => [f.fold, blockOf(f.validationRows)]));
  const q = data.x.cols + 2;
  const full: DatasetCrossProducts = {
    ...addCrossProducts([test, ...validation.values()], new Float64Array(q * q)),
    centre,
    responseCentre,
  };
  const spec: PathSpec = {
    model: 'linear',
    penalty: { kind: 'elasticnet', l1Ratio: 0.5 },
    lambdas: lambdaGrid({ auto: { count: 30 } }, data, plan.fitRows, 'linear', { kind: 'l1', l1Ratio: 1 }, true),
    standardize: true,
    solver: { kind: 'cd', tolerance: 1e-12, maxIterations: 100000 },
  };

  it('the blocks add up to the whole dataset', () => {
    const direct = crossProducts(data, null, centre, responseCentre);
    expect(maxRelativeDifference(full.values, direct.values)).toBeLessThan(1e-13);
    // One block is not the whole: the comparison can fail.
    expect(maxRelativeDifference(test.values, direct.values)).toBeGreaterThan(0.1);
  });

  for (const foldNumber of [0, 1, 3]) {
    it(`fold ${foldNumber}: same scores as the cross products computed in the fold`, () => {
      const fold = plan.folds.find((f) => f.fold === foldNumber)!;
      const given: FoldCrossProducts =
        foldNumber === 0
          ? { full, validation: test, others: null }
          : { full, validation: validation.get(foldNumber)!, others: test };
      const computed = evaluateFold(data, fold, spec, 'mse');
      const fromGiven = evaluateFold(data, fold, spec, 'mse', undefined, given);
      expect(maxRelativeDifference(fromGiven.validation, computed.validation)).toBeLessThan(1e-9);
      expect(maxRelativeDifference(fromGiven.train, computed.train)).toBeLessThan(1e-9);
      expect(fromGiven.fits.map((fit) => fit.nonzeros)).toEqual(computed.fits.map((fit) => fit.nonzeros));
    });
  }

  it('fits from the given sums: with the response column scaled (row counts kept) the result changes', () => {
    const fold = plan.folds.find((f) => f.fold === 2)!;
    const p = q - 2;
    // S[p][k] = Σ ỹ·a_k: tripled for every k but the count entry, as if the response were 3 times larger.
    const scaleResponse = (s: CrossProducts): CrossProducts => {
      const values = Float64Array.from(s.values);
      for (let k = 0; k < q; k++) {
        if (k === p + 1) continue;
        values[p * q + k] *= 3;
        values[k * q + p] *= 3;
      }
      return { size: s.size, values };
    };
    const given = {
      full: { ...full, ...scaleResponse(full) },
      validation: scaleResponse(validation.get(2)!),
      others: scaleResponse(test),
    };
    const computed = evaluateFold(data, fold, spec, 'mse');
    const fromGiven = evaluateFold(data, fold, spec, 'mse', undefined, given);
    expect(maxRelativeDifference(fromGiven.validation, computed.validation)).toBeGreaterThan(0.01);
  });

  it('ignores sums whose row counts do not fit the fold', () => {
    const fold = plan.folds.find((f) => f.fold === 2)!;
    // Fold 1's validation block on fold 2 (sizes differ: 603 − 60 test rows over 5 folds is 108 or 109 rows each).
    const other = plan.folds.find((f) => f.fold > 0 && f.validationRows.length !== fold.validationRows.length)!;
    const wrong = { full, validation: validation.get(other.fold)!, others: test };
    const computed = evaluateFold(data, fold, spec, 'mse');
    const fromWrong = evaluateFold(data, fold, spec, 'mse', undefined, wrong);
    expect(Array.from(fromWrong.validation)).toEqual(Array.from(computed.validation));
  });
});
