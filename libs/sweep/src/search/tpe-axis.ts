/** An axis on its search scale: numerical values are already transformed (log λ), categorical ones are indices. */
export type TpeAxis =
  | { readonly kind: 'numerical'; readonly low: number; readonly high: number }
  | { readonly kind: 'categorical'; readonly count: number };
