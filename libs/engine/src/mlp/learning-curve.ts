import type { LearningCurve } from '../types';

/** Learning curves keep at most this many epochs (always the first and the last), as gd curves do. */
export const MAX_MLP_CURVE_POINTS = 500;

/**
 * Keeps every s-th epoch (s = ceil(epochs / 499), from epoch 1) plus the last epoch run, the same thinning as the
 * gd solver's curves, so a stored curve never exceeds 500 points whatever the epoch budget.
 */
export class EpochCurve {
  private readonly stride: number;
  private readonly epochs: Int32Array;
  private readonly train: Float64Array;
  private readonly validation: Float64Array;
  private count = 0;

  constructor(maxEpochs: number) {
    this.stride = Math.max(1, Math.ceil(maxEpochs / (MAX_MLP_CURVE_POINTS - 1)));
    const capacity = Math.min(MAX_MLP_CURVE_POINTS, maxEpochs);
    this.epochs = new Int32Array(capacity);
    this.train = new Float64Array(capacity);
    this.validation = new Float64Array(capacity);
  }

  record(epoch: number, train: number, validation: number, last: boolean): void {
    if (!last && (epoch - 1) % this.stride !== 0) return;
    if (this.count > 0 && this.epochs[this.count - 1] === epoch) return;
    // The last epoch always gets a slot: it replaces the final strided point when the buffer is full.
    const slot = this.count < this.epochs.length ? this.count++ : last ? this.count - 1 : -1;
    if (slot < 0) return;
    this.epochs[slot] = epoch;
    this.train[slot] = train;
    this.validation[slot] = validation;
  }

  /** Marks the most recently recorded epoch as the last (after an early stop or divergence). */
  finish(lastEpoch: number, train: number, validation: number): LearningCurve {
    if (lastEpoch > 0) this.record(lastEpoch, train, validation, true);
    return {
      epochs: this.epochs.slice(0, this.count),
      train: this.train.slice(0, this.count),
      validation: this.validation.slice(0, this.count),
    };
  }
}
