import { OPTUNA_TPE_DEFAULTS, TpeSampler, type SearchPoint, type SearchSpace, type TrialOutcome } from '../../src/search';

/** Two curves whose best λ differ: l1's at 1e-3, l2's at 10 (both 0 there), a bowl in log10 λ around each. */
const space: SearchSpace = {
  curves: [
    { penalty: 'l1', l1Ratio: 1, lambdas: { kind: 'logUniform', min: 1e-4, max: 1e2 } },
    { penalty: 'l2', l1Ratio: 0, lambdas: { kind: 'logUniform', min: 1e-4, max: 1e2 } },
  ],
};
const bestLog10 = (p: SearchPoint) => (p.penalty === 'l1' ? -3 : 1);
const objective = (p: SearchPoint) => (Math.log10(p.lambda) - bestLog10(p)) ** 2;
const nearOwnOptimum = (p: SearchPoint) => Math.abs(Math.log10(p.lambda) - bestLog10(p)) < 0.5;

function trials(sampler: TpeSampler): SearchPoint[] {
  const finished: TrialOutcome[] = [];
  for (let number = 0; number < sampler.trials; number++) {
    const point = sampler.ask(space, number, finished);
    finished.push({ number, point, state: 'complete', value: objective(point) });
  }
  return finished.map((t) => t.point);
}

/** Over 20 seeds, the share of trials 50–99 within half a decade of the optimum of the penalty they chose. */
function nearShare(multivariate: boolean): number {
  let near = 0;
  for (let seed = 0; seed < 20; seed++)
    near += trials(new TpeSampler(100, seed, { ...OPTUNA_TPE_DEFAULTS, multivariate }))
      .slice(50)
      .filter(nearOwnOptimum).length;
  return near / 1000;
}

describe('TpeSampler, multivariate', () => {
  it('learns λ together with the penalty it was good with, where the independent estimators mix them', () => {
    // Both curves' bowls reach 0, so "below" holds good λ of both; drawn per axis, a penalty meets the other's λ.
    const joint = nearShare(true);
    const independent = nearShare(false);
    expect(joint).toBeGreaterThan(0.6);
    expect(joint).toBeGreaterThan(independent + 0.15);
  });

  it('is deterministic given a seed, and its start-up trials are those of the independent sampler', () => {
    const settings = { ...OPTUNA_TPE_DEFAULTS, multivariate: true };
    const a = trials(new TpeSampler(30, 7, settings));
    expect(trials(new TpeSampler(30, 7, settings))).toEqual(a);
    expect(trials(new TpeSampler(10, 7))).toEqual(a.slice(0, 10));
    expect(a.slice(10)).not.toEqual(trials(new TpeSampler(30, 7)).slice(10));
  });
});
