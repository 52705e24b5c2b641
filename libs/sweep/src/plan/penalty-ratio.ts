import type { PenaltyKind } from '@regsweep/engine';

/** The L1 ratios r a penalty kind sweeps (SPEC §1): l1 ⇒ 1, l2 and none ⇒ 0, elasticnet ⇒ each listed ratio. */
export function penaltyRatio(kind: PenaltyKind, l1Ratios: readonly number[]): number[] {
  switch (kind) {
    case 'l1':
      return [1];
    case 'l2':
    case 'none':
      return [0];
    case 'elasticnet':
      return [...l1Ratios];
  }
}

/** Every (penalty, l1Ratio) of a config, in the order the penalties are listed: one curve each. */
export function penaltyCurves(
  penalties: readonly PenaltyKind[],
  l1Ratios: readonly number[],
): { penalty: PenaltyKind; l1Ratio: number }[] {
  return penalties.flatMap((penalty) => penaltyRatio(penalty, l1Ratios).map((l1Ratio) => ({ penalty, l1Ratio })));
}
