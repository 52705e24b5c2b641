/**
 * Search efficiency (issue 13): how many trials each search needs before its best cross-validated loss is within 1%
 * of the best an exhaustive grid finds (penalty × l1Ratio × 100 λ), median over 20 seeds, for regsweep's random
 * search, regsweep's TPE and Optuna's TPESampler (optuna_tpe_search.py), all on the same objective and folds
 * (search-objective.ts). A search that does not get there within MAX_TRIALS counts as MAX_TRIALS + 1 (shown "> N").
 * The same runs are also read at stricter targets (`within`): on these flat CV curves 1% is reached within a few
 * trials by any search.
 *
 * Run on its own: node dist/bench/src/jobs/search-efficiency.js [--no-optuna] [--first-seed N] [diabetes | breast]
 * (seeds N … N + 19, 0 by default: another 20 seeds check a setting chosen on seeds 0–19).
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { resolve } from 'node:path';
import { RandomSampler, TpeSampler, type SearchPoint, type TrialOutcome } from '@regsweep/sweep';
import { anchors } from '../anchors';
import { printTable, type BenchRow } from '../report-table';
import { searchObjective, type SearchObjective, type SearchTask } from './search-objective';

const SEEDS = 20;
/** The first of the SEEDS seeds (`--first-seed N`, default 0). */
export const FIRST_SEED = process.argv.includes('--first-seed')
  ? Number(process.argv[process.argv.indexOf('--first-seed') + 1])
  : 0;
const MAX_TRIALS = 200;
const L1_RATIOS = [0.1, 0.3, 0.5, 0.7, 0.9];

/** A task with its targets, loosest first: best loss ≤ gridBest · (1 + within); each run goes on until the last. */
export interface EfficiencyTask extends SearchTask {
  readonly within: readonly number[];
}

export const SEARCH_TASKS: readonly EfficiencyTask[] = [
  {
    label: 'diabetes, linear, mse',
    dataset: 'diabetes',
    model: 'linear',
    metric: 'mse',
    penalties: ['l1', 'l2', 'elasticnet'],
    l1Ratios: L1_RATIOS,
    lambdaMin: 1e-3,
    lambdaMax: 1e3,
    gridCount: 100,
    within: [0.01, 0.001, 0.0001],
  },
  {
    label: 'breast cancer, logistic, logloss',
    dataset: 'breast-cancer',
    model: 'logistic',
    metric: 'logloss',
    penalties: ['l1', 'l2', 'elasticnet'],
    l1Ratios: L1_RATIOS,
    lambdaMin: 1e-4,
    lambdaMax: 1,
    gridCount: 100,
    within: [0.01, 0.001],
  },
];

/** One seeded search: the losses of its trials in order, stopping at the first one ≤ target (at most MAX_TRIALS). */
type Search = (objective: SearchObjective, seed: number, target: number) => Promise<number[]>;

const randomSearch: Search = async (objective, seed, target) => {
  const values: number[] = [];
  for (const point of new RandomSampler(MAX_TRIALS, seed).sample(objective.space)) {
    values.push(objective.evaluate(point));
    if (values[values.length - 1] <= target) break;
  }
  return values;
};

const tpeSearch: Search = async (objective, seed, target) => {
  const sampler = new TpeSampler(MAX_TRIALS, seed);
  const finished: TrialOutcome[] = [];
  for (let number = 0; number < MAX_TRIALS; number++) {
    const point = sampler.ask(objective.space, number, finished);
    const value = objective.evaluate(point);
    finished.push({ number, point, state: 'complete', value });
    if (value <= target) break;
  }
  return finished.map((t) => t.value);
};

const optunaSearch: Search = (objective, seed, target) => {
  const { task } = objective;
  const spec = { seed, trials: MAX_TRIALS, ...pick(task, 'penalties', 'l1Ratios', 'lambdaMin', 'lambdaMax') };
  return askOptuna(spec, (point) => objective.evaluate(point), target);
};

/** Optuna's TPESampler (optuna_tpe_search.py) asked over a pipe, told `evaluate`'s value, until one is ≤ target. */
export const askOptuna = (spec: object, evaluate: (point: SearchPoint) => number, target: number): Promise<number[]> =>
  new Promise((done, fail) => {
    const script = resolve(__dirname, '../../../../bench/optuna_tpe_search.py');
    const child = spawn(anchors.python, [script, JSON.stringify(spec)], { stdio: ['pipe', 'pipe', 'inherit'] });
    const values: number[] = [];
    createInterface({ input: child.stdout }).on('line', (line) => {
      const value = evaluate(JSON.parse(line) as SearchPoint);
      values.push(value);
      if (value <= target) child.stdin.end();
      else child.stdin.write(`${JSON.stringify({ value })}\n`);
    });
    child.on('error', fail);
    child.on('close', (code) => (code === 0 ? done(values) : fail(new Error(`optuna_tpe_search.py exited ${code}`))));
  });

