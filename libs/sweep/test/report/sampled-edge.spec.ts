import { evaluateFold, makeSplitPlan } from '@regsweep/engine';
import { DEFAULTS, validateSweepConfig } from '../../src/config';
import { buildReport } from '../../src/report';
import { readDiabetes } from '../helpers/diabetes';

/**
 * A random or tpe search's curve ends where it sampled: its best λ at an end asks for a wider lambdas.range only when
 * that end is near the range's own end. Diabetes lasso at λ 100, 50, 20 has its best at 20 (lambdaMin ≈ 1).
 */
describe('edge warnings of sampled curves', () => {
  const data = readDiabetes();
  const split = { kind: 'kfold', folds: 5, shuffle: true, seed: 1 } as const;
  const plan = makeSplitPlan(data.x.rows, split, 0);
  const lambdas = Float64Array.of(100, 50, 20);
  const spec = {
    model: 'linear' as const,
    penalty: { kind: 'l1' as const, l1Ratio: 1 },
    lambdas,
    standardize: true,
    // The solver a sweep runs when its config names none.
    solver: { kind: 'cd' as const, ...DEFAULTS.cd },
  };
  const byFold = plan.folds.map((fold) => evaluateFold(data, fold, spec, 'mse'));
  const results = [
    {
      curve: { index: 0, penalty: 'l1' as const, l1Ratio: 1, lambdas },
      folds: byFold.filter((r) => r.fold > 0),
      full: byFold.find((r) => r.fold === 0)!.fits,
    },
  ];
  const reportFor = (min: number) => {
    const config = validateSweepConfig({
      name: 'sampled',
      dataset: 'diabetes',
      model: 'linear',
      lambdas: { range: { min, max: 1000 } },
      split,
      search: { strategy: 'tpe', trials: 3 },
      selection: 'min',
    });
    return buildReport({ sweepId: 's', config, results, featureNames: data.x.names, data, testRows: plan.testRows });
  };

  it('says nothing when the sampled end is far inside lambdas.range', () => {
    const report = reportFor(0.001);
    expect(report.penalties[0].overfitting.edge).toBe('small');
    expect(report.warnings.filter((w) => /small end/.test(w))).toEqual([]);
  });

  it('asks to widen lambdas.range when the sampled end is at the range end', () => {
    const report = reportFor(19);
    expect(report.warnings).toContainEqual(
      expect.stringMatching(/small end of lambdas.range.*widen lambdas.range.min below 19/),
    );
  });
});
