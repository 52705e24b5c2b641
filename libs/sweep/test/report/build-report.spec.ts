/** The report on hand-made fold results, where every expected number can be worked out by hand. */
import { designMatrixFromRows, type FoldPathResult, type PenaltyKind, type PointFit } from '@regsweep/engine';
import { validateSweepConfig } from '../../src/config';
import { buildReport, pairedTTest } from '../../src/report';
import type { CurveResults, SweepConfig } from '../../src/types';

// Six rows, one feature x = 0..5, y = 1 + 2x + (0.5 on the test rows 4 and 5).
const data = {
  x: designMatrixFromRows(['x'], [[0], [1], [2], [3], [4], [5]]),
  y: Float64Array.of(1, 3, 5, 7, 9.5, 11.5),
};
const noTestRows = new Int32Array(0);

function fit(lambda: number, options: Partial<PointFit> = {}): PointFit {
  return {
    lambda,
    intercept: 1,
    coefficients: Float64Array.of(2),
    nonzeros: 1,
    objective: 0,
    iterations: 3,
    converged: true,
    status: 'ok',
    ...options,
  };
}

/** K folds of `size` validation rows; validation[j][k] / train[j][k] is fold k's value at the j-th λ. */
function folds(lambdas: number[], train: number[][], validation: number[][], size = 10): FoldPathResult[] {
  return validation[0].map((_, k) => ({
    fold: k + 1,
    trainSize: size * (validation[0].length - 1),
    validationSize: size,
    fits: lambdas.map((lambda) => fit(lambda)),
    train: Float64Array.from(train, (row) => row[k]),
    validation: Float64Array.from(validation, (row) => row[k]),
  }));
}

function curve(index: number, penalty: PenaltyKind, lambdas: number[], foldResults: FoldPathResult[]): CurveResults {
  return {
    curve: { index, penalty, l1Ratio: penalty === 'l1' ? 1 : 0, lambdas: Float64Array.from(lambdas) },
    folds: foldResults,
    full: lambdas.map((lambda, j) => fit(lambda, { nonzeros: j })),
  };
}

function config(fields: Record<string, unknown> = {}): SweepConfig {
  return validateSweepConfig({ name: 'hand', dataset: 'd', model: 'linear', ...fields });
}

function report(results: CurveResults[], fields: Record<string, unknown> = {}, testRows = noTestRows) {
  return buildReport({ sweepId: 's', config: config(fields), results, featureNames: ['x'], data, testRows });
}

const same = (value: number) => [value, value, value];
const around = (value: number) => [value - 0.1, value, value + 0.1];
const lambdas = [10, 1, 0.1, 0.01];

/**
 * Validation mse 10, 5, 6, 8 (fold spread ±0.1) while train falls 9.5, 4, 3, 2: the minimum is at λ = 1,
 * validationSd there = sqrt(Σ w (e − m)² / Σ w / (K − 1)) = sqrt((10·0.01 + 0 + 10·0.01) / 30 / 2) = 0.05774.
 */
const overfitting = curve(0, 'l1', lambdas, folds(lambdas, [9.5, 4, 3, 2].map(same), [10, 5, 6, 8].map(around)));

describe('buildReport: overfitting diagnosis', () => {
  it('says a curve overfits at small λ and underfits at large λ, quoting the numbers', () => {
    const { penalties, best } = report([overfitting]);
    const [l1] = penalties;
    expect(l1.lambdaMin).toBe(1);
    expect(l1.lambda1se).toBe(1);
    expect(l1.curve.map((p) => [p.lambda, p.validation, p.train, p.nonzeros])).toEqual([
      [10, 10, 9.5, 0],
      [1, 5, 4, 1],
      [0.1, 6, 3, 2],
      [0.01, 8, 2, 3],
    ]);
    expect(l1.curve[1].validationSd).toBeCloseTo(Math.sqrt(0.2 / 30 / 2), 12);
    expect(l1.overfitting).toMatchObject({
      overfitsAtSmallLambda: true,
      underfitsAtLargeLambda: true,
      edge: 'none',
      gapAtLambdaMin: 1,
    });
    expect(l1.overfitting.verdict).toContain(
      'Overfits at small λ: validation mse worsens from 5 at λMin 1 to 8 at λ 0.01 (more than validationSd 0.05774), ' +
        'while train mse improves from 4 to 2.',
    );
    expect(l1.overfitting.verdict).toContain('at λ 10 validation mse 10 and train 9.5 are both worse than 5 and 4');
    expect(best).toMatchObject({ penalty: 'l1', lambda: 1, validation: { mean: 5 }, train: { mean: 4 }, gap: 1 });
    expect(best!.coefficients).toEqual({ x: 2 });
  });

  it('does not call a rise within one validationSd overfitting', () => {
    const flat = curve(0, 'l1', lambdas, folds(lambdas, [9.5, 4, 3, 2].map(same), [10, 5, 5.05, 5.05].map(around)));
    const { overfitting: diagnosis } = report([flat]).penalties[0];
    expect(diagnosis.overfitsAtSmallLambda).toBe(false);
    expect(diagnosis.verdict).toContain('Underfits at large λ');
  });

  it('flips the direction for scores (r2: higher is better)', () => {
    const scores = curve(0, 'l1', lambdas, folds(lambdas, [-9.5, -4, -3, -2].map(same), [-10, -5, -6, -8].map(around)));
    const [l1] = report([scores], { metric: 'r2' }).penalties;
    expect(l1.lambdaMin).toBe(1);
    expect(l1.overfitting).toMatchObject({
      overfitsAtSmallLambda: true,
      underfitsAtLargeLambda: true,
      gapAtLambdaMin: 1,
    });
  });
});

