import {
  OPTUNA_TPE_DEFAULTS,
  TPE_DEFAULTS,
  TpeSampler,
  type SearchPoint,
  type SearchSpace,
  type TpeAxis,
  type TrialOutcome,
} from '../../src/search';
import { jointLogDensity, jointMixture } from '../../src/search/joint-parzen-estimator';

/** Runs a sequential ask-and-tell search: every trial sees all trials before it. */
function runSearch(sampler: TpeSampler, space: SearchSpace, objective: (p: SearchPoint) => number): SearchPoint[] {
  const finished: TrialOutcome[] = [];
  for (let number = 0; number < sampler.trials; number++) {
    const point = sampler.ask(space, number, finished);
    finished.push({ number, point, state: 'complete', value: objective(point) });
  }
  return finished.map((t) => t.point);
}

describe('jointMixture (multivariate TPE estimator)', () => {
  // λ-like axis: log x over [1e-3, 10]; a categorical axis of 3 choices.
  const axes: TpeAxis[] = [
    { kind: 'numerical', low: Math.log(1e-3), high: Math.log(10) },
    { kind: 'categorical', count: 3 },
  ];
  const range = Math.log(10) - Math.log(1e-3);
  const threeObservations = [
    [Math.log(0.01), 0],
    [Math.log(0.5), 2],
    [Math.log(2), 2],
  ];

  it("takes Optuna's multivariate bandwidth: 0.2·n^(−1/(d+4))·range, magic-clipped", () => {
    // Values printed by Optuna 3.1's _ParzenEstimator(multivariate=True) for the same observations.
    const three = jointMixture(threeObservations, axes);
    const numerical = three.axes[0];
    if (numerical.kind !== 'numerical') throw new Error('numerical axis expected');
    // n = 3: 0.2·3^(−1/6)·range = 1.534 is below the clip range/5 = 1.842; the prior keeps σ = range.
    expect(numerical.sigmas.map((s) => s.toFixed(6))).toEqual(['1.842068', '1.842068', '1.842068', '9.210340']);
    expect(three.weights).toEqual([0.25, 0.25, 0.25, 0.25]);
    const one = jointMixture([[Math.log(0.1), 1]], axes).axes[0];
    expect(one.kind === 'numerical' && one.sigmas[0]).toBeCloseTo(3.070113457325394, 10);
    const thirty = Array.from({ length: 30 }, (_, i) => [Math.log(1e-3) + (i / 29) * range, i % 3]);
    const wide = jointMixture(thirty, axes).axes[0];
    expect(wide.kind === 'numerical' && wide.sigmas[0]).toBeCloseTo(1.0450060382781887, 10);
  });

  it("scores like Optuna's estimator with the truncated normal's 1/σ (optuna#5110)", () => {
    const mixture = jointMixture(threeObservations, axes);
    // Optuna 3.1's kernels and weights, densities by scipy.stats.truncnorm.logpdf, log-sum-exp over the kernels.
    expect(jointLogDensity(mixture, [Math.log(0.05), 1])).toBeCloseTo(-3.8957164479549657, 6);
    expect(jointLogDensity(mixture, [Math.log(1), 2])).toBeCloseTo(-2.3850826290081035, 6);
    expect(jointLogDensity(mixture, [Math.log(8), 0])).toBeCloseTo(-4.000253751617417, 6);
  });

  it("gives a trial without an axis the prior's kernel there, and scores a point on the axes it has", () => {
    const mixture = jointMixture(
      [
        [undefined, 0],
        [Math.log(0.5), 2],
      ],
      axes,
    );
    const numerical = mixture.axes[0];
    if (numerical.kind !== 'numerical') throw new Error('numerical axis expected');
    expect(numerical.mus[0]).toBeCloseTo(0.5 * (Math.log(1e-3) + Math.log(10)), 12);
    expect(numerical.sigmas[0]).toBeCloseTo(range, 12);
    // Without the numerical axis the density is the categorical mixture alone: Σ_k w_k p_k(c).
    const categorical = mixture.axes[1];
    if (categorical.kind !== 'categorical') throw new Error('categorical axis expected');
    const expected = mixture.weights.reduce((sum, w, k) => sum + w * categorical.kernels[k][2], 0);
    expect(jointLogDensity(mixture, [undefined, 2])).toBeCloseTo(Math.log(expected), 12);
  });
});

