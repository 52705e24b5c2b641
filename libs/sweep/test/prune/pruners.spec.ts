import fc from 'fast-check';
import { mulberry32 } from '@regsweep/engine';
import { AshaPruner, createPruner, IntermediateValues, MedianPruner, NonePruner } from '../../src/prune';
import { runSchedule } from './run-schedule';

/** Parallel learning curves: level a plus a common decay, so the order of the trials is the same at every step. */
const parallel = (a: number) => (step: number) => a + 1 / step;

describe('AshaPruner', () => {
  it('places rung r at minResource · η^(s + r)', () => {
    const asha = new AshaPruner({ minResource: 2, reductionFactor: 3, minEarlyStoppingRate: 1 });
    expect([0, 1, 2].map((r) => asha.rungStep(r))).toEqual([6, 18, 54]);
  });

  it('promotes the trials among the best ⌊n/η⌋ of those that reached the rung so far (hand-worked schedule)', () => {
    // η = 2, one rung at step 1 that matters (maxStep 1). Values at the rung in arrival order, and the verdicts:
    //   5 → alone, the best 1 of [5]: promoted       3 → best 1 of [3 5]: promoted      4 → best 1 of [3 4 5]: pruned
    //   1 → best 2 of [1 3 4 5]: promoted            2 → best 2 of [1 2 3 4 5]: promoted 6 → best 3 of six (≤ 3): pruned
    //   0.5 → best 3 of seven: promoted              7 → best 4 of eight (≤ 3): pruned
    const levels = [5, 3, 4, 1, 2, 6, 0.5, 7];
    const asha = new AshaPruner({ minResource: 1, reductionFactor: 2, minEarlyStoppingRate: 0 });
    const outcome = runSchedule(
      asha,
      levels.map((v) => () => v),
      1,
    );
    expect(outcome.map((o) => o.pruned)).toEqual([false, false, true, false, false, true, false, true]);
  });

  it('judges only at rung steps (1, 4, 16 for η = 4): a trial between rungs runs on', () => {
    const asha = new AshaPruner();
    const values = new IntermediateValues();
    for (let trial = 0; trial < 8; trial++) values.report(trial, 4, trial); // eight trials reached step 4 with 0..7
    values.report(8, 2, 100);
    values.report(8, 3, 100);
    expect(asha.shouldPrune(values, 8, 2)).toBe(false);
    expect(asha.shouldPrune(values, 8, 3)).toBe(false);
    values.report(8, 4, 100);
    expect(asha.shouldPrune(values, 8, 4)).toBe(true); // best 2 of nine at step 4 are 0 and 1
    values.report(9, 4, 1);
    expect(asha.shouldPrune(values, 9, 4)).toBe(false); // best 2 of ten: 0, 1
  });

  it('never prunes the trial with the best curve when the curves keep their order, whatever the arrival order', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.double({ min: 0, max: 10, noNaN: true }), { minLength: 8, maxLength: 40 }),
        (levels) => {
          const outcome = runSchedule(new AshaPruner(), levels.map(parallel), 64);
          const best = levels.indexOf(Math.min(...levels));
          expect(outcome[best]).toEqual({ lastStep: 64, pruned: false });
        },
      ),
      { numRuns: 100 },
    );
  });

  it('runs a small share of the steps when the trials arrive in random order', () => {
    // 64 trials of 64 steps, rungs at 1, 4, 16: asynchronously about 1/4 pass each rung (more early on, when few have
    // reached it), so most trials stop at step 1 or 4.
    const rng = mulberry32(4);
    const levels = Array.from({ length: 64 }, () => rng() * 10);
    const outcome = runSchedule(new AshaPruner(), levels.map(parallel), 64);
    const stepsRun = outcome.reduce((sum, o) => sum + o.lastStep, 0);
    expect(stepsRun).toBeLessThan((1 / 3) * 64 * 64);
    expect(outcome[levels.indexOf(Math.min(...levels))].pruned).toBe(false);
  });

  it('prunes a trial whose value is not finite (a diverged fit)', () => {
    const values = new IntermediateValues();
    values.report(0, 1, Number.NaN);
    expect(new AshaPruner().shouldPrune(values, 0, 1)).toBe(true);
  });
});

describe('MedianPruner', () => {
  it('prunes nothing until 5 trials have completed, then the trials whose best value is above the median', () => {
    // Five completed trials at levels 1..5 (median at every step: 3 + 1/step); 2.5 runs on and completes (the median
    // of 1, 2, 2.5, 3, 4, 5 is then 2.75 + 1/step); 3.5 is pruned at step 1; 2.7 runs on.
    const levels = [1, 2, 3, 4, 5, 2.5, 3.5, 2.7];
    const outcome = runSchedule(new MedianPruner(), levels.map(parallel), 10);
    expect(outcome.slice(0, 5).every((o) => !o.pruned)).toBe(true);
    expect(outcome.slice(5)).toEqual([
      { lastStep: 10, pruned: false },
      { lastStep: 1, pruned: true },
      { lastStep: 10, pruned: false },
    ]);
  });

  it("uses the trial's best value so far: a trial that was good early and got worse is not pruned", () => {
    const values = new IntermediateValues();
    for (let trial = 0; trial < 5; trial++) {
      values.report(trial, 1, 10);
      values.report(trial, 2, 10);
      values.finish(trial, 'complete');
    }
    values.report(5, 1, 1);
    values.report(5, 2, 50);
    expect(new MedianPruner().shouldPrune(values, 5, 2)).toBe(false);
  });

  it('waits past the warm-up steps', () => {
    const pruner = new MedianPruner({ startupTrials: 1, warmupSteps: 3, minTrials: 1 });
    const outcome = runSchedule(pruner, [parallel(0), parallel(1)], 10);
    expect(outcome[1]).toEqual({ lastStep: 4, pruned: true });
  });
});

describe('createPruner', () => {
  it('builds the pruner named by kind, with the given settings over the defaults', () => {
    expect(createPruner(undefined)).toBeInstanceOf(NonePruner);
    expect(createPruner({ kind: 'none' }).shouldPrune(new IntermediateValues(), 0, 1)).toBe(false);
    const asha = createPruner({ kind: 'asha', reductionFactor: 3 }) as AshaPruner;
    expect(asha.settings).toEqual({ minResource: 1, reductionFactor: 3, minEarlyStoppingRate: 0 });
    const median = createPruner({ kind: 'median', warmupSteps: 2 }) as MedianPruner;
    expect(median.settings).toEqual({ startupTrials: 5, warmupSteps: 2, minTrials: 1 });
  });
});