describe('buildReport: edges of the grid', () => {
  it.each([
    {
      end: 'small',
      penalty: 'l1' as const,
      means: { train: [9, 7, 5, 3], validation: [10, 8, 6, 4] },
      fields: { selection: 'min' },
      warning:
        'l1: the best λ sits at the small end of the grid (lambdaMin 0.01, chosen λ 0.01); it may be smaller: ' +
        'extend lambdas below 0.01 (e.g. down to 0.001).',
    },
    {
      end: 'large',
      penalty: 'l2' as const,
      means: { train: [5, 4, 3, 2], validation: [5, 6, 7, 8] },
      fields: {},
      warning:
        'l2: the best λ sits at the large end of the grid (lambdaMin 10, chosen λ 10); it may be larger: ' +
        'extend lambdas above 10 (e.g. up to 100).',
    },
  ])(
    'warns to extend the grid past its $end end when the best λ is there',
    ({ end, penalty, means, fields, warning }) => {
      const results = folds(lambdas, means.train.map(same), means.validation.map(around));
      const result = report([curve(0, penalty, lambdas, results)], fields);
      expect(result.penalties[0].overfitting.edge).toBe(end);
      expect(result.warnings).toEqual([warning]);
    },
  );

  it('flags the small end when lambdaMin is there even if 1se picks an inner λ', () => {
    // min 4 at λ 0.01 with sd 0.0577; 1se takes the largest λ with mean ≤ 4.0577: λ 0.1 (4.05).
    const shallow = curve(0, 'l1', lambdas, folds(lambdas, [9, 7, 5, 3].map(same), [10, 8, 4.05, 4].map(around)));
    const result = report([shallow]);
    expect(result.penalties[0].lambda1se).toBe(0.1);
    expect(result.penalties[0].overfitting.edge).toBe('small');
    expect(result.warnings[0]).toContain('(lambdaMin 0.01, chosen λ 0.1)');
  });

  it('has no edge for a single-λ curve (penalty none)', () => {
    const none = curve(0, 'none', [0], folds([0], [same(2)], [around(3)]));
    const result = report([none]);
    expect(result.penalties[0].overfitting.edge).toBe('none');
    expect(result.penalties[0].overfitting.verdict).toBe(
      'One λ (0), nothing to compare along a path: validation mse 3, train 2, gap 1.',
    );
    expect(result.warnings).toEqual([]);
  });
});

