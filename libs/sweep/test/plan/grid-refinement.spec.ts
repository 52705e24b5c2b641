import { cvStatistics, logspace, type FoldPathResult } from '@regsweep/engine';
import { nextRefinement, REFINE_LIMIT, REFINE_POINTS, type RefinementState } from '../../src/plan';

const grid = logspace(10, 1e-3, 41); // 10 points per decade
/** A quadratic validation curve in log λ with its minimum at λ* (a loss), and a constant sd. */
const curveAround = (star: number, lambdas = grid, sd = 0.05): RefinementState => {
  const validationMean = lambdas.map((lambda) => 1 + Math.log10(lambda / star) ** 2);
  let indexMin = 0;
  validationMean.forEach((v, j) => (indexMin = v < validationMean[indexMin] ? j : indexMin));
  return { lambdas, indexMin, validationMean, validationSd: lambdas.map(() => sd), refined: 0 };
};

describe('nextRefinement (interior lambdaMin)', () => {
  it('adds REFINE_POINTS log-spaced λ inside each neighbour interval, warm-started at the upper neighbour', () => {
    const state = curveAround(0.05);
    const i = state.indexMin;
    const refinement = nextRefinement(state)!;
    expect(refinement.direction).toBe('interior');
    expect(refinement.warmStart).toBe(grid[i - 1]);
    expect(refinement.lambdas).toHaveLength(2 * REFINE_POINTS);
    // Thirds of each interval on the log scale: ratios (λ_{i−1}/λ_i)^(2/3), ^(1/3), then below λ_i.
    const step = Math.log10(grid[i - 1] / grid[i]);
    const expected = [2 / 3, 1 / 3, -1 / 3, -2 / 3].map((f) => grid[i] * 10 ** (f * step));
    refinement.lambdas.forEach((lambda, k) => expect(lambda).toBeCloseTo(expected[k], 12));
    for (const lambda of refinement.lambdas) expect(grid).not.toContain(lambda);
    expect(refinement.reason).toMatch(/interior/);
  });

  it('stops at an end, at the limit, and where the neighbours are within REFINE_TOLERANCE · sd of the minimum', () => {
    expect(nextRefinement({ ...curveAround(0.05), indexMin: 0 })).toBeNull();
    expect(nextRefinement({ ...curveAround(0.05), indexMin: grid.length - 1 })).toBeNull();
    expect(nextRefinement({ ...curveAround(0.05), refined: REFINE_LIMIT })).toBeNull();
    // The curve's neighbours are ≈ 0.01 worse here; with sd 100 the tolerance is 1: the choice cannot move.
    expect(nextRefinement(curveAround(0.05, grid, 100))).toBeNull();
  });

  it('moves lambdaMin towards the true minimum on the merged, irregular λ set (min and 1se rules on it)', () => {
    const star = 10 ** (-1.3 + 0.04); // 0.04 decades above a grid point, the grid's spacing being 0.1
    let lambdas = grid;
    for (let round = 0; round < REFINE_LIMIT; round++) {
      const refinement = nextRefinement({ ...curveAround(star, lambdas), refined: round });
      if (!refinement) break;
      lambdas = Float64Array.from([...lambdas, ...refinement.lambdas].sort((a, b) => b - a));
    }
    expect(lambdas.length).toBeGreaterThan(grid.length);
    // Ten folds whose errors are the curve plus ±0.3 alternating: mean = the curve, sd known.
    const folds: FoldPathResult[] = Array.from({ length: 10 }, (_, k) => ({
      fold: k + 1,
      trainSize: 90,
      validationSize: 10,
      fits: [],
      train: lambdas.map(() => 0),
      validation: lambdas.map((lambda) => 1 + Math.log10(lambda / star) ** 2 + (k % 2 ? 0.3 : -0.3)),
    }));
    const stats = cvStatistics(folds, lambdas, 'mse');
    const gridStats = cvStatistics(
      folds.map((f) => ({
        ...f,
        validation: grid.map((l) => 1 + Math.log10(l / star) ** 2 + (f.fold % 2 ? -0.3 : 0.3)),
      })),
      grid,
      'mse',
    );
    const off = (lambda: number) => Math.abs(Math.log10(lambda / star));
    expect(off(stats.lambdaMin)).toBeLessThan(off(gridStats.lambdaMin));
    expect(off(stats.lambdaMin)).toBeLessThanOrEqual(0.1 / 3 / 2 + 1e-12); // within half the thirded spacing
    // 1se: the largest λ within one sd of the minimum, found on the irregular set: 1 + d² ≤ 1 + se.
    const se = stats.validationSd[stats.indexMin];
    const expected = Math.max(
      ...Array.from(lambdas).filter((l) => 1 + Math.log10(l / star) ** 2 <= 1 + off(stats.lambdaMin) ** 2 + se),
    );
    expect(stats.lambda1se).toBeCloseTo(expected, 12);
  });
});
