import type { TrialJson } from './store-types';

/** A trial's full-data coefficients, and a multinomial trial's per-class intercepts (the other models have none). */
export function fullFitJson(coefficients: string | null | undefined, intercepts: string | null | undefined) {
  return {
    coefficients: parseJson<TrialJson['coefficients']>(coefficients),
    ...(intercepts ? { intercepts: parseJson<Record<string, number | null>>(intercepts) } : {}),
  };
}

/** A stored JSON text column as its value; a NULL (or absent) column as null. */
export function parseJson<T>(text: string | null | undefined): T | null {
  return text === null || text === undefined ? null : (JSON.parse(text) as T);
}
