/**
 * Fold boundaries past the epochs (asha, hyperband): after fold k < K, a trial trained by epochs stops when its
 * running CV mean is not among the best max(1, ⌊(m + 1)/η⌋) of its own and the m other trials' means at fold k.
 */
import {
  AshaPruner,
  ASHA_DEFAULTS,
  HyperbandPruner,
  HYPERBAND_DEFAULTS,
  IntermediateValues,
  MedianPruner,
  stopsAfterFold,
} from '../../src/prune';

/** Running means at fold `fold` of trials 0, 1, … (the values given). */
function foldMeans(fold: number, means: number[]): IntermediateValues {
  const folds = new IntermediateValues();
  means.forEach((mean, trial) => folds.report(trial, fold, mean));
  return folds;
}

/** The rule written out: sorted others C, k = max(1, ⌊(m + 1)/η⌋); stop ⇔ m ≥ k and mean > C_(k). */
function stopsByHand(others: number[], mean: number, eta: number): boolean {
  const sorted = [...others].sort((a, b) => a - b);
  const k = Math.max(1, Math.floor((sorted.length + 1) / eta));
  return sorted.length >= k && mean > sorted[k - 1];
}

describe('stopsAfterFold', () => {
  const others = [3050, 2990, 3400, 3120, 2950, 3300, 3010, 3600];
  const asha = new AshaPruner(ASHA_DEFAULTS); // η 4: k = ⌊9/4⌋ = 2 → the limit is the 2nd best other, 2990
  const hyperband = new HyperbandPruner(HYPERBAND_DEFAULTS, 0); // η 3: k = 3 → 3010

  it("keeps a trial among the best 1/η of the other trials' running means at the fold, and stops the rest", () => {
    expect(asha.foldLimit(foldMeans(1, others), 1)).toBe(2990);
    expect(hyperband.foldLimit(foldMeans(2, others), 2)).toBe(3010);
    for (const mean of [2900, 2990, 2991, 3010, 3011, 3700, NaN]) {
      expect([mean, stopsAfterFold(asha, foldMeans(1, others), 1, mean)]).toEqual([
        mean,
        Number.isNaN(mean) || stopsByHand(others, mean, 4),
      ]);
      expect([mean, stopsAfterFold(hyperband, foldMeans(1, others), 1, mean)]).toEqual([
        mean,
        Number.isNaN(mean) || stopsByHand(others, mean, 3),
      ]);
    }
  });

  it('judges a fold only against the means at that same fold', () => {
    const folds = foldMeans(1, others);
    folds.report(20, 2, 1000);
    expect(stopsAfterFold(hyperband, folds, 2, 1500)).toBe(true);
    expect(stopsAfterFold(hyperband, folds, 1, 1500)).toBe(false);
    expect(stopsAfterFold(hyperband, new IntermediateValues(), 1, 1e9)).toBe(false); // nobody there yet
  });

  it("under Hyperband, judges against every trial's mean, not the bracket's (brackets only place the epoch rungs)", () => {
    const hb = new HyperbandPruner(HYPERBAND_DEFAULTS, 3);
    const budgets = hb.budgets(64);
    const brackets = others.map((_, t) => hb.bracketOf(t, budgets));
    expect(new Set(brackets).size).toBeGreaterThan(1);
    // The 3rd best of all 8 others, which no single bracket's trials give.
    expect(hb.foldLimit(foldMeans(1, others), 1)).toBe(3010);
    for (const bracket of new Set(brackets)) {
      const own = others.filter((_, t) => brackets[t] === bracket);
      expect(own.length).toBeLessThan(others.length);
    }
  });

  it('leaves the other pruners as they were: no limit past the epochs', () => {
    expect(stopsAfterFold(new MedianPruner(), foldMeans(1, others), 1, 1e9)).toBe(false);
  });
});