describe('TpeSampler, multivariate', () => {
  // Two swept fields over the same six decades (λ fixed). The loss is the distance (in decades) to the nearer of two
  // equally good basins on the diagonal, at (10^−3, 10^−3) and (10, 10): good trials come in pairs (low, low) and
  // (high, high), so each field's good values are bimodal and only their pairing tells the basins from the bad mixed
  // corners.
  const valleySpace: SearchSpace = {
    curves: [{ penalty: 'l2', l1Ratio: 0, lambdas: { kind: 'values', values: [0.1] } }],
    fields: [
      { name: 'rate', kind: 'range', min: 1e-4, max: 1e2, scale: 'log' },
      { name: 'decay', kind: 'range', min: 1e-4, max: 1e2, scale: 'log' },
    ],
  };
  const coordinates = (p: SearchPoint) => [Math.log10(p.fields!.rate as number), Math.log10(p.fields!.decay as number)];
  const [low, high] = [-3, 1];
  const valley = (p: SearchPoint) => {
    const [x, y] = coordinates(p);
    return Math.min(Math.hypot(x - low, y - low), Math.hypot(x - high, y - high));
  };
  /** Over 20 seeds of 40 trials, the shares of the trials after the start-up in a basin and in a mixed corner. */
  const shares = (multivariate: boolean) => {
    let good = 0;
    let mixed = 0;
    let asked = 0;
    const near = (v: number, centre: number) => Math.abs(v - centre) < 1;
    for (let seed = 0; seed < 20; seed++) {
      const points = runSearch(new TpeSampler(40, seed, { ...OPTUNA_TPE_DEFAULTS, multivariate }), valleySpace, valley);
      for (const p of points.slice(OPTUNA_TPE_DEFAULTS.nStartupTrials)) {
        const [x, y] = coordinates(p);
        asked++;
        if (valley(p) < 1) good++;
        if ((near(x, low) && near(y, high)) || (near(x, high) && near(y, low))) mixed++;
      }
    }
    return { good: good / asked, mixed: mixed / asked };
  };

  it("keeps a good trial's values together: in two diagonal basins joint draws rarely mix them, independent ones do", () => {
    const joint = shares(true);
    const independent = shares(false);
    // Measured: joint 0.563 in a basin, 0.043 mixed; independent 0.463 and 0.082.
    expect(joint.good).toBeGreaterThan(0.53);
    expect(joint.mixed).toBeLessThan(0.06);
    expect(independent.good).toBeLessThan(0.5);
    expect(independent.mixed).toBeGreaterThan(0.07);
  });

  it('is joint by default, and leaves a space without fields as it was', () => {
    const joint = { ...TPE_DEFAULTS, multivariate: true };
    const independent = { ...TPE_DEFAULTS, multivariate: false };
    expect(runSearch(new TpeSampler(25, 3), valleySpace, valley)).toEqual(
      runSearch(new TpeSampler(25, 3, joint), valleySpace, valley),
    );
    expect(runSearch(new TpeSampler(25, 3), valleySpace, valley)).not.toEqual(
      runSearch(new TpeSampler(25, 3, independent), valleySpace, valley),
    );
    const plain: SearchSpace = {
      curves: [{ penalty: 'l2', l1Ratio: 0, lambdas: { kind: 'logUniform', min: 1e-4, max: 1e2 } }],
    };
    const bowl = (p: SearchPoint) => (Math.log10(p.lambda) + 1) ** 2;
    expect(runSearch(new TpeSampler(25, 3, joint), plain, bowl)).toEqual(
      runSearch(new TpeSampler(25, 3, independent), plain, bowl),
    );
  });

  it('is deterministic given the seed, whatever order the trials are asked in', () => {
    const a = runSearch(new TpeSampler(30, 8), valleySpace, valley);
    expect(runSearch(new TpeSampler(30, 8), valleySpace, valley)).toEqual(a);
    expect(runSearch(new TpeSampler(30, 9), valleySpace, valley)).not.toEqual(a);
    // Trial 25 asked alone from the same finished trials is trial 25 of the search.
    const finished = a.slice(0, 25).map((point, number) => ({
      number,
      point,
      state: 'complete' as const,
      value: valley(point),
    }));
    expect(new TpeSampler(30, 8).ask(valleySpace, 25, [...finished].reverse())).toEqual(a[25]);
  });

  it('asks the curve and λ on their own (no λ on penalty none) and the fields together, among their choices', () => {
    const space: SearchSpace = {
      curves: [
        { penalty: 'none', l1Ratio: 0, lambdas: { kind: 'values', values: [0] } },
        { penalty: 'l1', l1Ratio: 1, lambdas: { kind: 'logUniform', min: 1e-4, max: 1 } },
        { penalty: 'l2', l1Ratio: 0, lambdas: { kind: 'logUniform', min: 1e-4, max: 1 } },
      ],
      fields: [
        { name: 'hidden', kind: 'choices', choices: [[4], [8, 4]] },
        { name: 'activation', kind: 'choices', choices: ['tanh', 'relu'] },
        { name: 'epochs', kind: 'choices', choices: [20] },
      ],
    };
    // Good only for l1 at large λ with hidden [4] and relu.
    const loss = (p: SearchPoint) =>
      p.penalty === 'l1' && JSON.stringify(p.fields!.hidden) === '[4]' && p.fields!.activation === 'relu'
        ? -Math.log10(p.lambda)
        : 5;
    const points = runSearch(new TpeSampler(40, 1), space, loss);
    for (const p of points) {
      expect(p.penalty === 'none' ? p.lambda === 0 : p.lambda >= 1e-4 && p.lambda <= 1).toBe(true);
      expect([[4], [8, 4]]).toContainEqual(p.fields!.hidden);
      expect(['tanh', 'relu']).toContain(p.fields!.activation);
      expect(p.fields!.epochs).toBe(20);
    }
    expect(points.slice(10).filter((p) => loss(p) < 5).length).toBeGreaterThan(10);
  });
});
