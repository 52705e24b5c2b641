import { cvStatistics } from '../src/cv/cv-statistics';

const lambdas = Float64Array.from([10, 5, 1, 0.5]);

describe('cvStatistics', () => {
  // Two folds, validation sizes 1 and 3, so the weights are visible in every number.
  const folds = [
    { validationSize: 1, train: [8, 4, 2, 1], validation: [10, 6, 4, 6] },
    { validationSize: 3, train: [8, 4, 2, 1], validation: [10, 2, 4, 4] },
  ];

  it('weights means by validation size and uses glmnet grouped sd (loss metric)', () => {
    const stats = cvStatistics(folds, lambdas, 'mse');
    // mean = (1·e1 + 3·e2)/4; sd = sqrt((1·(e1−m)² + 3·(e2−m)²)/4/(K−1))
    expect(Array.from(stats.validationMean)).toEqual([10, 3, 4, 4.5]);
    expect(stats.validationSd[1]).toBeCloseTo(Math.sqrt((1 * 9 + 3 * 1) / 4 / 1), 15);
    expect(stats.validationSd[0]).toBe(0);
    expect(stats.validationSd[3]).toBeCloseTo(Math.sqrt((1 * 2.25 + 3 * 0.25) / 4), 15);
    expect(Array.from(stats.trainMean)).toEqual([8, 4, 2, 1]);
    expect(Array.from(stats.gap)).toEqual([2, -1, 2, 3.5]);
    // best mean 3 at index 1 (λ = 5), sd there √3 ≈ 1.732: index 2 (4) and 3 (4.5) are within, but the
    // 1se rule takes the *largest* λ within, which is index 1 itself; nothing before it qualifies (10).
    expect(stats.indexMin).toBe(1);
    expect(stats.lambdaMin).toBe(5);
    expect(stats.index1se).toBe(1);
  });

  it('1se picks the largest λ within one sd of the minimum', () => {
    const stats = cvStatistics(
      [
        { validationSize: 5, train: [5, 3, 1], validation: [4.0, 3.5, 1] },
        { validationSize: 5, train: [5, 3, 1], validation: [4.4, 3.5, 5] },
      ],
      Float64Array.from([3, 2, 1]),
      'mse',
    );
    // means 4.2, 3.5, 3; sd at index 2 = sqrt((5·4 + 5·4)/10/1) = 2 → threshold 5 → index 0 qualifies.
    expect(stats.indexMin).toBe(2);
    expect(stats.validationSd[2]).toBeCloseTo(2, 15);
    expect(stats.index1se).toBe(0);
    expect(stats.lambda1se).toBe(3);
  });

  it('takes the largest λ among equal best means', () => {
    const stats = cvStatistics(
      [
        { validationSize: 2, train: [1, 1, 1], validation: [3, 2, 2] },
        { validationSize: 2, train: [1, 1, 1], validation: [3, 2, 2] },
      ],
      Float64Array.from([3, 2, 1]),
      'mae',
    );
    expect(stats.indexMin).toBe(1);
  });

  it('maximises a score metric (r2), with the gap sign flipped and 1se below the best', () => {
    const stats = cvStatistics(
      [
        { validationSize: 4, train: [0.2, 0.6, 0.9], validation: [0.1, 0.5, 0.6] },
        { validationSize: 4, train: [0.2, 0.6, 0.9], validation: [0.1, 0.5, 0.4] },
      ],
      Float64Array.from([3, 2, 1]),
      'r2',
    );
    // means 0.1, 0.5, 0.5 → best 0.5 first at index 1; sd there 0 → 1se = index 1.
    expect(stats.indexMin).toBe(1);
    expect(stats.index1se).toBe(1);
    expect(stats.gap[2]).toBeCloseTo(0.9 - 0.5, 15);
    expect(stats.gap[0]).toBeCloseTo(0.1, 15);

    const wide = cvStatistics(
      [
        { validationSize: 1, train: [0, 0, 0], validation: [0.3, 0.2, 0.9] },
        { validationSize: 1, train: [0, 0, 0], validation: [0.3, 0.6, 0.3] },
      ],
      Float64Array.from([3, 2, 1]),
      'r2',
    );
    // means 0.3, 0.4, 0.6; sd at index 2 = sqrt((0.09 + 0.09)/2/1) = 0.3 → threshold 0.3 → index 0.
    expect(wide.indexMin).toBe(2);
    expect(wide.index1se).toBe(0);
  });

  it('with one fold (holdout) has NaN sd and 1se = min', () => {
    const stats = cvStatistics(
      [{ validationSize: 7, train: [3, 2, 1], validation: [5, 4, 4.5] }],
      Float64Array.from([3, 2, 1]),
      'mse',
    );
    expect(Array.from(stats.validationSd).every(Number.isNaN)).toBe(true);
    expect(Array.from(stats.validationMean)).toEqual([5, 4, 4.5]);
    expect(stats.indexMin).toBe(1);
    expect(stats.index1se).toBe(1);
    expect(stats.lambda1se).toBe(2);
  });

  it('leaves diverged (NaN) folds out of a λ and never selects a λ without valid folds', () => {
    const stats = cvStatistics(
      [
        { validationSize: 1, train: [2, 1, NaN], validation: [4, 2, NaN] },
        { validationSize: 3, train: [2, 1, NaN], validation: [4, NaN, NaN] },
        { validationSize: 1, train: [2, 1, NaN], validation: [4, 4, NaN] },
      ],
      Float64Array.from([3, 2, 1]),
      'mse',
    );
    // λ index 1: folds 1 and 3 only, weights 1 and 1 → mean 3, sd = sqrt((1 + 1)/2/1) = 1.
    expect(stats.validationMean[1]).toBe(3);
    expect(stats.validationSd[1]).toBe(1);
    expect(stats.validationMean[2]).toBeNaN();
    expect(stats.trainMean[2]).toBeNaN();
    expect(stats.indexMin).toBe(1);
  });

  it('returns −1 indices and NaN λs when every value is NaN', () => {
    const stats = cvStatistics([{ validationSize: 1, train: [NaN], validation: [NaN] }], Float64Array.from([1]), 'mse');
    expect(stats.indexMin).toBe(-1);
    expect(stats.index1se).toBe(-1);
    expect(stats.lambdaMin).toBeNaN();
  });
});
