import type { LearningCurve } from '../types';

/** Learning curves keep at most this many epochs (always the first and the last). */
export const MAX_CURVE_POINTS = 500;

/**
 * The per-epoch train and validation loss of a gradient trainer (gd, and the networks' sgd/adam), thinned: every
 * s-th epoch (s = ceil(epochs / 499), from epoch 1) plus the last epoch run, so a stored curve never exceeds 500
 * points whatever the epoch budget, and always shows where training started and ended.
 */
export class EpochCurve {
  private readonly stride: number;
  private readonly epochs: Int32Array;
  private readonly train: Float64Array;
  private readonly validation: Float64Array;
  private count = 0;

  constructor(maxEpochs: number) {
    this.stride = Math.max(1, Math.ceil(maxEpochs / (MAX_CURVE_POINTS - 1)));
    const capacity = Math.min(MAX_CURVE_POINTS, maxEpochs);
    this.epochs = new Int32Array(capacity);
    this.train = new Float64Array(capacity);
    this.validation = new Float64Array(capacity);
  }

  /** Whether `epoch` is kept: a caller can skip computing losses nobody keeps. */
  wants(epoch: number): boolean {
    return (epoch - 1) % this.stride === 0;
  }

  record(epoch: number, train: number, validation: number, last: boolean): void {
    if (!last && !this.wants(epoch)) return;
    if (this.count > 0 && this.epochs[this.count - 1] === epoch) return;
    // The last epoch always gets a slot: it replaces the final strided point when the buffer is full.
    const slot = this.count < this.epochs.length ? this.count++ : last ? this.count - 1 : -1;
    if (slot < 0) return;
    this.epochs[slot] = epoch;
    this.train[slot] = train;
    this.validation[slot] = validation;
  }

  /** The curve; `last`, when given, is recorded first as the last epoch run (after an early stop or divergence). */
  finish(last?: { epoch: number; train: number; validation: number }): LearningCurve {
    if (last && last.epoch > 0) this.record(last.epoch, last.train, last.validation, true);
    return {
      epochs: this.epochs.slice(0, this.count),
      train: this.train.slice(0, this.count),
      validation: this.validation.slice(0, this.count),
    };
  }
}
