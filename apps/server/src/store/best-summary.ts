import type { SweepReport } from '@regsweep/sweep';
import type { BestSummary } from './store-types';

/** The report's best model in a line; `best` as stored (JSON text, from json_extract) or parsed. */
export function bestSummary(best: string | SweepReport['best'] | null): BestSummary | null {
  const parsed = typeof best === 'string' ? (JSON.parse(best) as SweepReport['best']) : best;
  if (!parsed) return null;
  const { penalty, l1Ratio, lambda, validation } = parsed;
  return { penalty, l1Ratio, lambda, validation: validation.mean };
}
