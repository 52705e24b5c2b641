/** No pruning: every trial runs to the end (Optuna's NopPruner). */
import type { Pruner } from './pruner';

export class NonePruner implements Pruner {
  readonly kind = 'none' as const;

  shouldPrune(): boolean {
    return false;
  }

  epochRungs(): undefined {
    return undefined;
  }
}
