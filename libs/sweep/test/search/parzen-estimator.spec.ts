import { mulberry32 } from '@regsweep/engine';
import {
  categoricalMixture,
  mixtureLogDensity,
  normalCdf,
  numericalMixture,
  observationWeights,
  sampleMixture,
} from '../../src/search/parzen-estimator';

describe('Parzen estimators (Optuna 3 defaults)', () => {
  it('Φ matches tabulated values of the standard normal CDF', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1)).toBeCloseTo(0.8413447461, 6);
    expect(normalCdf(-1.959963985)).toBeCloseTo(0.025, 6);
    expect(normalCdf(3)).toBeCloseTo(0.998650102, 6);
  });

  it('weights the newest 25 observations 1 and ramps older ones up from 1/n', () => {
    expect(observationWeights(3)).toEqual([1, 1, 1]);
    const w = observationWeights(35);
    expect(w).toHaveLength(35);
    expect(w[0]).toBeCloseTo(1 / 35, 15);
    expect(w[9]).toBeCloseTo(1, 15);
    expect(w.slice(10)).toEqual(new Array(25).fill(1));
  });

  it('sets σ by the neighbour distances, the prior at the centre with σ = high − low, clipped by the magic clip', () => {
    // mus 1, 2, 6 and the prior 5 on [0, 10]; sorted 1 2 5 6: σ(1) = inner distance 1, σ(2) = max(1, 3) = 3,
    // σ(6) = inner distance 1; clip to [10 / min(100, 5), 10] = [2, 10] ⇒ 2, 3, 2; prior σ = 10.
    const m = numericalMixture([1, 2, 6], 0, 10);
    expect(m.mus).toEqual([1, 2, 6, 5]);
    expect(m.sigmas).toEqual([2, 3, 2, 10]);
    expect(m.weights).toEqual([0.25, 0.25, 0.25, 0.25]);
  });

  it("sets one σ by Scott's rule under KernelWidth 'scott', clipped from below at (high − low) · (1 + m)^−α", () => {
    const scott = { rule: 'scott', clipExponent: 1.5, minFactor: 0.01 } as const;
    // Centres 1, 2, 6 and the prior 5 (m = 4): sd = √(17/3) = 2.3805, IQR = 5.25 − 1.75 = 3.5 (3.5 / 1.34 = 2.6119),
    // σ = 1.059 · 2.3805 · 4^(−1/5) = 1.9105, above the floor 10 · 5^(−1.5) = 0.894; Optuna's floor (α = 1) is 2.
    expect(numericalMixture([1, 2, 6], 0, 10, scott).sigmas.map((s) => +s.toFixed(4))).toEqual([
      1.9105, 1.9105, 1.9105, 10,
    ]);
    expect(numericalMixture([1, 2, 6], 0, 10, { ...scott, clipExponent: 1 }).sigmas).toEqual([2, 2, 2, 10]);
    // Centres 0, 0.1, 0.2, 9 and 5 (m = 5): IQR / 1.34 = (5 − 0.1) / 1.34 = 3.6567 < sd, σ = 1.059 · 3.6567 · 5^(−1/5).
    expect(numericalMixture([0, 0.1, 0.2, 9], 0, 10, scott).sigmas[0]).toBeCloseTo(2.806682, 5);
    // Two close centres and the prior: Scott's σ (0.0815) is below the floor 10 · 4^(−1.5) = 1.25.
    expect(numericalMixture([4.9, 5.1], 0, 10, scott).sigmas).toEqual([1.25, 1.25, 10]);
    // The same numbers from Watanabe's reference (optunahub tpe_tutorial: _bandwidth_scott, then _clip_bandwidth with
    // b_magic_exponent 1.5, min_bandwidth_factor 0.01) under numpy: 1.9105033, 2.8066822, 1.25.
  });

  it('has a density that integrates to 1 over [low, high] (trapezoid rule)', () => {
    const m = numericalMixture([-3.1, -2.9, 0.5, 1.7, 1.71], -4, 2);
    const steps = 20000;
    let integral = 0;
    for (let i = 0; i <= steps; i++) {
      const x = -4 + (6 * i) / steps;
      integral += (i === 0 || i === steps ? 0.5 : 1) * Math.exp(mixtureLogDensity(m, x));
    }
    expect(integral * (6 / steps)).toBeCloseTo(1, 5);
  });

  it('draws numerical samples inside [low, high] with the mixture density (histogram vs density)', () => {
    const m = numericalMixture([0.2, 0.25, 0.9], 0, 1);
    const rng = mulberry32(5);
    const bins = new Array(10).fill(0);
    const draws = 100_000;
    let outside = 0;
    for (let i = 0; i < draws; i++) {
      const x = sampleMixture(m, rng);
      if (!(x >= 0 && x <= 1)) outside++;
      bins[Math.min(9, Math.floor(x * 10))]++;
    }
    expect(outside).toBe(0);
    bins.forEach((count, b) => {
      const expected = Math.exp(mixtureLogDensity(m, (b + 0.5) / 10)) / 10; // midpoint rule for the bin's mass
      expect(Math.abs(count / draws - expected)).toBeLessThan(0.01);
    });
  });

  it('gives categorical kernels prior_weight/m on every choice and +1 on the observed one', () => {
    // observations 0, 0, 2 of 3 choices: 4 kernels, each 1/4 everywhere +1 on its choice, normalised by 1.75.
    const m = categoricalMixture([0, 0, 2], 3);
    expect(m.kernels[0]).toEqual([1.25 / 1.75, 0.25 / 1.75, 0.25 / 1.75]);
    expect(m.kernels[3]).toEqual([1 / 3, 1 / 3, 1 / 3]);
    const total = [0, 1, 2].reduce((sum, c) => sum + Math.exp(mixtureLogDensity(m, c)), 0);
    expect(total).toBeCloseTo(1, 12);
  });
});
