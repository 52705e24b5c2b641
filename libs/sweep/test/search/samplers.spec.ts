import fc from 'fast-check';
import { createSampler, GridSampler, RandomSampler, type SearchSpace } from '../../src/search';

const gridSpace: SearchSpace = {
  curves: [
    { penalty: 'none', l1Ratio: 0, lambdas: { kind: 'values', values: [0] } },
    { penalty: 'l1', l1Ratio: 1, lambdas: { kind: 'values', values: Float64Array.of(10, 1, 0.1) } },
    { penalty: 'elasticnet', l1Ratio: 0.5, lambdas: { kind: 'values', values: Float64Array.of(20, 2) } },
  ],
};

const rangeSpace = (min: number, max: number): SearchSpace => ({
  curves: [
    { penalty: 'l1', l1Ratio: 1, lambdas: { kind: 'logUniform', min, max } },
    { penalty: 'l2', l1Ratio: 0, lambdas: { kind: 'logUniform', min, max } },
    { penalty: 'none', l1Ratio: 0, lambdas: { kind: 'values', values: [0] } },
  ],
});

describe('GridSampler', () => {
  it('gives every λ of every curve, in order', () => {
    const points = new GridSampler().sample(gridSpace);
    expect(points).toEqual([
      { penalty: 'none', l1Ratio: 0, lambda: 0 },
      { penalty: 'l1', l1Ratio: 1, lambda: 10 },
      { penalty: 'l1', l1Ratio: 1, lambda: 1 },
      { penalty: 'l1', l1Ratio: 1, lambda: 0.1 },
      { penalty: 'elasticnet', l1Ratio: 0.5, lambda: 20 },
      { penalty: 'elasticnet', l1Ratio: 0.5, lambda: 2 },
    ]);
  });

  it('refuses a range: a grid needs values', () => {
    expect(() => new GridSampler().sample(rangeSpace(0.1, 1))).toThrow(/grid/);
  });
});

describe('RandomSampler', () => {
  const bounds = fc
    .tuple(fc.double({ min: 1e-8, max: 1e4, noNaN: true }), fc.double({ min: 1.0001, max: 1e6, noNaN: true }))
    .map(([min, factor]) => ({ min, max: min * factor }));

  it('draws `trials` points, the same for the same seed, inside [min, max) (none at 0)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.nat(), bounds, (trials, seed, { min, max }) => {
        const space = rangeSpace(min, max);
        const points = new RandomSampler(trials, seed).sample(space);
        expect(points).toHaveLength(trials);
        expect(new RandomSampler(trials, seed).sample(space)).toEqual(points);
        for (const p of points) {
          if (p.penalty === 'none') expect(p.lambda).toBe(0);
          else {
            expect(p.lambda).toBeGreaterThanOrEqual(min * (1 - 1e-12));
            expect(p.lambda).toBeLessThan(max * (1 + 1e-12));
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  it('changes with the seed', () => {
    const a = new RandomSampler(50, 1).sample(rangeSpace(1e-3, 10));
    const b = new RandomSampler(50, 2).sample(rangeSpace(1e-3, 10));
    expect(a).not.toEqual(b);
  });

  it('is log-uniform in λ and uniform over the curves', () => {
    // log10 λ ~ U(−4, 2): each decade gets 1/6 of the draws. Uniform λ would put 99.9% in the top decade.
    const trials = 60_000;
    const points = new RandomSampler(trials, 7).sample(rangeSpace(1e-4, 100));
    const penalized = points.filter((p) => p.penalty !== 'none');
    const perDecade = new Array(6).fill(0);
    for (const p of penalized) perDecade[Math.floor(Math.log10(p.lambda) + 4)]++;
    for (const count of perDecade) expect(count / penalized.length).toBeCloseTo(1 / 6, 1.5);
    for (const penalty of ['l1', 'l2', 'none']) {
      const share = points.filter((p) => p.penalty === penalty).length / trials;
      expect(Math.abs(share - 1 / 3)).toBeLessThan(0.01);
    }
  });

  it('chooses among listed values uniformly', () => {
    const space: SearchSpace = {
      curves: [{ penalty: 'l2', l1Ratio: 0, lambdas: { kind: 'values', values: [0.01, 0.1, 1] } }],
    };
    const points = new RandomSampler(30_000, 3).sample(space);
    for (const value of [0.01, 0.1, 1]) {
      const share = points.filter((p) => p.lambda === value).length / points.length;
      expect(Math.abs(share - 1 / 3)).toBeLessThan(0.01);
    }
  });
});

describe('createSampler', () => {
  it('picks the sampler named by search.strategy', () => {
    expect(createSampler({ search: { strategy: 'grid', trials: 5, seed: 1 } })).toBeInstanceOf(GridSampler);
    const random = createSampler({ search: { strategy: 'random', trials: 5, seed: 9 } });
    expect(random).toBeInstanceOf(RandomSampler);
    expect(random.sample(rangeSpace(1, 2))).toEqual(new RandomSampler(5, 9).sample(rangeSpace(1, 2)));
  });
});
