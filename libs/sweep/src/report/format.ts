/** Number and label formatting for the report's sentences. */
import type { PenaltyKind } from '@regsweep/engine';

/** 4 significant digits, without trailing zeros ("0.8268", "2991", "4.5e-7"). */
export function fmt(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return String(Number(value.toPrecision(4)));
}

/** "l1", "l2", "none", "elasticnet(l1Ratio=0.5)". */
export function curveLabel(penalty: PenaltyKind, l1Ratio: number): string {
  return penalty === 'elasticnet' ? `elasticnet(l1Ratio=${l1Ratio})` : penalty;
}

/** Up to `max` values, then "…". */
export function listValues(values: readonly number[], max = 5): string {
  const shown = values.slice(0, max).map(fmt).join(', ');
  return values.length > max ? `${shown}, …` : shown;
}
