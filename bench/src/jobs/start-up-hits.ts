/**
 * How likely one uniform draw is to land within 1% of the exhaustive grid's best on the search-efficiency tasks
 * (search-efficiency.ts): per curve, the share s_c of its log-λ range whose CV loss is ≤ 1.01 × the grid's best
 * (midpoints of CELLS equal cells of log λ); then the chance of a hit per draw
 *   random search (a curve uniformly, then log λ):            mean over the curves of s_c
 *   TPE's start-up (a penalty uniformly, then its l1Ratio, then log λ; Optuna's tree): mean over the penalties
 *     of the mean of s_c over that penalty's curves.
 * Before its first hit a search's trials are draws of this kind (TPE's first nStartupTrials), so a median count of
 * 1 over 20 seeds needs ≥ 11 first-draw hits.
 *
 * Run: node dist/bench/src/jobs/start-up-hits.js [diabetes | breast]
 */
import { SEARCH_TASKS } from './search-efficiency';
import { searchObjective } from './search-objective';

const CELLS = 400;
const WITHIN = 0.01;

const mean = (values: readonly number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;

for (const task of SEARCH_TASKS.filter((t) => t.label.includes(process.argv[2] ?? ''))) {
  const objective = searchObjective(task);
  const target = objective.gridBest() * (1 + WITHIN);
  const low = Math.log(task.lambdaMin);
  const high = Math.log(task.lambdaMax);
  const shares = objective.space.curves.map((curve) => {
    let hits = 0;
    for (let i = 0; i < CELLS; i++) {
      const lambda = Math.exp(low + ((i + 0.5) / CELLS) * (high - low));
      if (objective.evaluate({ penalty: curve.penalty, l1Ratio: curve.l1Ratio, lambda }) <= target) hits++;
    }
    console.log(`${task.label}\t${curve.penalty} ${curve.l1Ratio}\tshare within 1% ${(hits / CELLS).toFixed(3)}`);
    return { penalty: curve.penalty, share: hits / CELLS };
  });
  const byPenalty = task.penalties.map((p) => mean(shares.filter((s) => s.penalty === p).map((s) => s.share)));
  const random = mean(shares.map((s) => s.share));
  console.log(`${task.label}\thit per draw: random ${random.toFixed(4)}, TPE start-up ${mean(byPenalty).toFixed(4)}`);
}