/** The number of the first trial whose loss is ≤ target, or MAX_TRIALS + 1. */
export function trialsTo(values: readonly number[], target: number, maxTrials = MAX_TRIALS): number {
  const hit = values.findIndex((value) => value <= target);
  return hit < 0 ? maxTrials + 1 : hit + 1;
}

/** Per target (the task's `within` order) and search, the trials each seed needed. */
export interface SearchEfficiency {
  readonly task: SearchTask;
  readonly gridBest: number;
  readonly targets: readonly { within: number; random: number[]; tpe: number[]; optuna?: number[] }[];
}

export async function measureSearchEfficiency(task: EfficiencyTask, optuna: boolean): Promise<SearchEfficiency> {
  const objective = searchObjective(task);
  const gridBest = objective.gridBest();
  const target = (within: number) => gridBest * (1 + within);
  const run = async (search: Search) => {
    const runs: number[][] = [];
    for (let seed = FIRST_SEED; seed < FIRST_SEED + SEEDS; seed++)
      runs.push(await search(objective, seed, target(task.within[task.within.length - 1])));
    return runs;
  };
  const random = await run(randomSearch);
  const tpe = await run(tpeSearch);
  const optunaRuns = optuna ? await run(optunaSearch) : undefined;
  const counts = (runs: number[][], within: number) => runs.map((values) => trialsTo(values, target(within)));
  return {
    task,
    gridBest,
    targets: task.within.map((within) => ({
      within,
      random: counts(random, within),
      tpe: counts(tpe, within),
      ...(optunaRuns ? { optuna: counts(optunaRuns, within) } : {}),
    })),
  };
}

/** `only`: run the tasks whose label contains it (all by default). */
export async function searchEfficiencyJobs(optuna: boolean, only = ''): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const task of SEARCH_TASKS.filter((t) => t.label.includes(only)))
    rows.push(...efficiencyRows(await measureSearchEfficiency(task, optuna)));
  return rows;
}

function efficiencyRows(result: SearchEfficiency): BenchRow[] {
  const curves = result.task.penalties.length - 1 + result.task.l1Ratios.length;
  return result.targets.flatMap(({ within, random, tpe, optuna }) => {
    const job = `search efficiency, ${result.task.label}: trials to within ${within * 100}% of the grid's best, median of seeds ${FIRST_SEED}–${FIRST_SEED + SEEDS - 1}`;
    const note =
      `grid best ${result.gridBest.toPrecision(6)} (${curves} curves × ${result.task.gridCount} λ); per seed ` +
      `random [${show(random)}], TPE [${show(tpe)}]` +
      (optuna ? `, Optuna [${show(optuna)}]` : '');
    return [
      {
        job: `${job}: TPE vs Optuna TPESampler`,
        regsweep: median(tpe),
        anchorName: 'Optuna TPESampler',
        anchor: optuna && median(optuna),
        unit: 'count' as const,
        note,
      },
      {
        job: `${job}: TPE vs regsweep random`,
        regsweep: median(tpe),
        anchorName: 'regsweep random',
        anchor: median(random),
        unit: 'count' as const,
      },
    ];
  });
}

export const show = (counts: number[], maxTrials = MAX_TRIALS) =>
  counts.map((c) => (c > maxTrials ? `>${maxTrials}` : String(c))).join(' ');

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = (sorted.length - 1) / 2;
  return 0.5 * (sorted[Math.floor(middle)] + sorted[Math.ceil(middle)]);
}

function pick<T, K extends keyof T>(value: T, ...keys: K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((key) => [key, value[key]])) as Pick<T, K>;
}

if (require.main === module) {
  const useOptuna = !process.argv.includes('--no-optuna') && anchors.optuna();
  const only = process.argv.slice(2).find((arg, i, args) => !arg.startsWith('--') && args[i - 1] !== '--first-seed') ?? '';
  searchEfficiencyJobs(useOptuna, only)
    .then((rows) => printTable(rows))
    .catch((error) => {
      console.error(error);
      process.exitCode = 1;
    });
}
