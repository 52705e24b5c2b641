import type { Penalty } from '../types';

/** The L1 ratio r of a penalty: l1 ⇒ 1, l2 and none ⇒ 0, elasticnet ⇒ its l1Ratio. */
export function effectiveL1Ratio(penalty: Penalty): number {
  switch (penalty.kind) {
    case 'l1':
      return 1;
    case 'l2':
    case 'none':
      return 0;
    case 'elasticnet':
      return penalty.l1Ratio;
  }
}

/** λ·[ r‖β‖₁ + (1−r)/2 ‖β‖₂² ] on the standardized coefficients. */
export function penaltyValue(beta: Float64Array, lambda: number, l1Ratio: number): number {
  if (lambda === 0) return 0;
  let absolute = 0;
  let squares = 0;
  for (let j = 0; j < beta.length; j++) {
    absolute += Math.abs(beta[j]);
    squares += beta[j] * beta[j];
  }
  return lambda * (l1Ratio * absolute + ((1 - l1Ratio) / 2) * squares);
}
