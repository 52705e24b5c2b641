import fc from 'fast-check';
import { EpochRungJudge, keptEpochs, rungStopOnCurve } from '@regsweep/engine';
import { AshaPruner, HyperbandPruner, HYPERBAND_DEFAULTS, IntermediateValues, MedianPruner } from '../../src/prune';

/**
 * The pruners' limits for a trainer elsewhere (epochRungs, judged by the engine's EpochRungJudge) against their own
 * verdicts (shouldPrune).
 */
/** A curve with its own level and slope: curves cross, so rung verdicts differ from the final order. */
const crossing =
  ([level, slope]: [number, number]) =>
  (epoch: number) =>
    level + slope / epoch;

describe('epochRungs: the pruners as limits a trainer checks between epochs', () => {
  const curves = fc.array(
    fc.tuple(fc.double({ min: 0, max: 10, noNaN: true }), fc.double({ min: 0, max: 10, noNaN: true })),
    { minLength: 1, maxLength: 30 },
  );

  it.each([
    ['asha (η 4)', () => new AshaPruner()],
    [
      'asha (η 2, min resource 2)',
      () => new AshaPruner({ minResource: 2, reductionFactor: 2, minEarlyStoppingRate: 0 }),
    ],
    ['median', () => new MedianPruner()],
    ['median (1 startup trial, warm-up 2)', () => new MedianPruner({ startupTrials: 1, warmupSteps: 2, minTrials: 1 })],
    ['hyperband (η 3, maxResource from the first complete trial)', () => new HyperbandPruner(HYPERBAND_DEFAULTS, 0)],
    [
      'hyperband (η 2, min resource 2, max resource 32, seed 5)',
      () => new HyperbandPruner({ minResource: 2, maxResource: 32, reductionFactor: 2 }, 5),
    ],
  ])('%s: the trainer stops at the epoch shouldPrune would', (_name, make) => {
    fc.assert(
      fc.property(curves, (levels) => {
        const values = new IntermediateValues();
        const pruner = make();
        for (const [trial, level] of levels.entries()) {
          const curve = crossing(level);
          const rungs = pruner.epochRungs(values, 40, keptEpochs(40), trial);
          const judge = rungs && new EpochRungJudge(rungs);
          let stop: number | undefined;
          for (let epoch = 1; epoch <= 40 && stop === undefined; epoch++) {
            values.report(trial, epoch, curve(epoch));
            const byPruner = pruner.shouldPrune(values, trial, epoch);
            expect(judge?.stops(epoch, curve(epoch)) !== undefined).toBe(byPruner);
            if (byPruner) stop = epoch;
          }
          values.finish(trial, stop === undefined ? 'complete' : 'pruned');
        }
      }),
      { numRuns: 60 },
    );
  });

  it('ASHA promotes the right trials on a synthetic schedule (η 2, rungs at epochs 1, 2, 4, 8)', () => {
    // Parallel curves level + 1/epoch, arriving in the order below; each trial sees the finished ones before it.
    //   rung 1: 5 alone: on · 3 best 1 of [3 5]: on · 4 best 1 of [3 4 5]: out at 1 · 1 best 2 of 4: on
    //           2 best 2 of five [1 2 3 4 5]: on · 6 best 3 of six: out at 1
    //   rung 2 (only trials that passed rung 1 reached it): 3 best 1 of [3 5]: on · 1 best 1 of [1 3 5]: on
    //           2 best 2 of [1 2 3 5]: on
    //   rung 4: 3 best 1 of [3 5]: on · 1: on · 2 best 2 of [1 2 3 5]: on;  rung 8 likewise
    const levels = [5, 3, 4, 1, 2, 6];
    const asha = new AshaPruner({ minResource: 1, reductionFactor: 2, minEarlyStoppingRate: 0 });
    const values = new IntermediateValues();
    const stops = levels.map((level, trial) => {
      const rungs = asha.epochRungs(values, 10, keptEpochs(10));
      const curve = { epochs: [] as number[], validation: [] as number[] };
      const judge = rungs && new EpochRungJudge(rungs);
      for (let epoch = 1; epoch <= 10; epoch++) {
        curve.epochs.push(epoch);
        curve.validation.push(level + 1 / epoch);
        if (judge?.stops(epoch, level + 1 / epoch)) break;
      }
      curve.epochs.forEach((epoch, i) => values.report(trial, epoch, curve.validation[i]));
      const stop = rungs && rungStopOnCurve(rungs, curve);
      values.finish(trial, stop ? 'pruned' : 'complete');
      return stop?.epoch;
    });
    expect(stops).toEqual([undefined, undefined, 1, undefined, undefined, 1]);
    expect(asha.epochRungs(new IntermediateValues(), 10, keptEpochs(10))).toBeUndefined();
  });

  it('puts rungs only on the epochs the learning curve keeps (of 1000: 1, 4, 7, …; η 2: 2, 8, 32, … are left out)', () => {
    const values = new IntermediateValues();
    for (let epoch = 1; epoch <= 1000; epoch++) values.report(0, epoch, 1);
    values.finish(0, 'complete');
    const asha = new AshaPruner({ minResource: 1, reductionFactor: 2, minEarlyStoppingRate: 0 });
    expect(asha.epochRungs(values, 1000, keptEpochs(1000))?.epochs).toEqual([1, 4, 16, 64, 256]);
  });
});
