import type { MultinomialPointFit } from './types';

/** A fit's intercepts {class: value} and coefficients {class: {feature: value}} (SPEC §7), by name. */
export interface PerClassCoefficients {
  readonly intercept: Record<string, number>;
  readonly coefficients: Record<string, Record<string, number>>;
}

export function perClassCoefficients(
  fit: MultinomialPointFit,
  classes: readonly string[],
  names: readonly string[],
): PerClassCoefficients {
  const p = names.length;
  return {
    intercept: Object.fromEntries(classes.map((label, k) => [label, fit.intercepts[k]])),
    coefficients: Object.fromEntries(
      classes.map((label, k) => [
        label,
        Object.fromEntries(names.map((name, j) => [name, fit.coefficients[k * p + j]])),
      ]),
    ),
  };
}
