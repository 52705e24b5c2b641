import type { SweepReport } from '@regsweep/sweep';
import type { BestSummary } from './store-types';

/** The report's best model in a line; `best` as stored (JSON text, from json_extract) or parsed. */
export function bestSummary(best: string | SweepReport['best'] | null): BestSummary | null {
  const parsed = typeof best === 'string' ? (JSON.parse(best) as SweepReport['best']) : best;
  if (!parsed) return null;
  const { penalty, l1Ratio, lambda, validation } = parsed;
  return { penalty, l1Ratio, lambda, validation: validation.mean };
}

/** The best model's validation mean as the list sorts it: null without one, or when it is not finite (JSON null). */
export function bestValidation(best: SweepReport['best'] | null | undefined): number | null {
  const mean = best?.validation.mean;
  return typeof mean === 'number' && Number.isFinite(mean) ? mean : null;
}
