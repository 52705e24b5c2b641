/**
 * Pruning between epochs, as data: a pruner (libs/sweep prune/) turns what the other trials reported into a limit per
 * epoch, and the trainer (gd, the networks' sgd/adam) stops at the first of those epochs where its validation loss is
 * above the limit. The trainer needs no callback into the sweep (it may run in a Piscina thread or a queue worker):
 *
 * (EpochRungs in types.ts: judge 'value' compares the epoch's loss, 'best' the best loss so far, with the limit).
 *
 * Only epochs the learning curve keeps are judged (EpochCurve.wants), so whoever replays the rule on the stored
 * curve (the sweep, to tell a pruned fit from a finished one) sees the same values the trainer saw.
 */
import type { EpochRungs } from '../types';
import { EpochCurve } from './epoch-curve';

/** Where a trainer stopped on a rung: the epoch and the validation loss judged there. */
export interface RungStop {
  readonly epoch: number;
  readonly value: number;
  readonly limit: number;
}

/** Applies EpochRungs epoch by epoch; call `stops` for every kept epoch, in order. */
export class EpochRungJudge {
  private best = Infinity;
  private next = 0;

  constructor(private readonly rungs: EpochRungs) {}

  /** The stop at `epoch` with validation loss `loss`, or undefined to go on. */
  stops(epoch: number, loss: number): RungStop | undefined {
    if (loss < this.best || Number.isNaN(loss)) this.best = Number.isNaN(loss) ? NaN : loss;
    const { epochs, limits, judge } = this.rungs;
    while (this.next < epochs.length && epochs[this.next] < epoch) this.next++;
    if (epochs[this.next] !== epoch) return undefined;
    const value = judge === 'value' ? loss : this.best;
    const limit = limits[this.next];
    return !(value <= limit) ? { epoch, value, limit } : undefined;
  }
}

/** The first stop of `rungs` on a learning curve's validation losses (a replay of what EpochRungJudge did). */
export function rungStopOnCurve(
  rungs: EpochRungs,
  curve: { readonly epochs: ArrayLike<number>; readonly validation: ArrayLike<number> },
): RungStop | undefined {
  const judge = new EpochRungJudge(rungs);
  for (let i = 0; i < curve.epochs.length; i++) {
    const stop = judge.stops(curve.epochs[i], curve.validation[i]);
    if (stop) return stop;
  }
  return undefined;
}

export function describeRungStop(stop: RungStop): string {
  return `pruned at epoch ${stop.epoch}: validation loss ${stop.value} above the pruner's limit ${stop.limit}`;
}

/** Which epochs of a trainer running `maxEpochs` its learning curve keeps: the only ones a rung may sit on. */
export function keptEpochs(maxEpochs: number): (epoch: number) => boolean {
  const curve = new EpochCurve(maxEpochs);
  return (epoch) => epoch <= maxEpochs && curve.wants(epoch);
}
