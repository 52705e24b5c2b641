import fc from 'fast-check';
import {
  AshaPruner,
  crc32,
  createPruner,
  HyperbandPruner,
  HYPERBAND_DEFAULTS,
  IntermediateValues,
  samplerOutcomes,
  type Pruner,
} from '../../src/prune';

const point = { penalty: 'l2' as const, l1Ratio: 0, lambda: 1 };
import { runSchedule as runToEnd } from './run-schedule';

/** Trials one after another until pruned (run-schedule.ts): the step each was pruned at, undefined if it completed. */
function runSchedule(pruner: Pruner, curves: ((step: number) => number)[], maxStep: number) {
  return runToEnd(pruner, curves, maxStep).map((trial) => (trial.pruned ? trial.lastStep : undefined));
}

describe('crc32', () => {
  it("is zlib's CRC-32 (check value of '123456789'; Python binascii.crc32(b'0_5'))", () => {
    expect(crc32('123456789')).toBe(0xcbf43926);
    expect(crc32('0_5')).toBe(2965027130);
  });
});

describe('HyperbandPruner', () => {
  it('splits trials over ⌊log_η(max/min)⌋ + 1 brackets with budgets ⌈n·η^s/(s+1)⌉ (Optuna defaults, 64 epochs)', () => {
    // n = ⌊log_3 64⌋ + 1 = 4;  s = 3, 2, 1, 0:  ⌈4·27/4⌉ = 27, ⌈4·9/3⌉ = 12, ⌈4·3/2⌉ = 6, ⌈4·1/1⌉ = 4
    const hyperband = new HyperbandPruner(HYPERBAND_DEFAULTS, 0);
    expect(hyperband.budgets(64)).toEqual([27, 12, 6, 4]);
    // η 4, 64 steps: n = 4 exactly (no rounding of log_4 64 = 3): 64, ⌈4·16/3⌉ = 22, ⌈4·4/2⌉ = 8, 4
    expect(new HyperbandPruner({ minResource: 1, reductionFactor: 4 }).budgets(64)).toEqual([64, 22, 8, 4]);
    expect(new HyperbandPruner({ minResource: 4, reductionFactor: 3 }).budgets(3)).toEqual([1]);
  });

  it("picks a trial's bracket as Optuna does: crc32('<seed>_<trial>') mod Σ budgets, in budget order", () => {
    // Expected values from Python: binascii.crc32(f"{seed}_{t}".encode()) % 49 walked through [27, 12, 6, 4].
    const budgets = [27, 12, 6, 4];
    const brackets = (seed: number) =>
      [...Array(20).keys()].map((t) => new HyperbandPruner(HYPERBAND_DEFAULTS, seed).bracketOf(t, budgets));
    expect(brackets(0)).toEqual([3, 1, 1, 3, 0, 1, 0, 1, 1, 0, 0, 0, 2, 1, 1, 1, 3, 1, 1, 1]);
    expect(brackets(7)).toEqual([0, 2, 1, 0, 2, 1, 1, 3, 0, 0, 0, 2, 1, 2, 0, 0, 1, 2, 3, 0]);
  });

  it('prunes nothing before a trial has completed when maxResource is left to the first complete trial', () => {
    const values = new IntermediateValues();
    for (let trial = 0; trial < 6; trial++) values.report(trial, 1, trial);
    const hyperband = new HyperbandPruner(HYPERBAND_DEFAULTS, 0);
    expect([...Array(6).keys()].some((t) => hyperband.shouldPrune(values, t, 1))).toBe(false);
    expect(hyperband.epochRungs(values, 10, () => true, 6)).toBeUndefined();
  });


  it("tells the sampler a trial's bracket peers: nobody filtered before a trial completes, then crc32 brackets", () => {
    const values = new IntermediateValues();
    const hyperband = new HyperbandPruner(HYPERBAND_DEFAULTS, 0);
    for (let step = 1; step <= 64; step++) values.report(0, step, 100 - step);
    expect(hyperband.sameBracket(values, 4)).toBeUndefined();
    values.finish(0, 'complete');
    // maxResource 64 ⇒ budgets [27, 12, 6, 4]; seed 0's brackets of trials 0..19 are listed in the test above:
    // bracket 0 holds 4, 6, 9, 10, 11; bracket 2 only 12; bracket 3 holds 0, 3, 16.
    const peersOf = (trial: number) => [...Array(20).keys()].filter(hyperband.sameBracket(values, trial)!);
    expect(peersOf(4)).toEqual([4, 6, 9, 10, 11]);
    expect(peersOf(12)).toEqual([12]);
    expect(peersOf(16)).toEqual([0, 3, 16]);
    // What a sampler asking trial 4 fits on: that bracket's outcomes under Hyperband, every outcome under ASHA.
    const outcomes = [...Array(12).keys()].map((number) => ({ number, point, state: 'complete' as const, value: 1 }));
    const numbers = (pruner: Pruner) => samplerOutcomes(outcomes, pruner, values, 4).map((t) => t.number);
    expect(numbers(hyperband)).toEqual([4, 6, 9, 10, 11]);
    expect(numbers(new AshaPruner())).toEqual([...Array(12).keys()]);
  });
  it('judges a trial by its own bracket: rungs at minResource · η^(b + r), against that bracket’s trials only', () => {
    // 30 parallel curves (level + 1/step, levels in a shuffled order) under η 3, maxResource 27 (brackets 0..3:
    // first rungs at 1, 3, 9, 27; rung 27 is the last step and never reached as a judged step below 27).
    const levels = [...Array(30).keys()].map((i) => (i * 17) % 30);
    const hyperband = new HyperbandPruner({ minResource: 1, maxResource: 27, reductionFactor: 3 }, 3);
    const budgets = hyperband.budgets(27);
    const stops = runSchedule(
      hyperband,
      levels.map((a) => (step) => a + 1 / step),
      26,
    );
    // Each bracket on its own is ASHA with minEarlyStoppingRate b over the trials in it, in the same order.
    const expected: (number | undefined)[] = new Array(30);
    for (let b = 0; b < budgets.length; b++) {
      const members = levels.map((_, t) => t).filter((t) => hyperband.bracketOf(t, budgets) === b);
      const asha = new AshaPruner({ minResource: 1, reductionFactor: 3, minEarlyStoppingRate: b });
      const alone = runSchedule(
        asha,
        members.map((t) => (step) => levels[t] + 1 / step),
        26,
      );
      members.forEach((t, i) => (expected[t] = alone[i]));
    }
    expect(stops).toEqual(expected);
    // And the stops sit on the brackets' rungs: bracket b prunes only at 3^b, 3^(b+1), …
    stops.forEach((step, t) => {
      if (step === undefined) return;
      const b = hyperband.bracketOf(t, budgets);
      expect([1, 3, 9, 27].slice(b)).toContain(step);
    });
  });

  it('keeps a slow starter in a bracket that judges late, and prunes it in the bracket that judges at step 1', () => {
    // Fast starters: loss 10 − step/10 (good early, plateau high). The slow starter: 20 until step 20, then 1.
    const fast = (step: number) => 10 - Math.min(step, 30) / 10;
    const slow = (step: number) => (step < 20 ? 20 : 1);
    const hyperband = new HyperbandPruner({ minResource: 1, maxResource: 81, reductionFactor: 3 }, 0);
    const budgets = hyperband.budgets(81);
    const trialIn = (b: number, after: number) => {
      let t = after;
      while (hyperband.bracketOf(t, budgets) !== b) t++;
      return t;
    };
    const early = trialIn(0, 20);
    const late = trialIn(3, 20); // first rung at 27
    const curves = [...Array(Math.max(early, late) + 1).keys()].map((t) => (t === early || t === late ? slow : fast));
    const stops = runSchedule(hyperband, curves, 80);
    expect(stops[early]).toBe(1);
    expect(stops[late]).toBeUndefined();
  });

  it('is deterministic given the seed, and the seed moves the brackets (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 10, noNaN: true }), { minLength: 1, maxLength: 40 }), (levels) => {
        const curves = levels.map((a) => (step: number) => a + (a % 1) / step);
        const run = (seed: number) => runSchedule(new HyperbandPruner(HYPERBAND_DEFAULTS, seed), curves, 27);
        expect(run(11)).toEqual(run(11));
      }),
      { numRuns: 40 },
    );
    const budgets = [27, 12, 6, 4];
    const of = (seed: number) =>
      [...Array(40).keys()].map((t) => new HyperbandPruner(HYPERBAND_DEFAULTS, seed).bracketOf(t, budgets));
    expect(of(1)).not.toEqual(of(2));
  });

  it('is what createPruner makes for kind hyperband, with Optuna’s defaults and the search seed', () => {
    const pruner = createPruner({ kind: 'hyperband', minResource: 2 }, 9) as HyperbandPruner;
    expect(pruner).toBeInstanceOf(HyperbandPruner);
    expect(pruner.settings).toEqual({ minResource: 2, reductionFactor: 3 });
    expect(pruner.seed).toBe(9);
  });
});