describe('buildReport: best, comparison, warnings', () => {
  it('picks the curve with the best validation at its lambdaMin; a tie goes to the earlier curve', () => {
    const a = curve(0, 'l1', lambdas, folds(lambdas, [9, 4, 3, 2].map(same), [10, 5, 6, 8].map(around)));
    const b = curve(1, 'l2', lambdas, folds(lambdas, [9, 4, 3, 2].map(same), [10, 6, 5, 8].map(around)));
    const c = curve(2, 'none', [0], folds([0], [same(4)], [around(5.5)]));
    expect(report([c, a, b]).best!.penalty).toBe('l1');
    expect(report([c, b, a]).best!.penalty).toBe('l2');
  });

  it('compares curves by a paired t-test on their fold losses at the chosen λ', () => {
    // d_k = 1, 2, 3, 4: mean 2.5, sd = sqrt(5/3), t = 2.5 / (sd/2) = √15, 3 degrees of freedom.
    // Student t with 3 dof: P(T ≤ t) = 1/2 + (1/π)·( (t/√3)/(1 + t²/3) + atan(t/√3) ); t/√3 = √5, t²/3 = 5,
    // so p = 2·(1 − P(T ≤ √15)) = 1 − (2/π)·(√5/6 + atan(√5)) = 0.0304663…
    const expectedP = 1 - (2 / Math.PI) * (Math.sqrt(5) / 6 + Math.atan(Math.sqrt(5)));
    const a = curve(0, 'l2', [1], folds([1], [[0, 0, 0, 0]], [[11, 12, 13, 14]]));
    const b = curve(1, 'none', [0], folds([0], [[0, 0, 0, 0]], [[10, 10, 10, 10]]));
    const [comparison] = report([a, b]).comparison;
    expect(comparison.a).toEqual({ penalty: 'l2', l1Ratio: 0 });
    expect(comparison.b).toEqual({ penalty: 'none', l1Ratio: 0 });
    expect(comparison.meanDifference).toBeCloseTo(2.5, 12);
    expect(comparison.sdDifference).toBeCloseTo(Math.sqrt(5 / 3), 12);
    expect(comparison.pValue).toBeCloseTo(expectedP, 10);
    expect(expectedP).toBeCloseTo(0.0304663, 7);
    expect(pairedTTest([1, 1, 1])).toEqual({ meanDifference: 1, sdDifference: 0, pValue: 0 });
    expect(pairedTTest([0, 0])).toEqual({ meanDifference: 0, sdDifference: 0, pValue: 1 });
    expect(pairedTTest([2])).toEqual({ meanDifference: 2, sdDifference: null, pValue: null });
  });

  it('holdout (K = 1): no sd, 1se falls back to min with a warning, the diagnosis uses 1%', () => {
    const holdout = curve(0, 'l1', lambdas, folds(lambdas, [[9], [4], [3], [2]], [[10], [5], [5.04], [5.2]]));
    const result = report([holdout]);
    const [l1] = result.penalties;
    expect(l1.lambdaMin).toBe(1);
    expect(l1.lambda1se).toBe(1);
    expect(l1.curve.every((p) => p.validationSd === null)).toBe(true);
    expect(result.best!.validation.sd).toBeNull();
    // 5.2 is 4% above 5 (> 1%): overfits; 5.04 would not have been.
    expect(l1.overfitting.overfitsAtSmallLambda).toBe(true);
    expect(l1.overfitting.verdict).toContain('(more than 1% of it, 0.05)');
    expect(result.warnings).toEqual([
      'The split has a single validation fold (holdout): validationSd is undefined, so selection 1se fell back to min.',
    ]);
    const comparisons = report([holdout, curve(1, 'none', [0], folds([0], [[1]], [[6]]))]).comparison;
    expect(comparisons[0].pValue).toBeNull();
  });

  it('counts fits that did not converge or diverged, with their λ', () => {
    const results = curve(0, 'l1', lambdas, folds(lambdas, [9, 4, 3, 2].map(same), [10, 5, 6, 8].map(around)));
    const [first, second] = results.folds;
    first.fits[3] = fit(0.01, { status: 'not_converged', converged: false });
    second.fits[2] = fit(0.1, { status: 'not_converged', converged: false });
    second.fits[3] = fit(0.01, { status: 'diverged', converged: false, reason: 'loss became non-finite at epoch 12' });
    expect(report([results]).warnings).toEqual([
      'l1: 2 of 16 fits did not converge (λ 0.1, 0.01); raise solver.maxIterations (cd) or solver.epochs (gd), ' +
        'or loosen solver.tolerance.',
      'l1: 1 of 16 fits diverged (λ 0.01); they are left out of the statistics. Lower solver.learningRate. ' +
        'First reason: loss became non-finite at epoch 12.',
    ]);
  });

  it('scores the chosen model once on the test rows when testFraction > 0', () => {
    // Best fit: η = 1 + 2x; on rows 4 and 5 (x = 4, 5) the errors are 0.5 and 0.5, so mse = 0.25.
    const results = [curve(0, 'l1', lambdas, folds(lambdas, [9, 4, 3, 2].map(same), [10, 5, 6, 8].map(around)))];
    const result = report(results, { testFraction: 0.3 }, Int32Array.of(4, 5));
    expect(result.best!.test).toEqual({ mse: 0.25 });
    expect(report(results, { testFraction: 0.3, metric: 'mae' }, Int32Array.of(4, 5)).best!.test).toEqual({ mae: 0.5 });
  });
});
