import { chooseRoute } from '@regsweep/engine';

/**
 * Whether a dataset is large enough for the work done once per sweep to pay off (shared cross products, the engine
 * warm-up): the engine's chooseRoute decides (libs/engine/src/route.ts); this names the answer for the runner and
 * the CLI, which ask before any fold is planned.
 */
export function isLargeData(rows: number, features: number): boolean {
  const route = chooseRoute({ rows, features });
  return route.shareCrossProducts || route.warmUpEngine;
}
