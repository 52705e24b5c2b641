import type { PenaltyReport, SweepReport } from '@regsweep/sweep';
import { thinReport } from '@regsweep/sweep';

function reportWithCurve(points: number, lambdaMinIndex: number, lambda1seIndex: number): SweepReport {
  const curve = Array.from({ length: points }, (_, i) => ({
    lambda: 10 * Math.pow(0.999, i),
    train: i,
    validation: i,
    validationSd: 1,
    gap: 0,
    nonzeros: i,
  }));
  const penalty: PenaltyReport = {
    penalty: 'l1',
    l1Ratio: 1,
    lambdaMin: curve[lambdaMinIndex].lambda,
    lambda1se: curve[lambda1seIndex].lambda,
    curve,
    overfitting: {
      verdict: '',
      gapAtLambdaMin: 0,
      edge: 'none',
      overfitsAtSmallLambda: false,
      underfitsAtLargeLambda: false,
    },
  };
  return {
    sweepId: 's',
    metric: 'mse',
    selection: '1se',
    best: null,
    penalties: [penalty],
    comparison: [],
    warnings: [],
  };
}

describe('thinReport', () => {
  it('leaves short curves alone', () => {
    const report = reportWithCurve(50, 10, 5);
    expect(thinReport(report, 500)).toBe(report);
  });

  it('keeps at most maxPoints points, both ends, lambdaMin and lambda1se, in decreasing λ order', () => {
    const report = reportWithCurve(33_333, 12_345, 777);
    const thinned = thinReport(report, 500).penalties[0];
    expect(thinned.curve.length).toBeLessThanOrEqual(500);
    expect(thinned.curve.length).toBeGreaterThan(490);
    const lambdas = thinned.curve.map((point) => point.lambda);
    expect(lambdas[0]).toBe(report.penalties[0].curve[0].lambda);
    expect(lambdas[lambdas.length - 1]).toBe(report.penalties[0].curve[33_332].lambda);
    expect(lambdas).toContain(thinned.lambdaMin);
    expect(lambdas).toContain(thinned.lambda1se);
    for (let i = 1; i < lambdas.length; i++) expect(lambdas[i]).toBeLessThan(lambdas[i - 1]);
  });
});
