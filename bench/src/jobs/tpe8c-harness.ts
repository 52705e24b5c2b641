/**
 * EXPERIMENT (branch tpe8c, not for main): settings of the curve axis only. Trials to each target per seed for
 * regsweep's TPE with the curve axis's prior weight, EI candidates or γ changed (TpeSettings.curveAxis), on the search-efficiency bench's
 * objectives, every evaluation cached by the point's JSON (in memory and in CACHE_DIR, so variants and runs reuse it).
 *
 * node dist/bench/src/jobs/tpe8c-harness.js breast|diabetes|mlp FIRST_SEED COUNT VARIANT… (see settingsOf)
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { RandomSampler, TpeSampler, TPE_DEFAULTS, type SearchPoint, type SearchSpace, type TpeSettings, type TrialOutcome } from '@regsweep/sweep';
import { mlpSearchObjective } from './mlp-search-objective';
import { SEARCH_TASKS, median, trialsTo } from './search-efficiency';
import { crossValidatedLoss, datasetFolds, searchObjective, type SearchObjective } from './search-objective';
import { logspace } from '@regsweep/engine';

const CACHE_DIR = '/tmp/tpe8c-cache';
const RESULTS_DIR = '/tmp/tpe8c-results';
/** STOP_AT_FIRST=1: each run stops at the loosest target (the stricter ones then read "> max"). */
const STOP_AT_FIRST = process.env.STOP_AT_FIRST === '1';

interface Task {
  evaluate(point: SearchPoint): number;
  space: SearchSpace;
  gridBest: number;
  within: readonly number[];
  maxTrials: number;
}

function cachedTask(name: string): Task {
  mkdirSync(CACHE_DIR, { recursive: true });
  const file = `${CACHE_DIR}/${name}.jsonl`;
  const cache = new Map<string, number>();
  if (existsSync(file))
    for (const line of readFileSync(file, 'utf8').split('\n'))
      if (line) {
        const [key, value] = JSON.parse(line) as [string, number];
        cache.set(key, value);
      }
  const base =
    name === 'mlp'
      ? mlpSearchObjective()
      : name.endsWith('-s')
        ? surrogate(glmTask(name.slice(0, -2)))
        : searchObjective(glmTask(name));
  const evaluate = (point: SearchPoint) => {
    const key = JSON.stringify(point);
    let value = cache.get(key);
    if (value === undefined) {
      value = base.evaluate(point);
      cache.set(key, value);
      appendFileSync(file, `${JSON.stringify([key, value])}\n`);
    }
    return value;
  };
  const gridFile = `${CACHE_DIR}/${name}.grid`;
  const gridBest = existsSync(gridFile) ? Number(readFileSync(gridFile, 'utf8')) : base.gridBest();
  writeFileSync(gridFile, String(gridBest));
  const within = name === 'mlp' ? [0.01] : glmTask(name.replace(/-s$/, '')).within;
  return { evaluate, space: base.space, gridBest, within, maxTrials: name === 'mlp' ? 100 : 200 };
}

/**
 * The GLM objective read off dense warm-started paths: per curve, the CV loss at SURROGATE_PER_DECADE log-spaced λ
 * over the task's range, interpolated linearly in log λ (the real objective costs a warm-start ladder per point).
 */
const SURROGATE_PER_DECADE = 100;

function surrogate(task: ReturnType<typeof glmTask>): Omit<SearchObjective, 'task'> {
  const real = searchObjective(task);
  const { data, folds } = datasetFolds(task.dataset, 5);
  const count = Math.round(Math.log10(task.lambdaMax / task.lambdaMin) * SURROGATE_PER_DECADE) + 1;
  const grid = logspace(task.lambdaMax, task.lambdaMin, count);
  const paths = new Map<string, Float64Array>();
  for (const curve of real.space.curves) {
    const spec = {
      model: task.model,
      penalty: { kind: curve.penalty, l1Ratio: curve.l1Ratio },
      lambdas: grid,
      standardize: true,
      solver: { kind: 'cd' as const, tolerance: 1e-7, maxIterations: 100_000 },
    };
    paths.set(`${curve.penalty}:${curve.l1Ratio}`, crossValidatedLoss(data, folds, spec, task.metric));
  }
  const step = Math.log(task.lambdaMax / task.lambdaMin) / (count - 1);
  return {
    space: real.space,
    evaluate: (point) => {
      const path = paths.get(`${point.penalty}:${point.l1Ratio}`)!;
      const at = Math.min(Math.max(Math.log(task.lambdaMax / point.lambda) / step, 0), count - 1);
      const i = Math.min(Math.floor(at), count - 2);
      return path[i] + (at - i) * (path[i + 1] - path[i]);
    },
    gridBest: () => real.gridBest(),
  };
}

function glmTask(name: string) {
  const task = SEARCH_TASKS.find((t) => t.dataset === (name === 'breast' ? 'breast-cancer' : name));
  if (!task) throw new Error(`unknown task ${name}`);
  return task;
}

/**
 * VARIANT: main | random | settings of the curve axis only, joined by '+': p<w> (prior weight w), e<k> (k EI
 * candidates), q<f> (γ(n) = min(⌈f·n⌉, 25)), s<f> (γ(n) = min(⌈f·√n⌉, 25)).
 */
function settingsOf(variant: string): TpeSettings | 'random' {
  if (variant === 'random') return 'random';
  if (variant === 'main') return TPE_DEFAULTS;
  const curveAxis: NonNullable<TpeSettings['curveAxis']> = {};
  for (const part of variant.split('+')) {
    const m = /^([peqs])([\d.]+)$/.exec(part);
    if (!m) throw new Error(`unknown variant ${variant}`);
    const x = Number(m[2]);
    if (m[1] === 'p') Object.assign(curveAxis, { priorWeight: x });
    if (m[1] === 'e') Object.assign(curveAxis, { nEiCandidates: x });
    if (m[1] === 'q') Object.assign(curveAxis, { gamma: (n: number) => Math.min(Math.ceil(x * n), 25) });
    if (m[1] === 's') Object.assign(curveAxis, { gamma: (n: number) => Math.min(Math.ceil(x * Math.sqrt(n)), 25) });
  }
  return { ...TPE_DEFAULTS, curveAxis };
}

/** The losses of one seeded search, until one is within the strictest target. */
function run(task: Task, variant: string, seed: number): number[] {
  const settings = settingsOf(variant);
  const target = task.gridBest * (1 + task.within[STOP_AT_FIRST ? 0 : task.within.length - 1]);
  const values: number[] = [];
  if (settings === 'random' && task.space.fields === undefined) {
    for (const point of new RandomSampler(task.maxTrials, seed).sample(task.space)) {
      values.push(task.evaluate(point));
      if (values[values.length - 1] <= target) break;
    }
    return values;
  }
  const sampler = new TpeSampler(
    task.maxTrials,
    seed,
    settings === 'random' ? { ...TPE_DEFAULTS, nStartupTrials: Infinity } : settings,
  );
  const finished: TrialOutcome[] = [];
  for (let number = 0; number < task.maxTrials; number++) {
    const point = sampler.ask(task.space, number, finished);
    const value = task.evaluate(point);
    finished.push({ number, point, state: 'complete', value });
    values.push(value);
    if (value <= target) break;
  }
  return values;
}

function main() {
  const [name, first, count, ...variants] = process.argv.slice(2);
  const task = cachedTask(name);
  mkdirSync(RESULTS_DIR, { recursive: true });
  for (const variant of variants) {
    const perTarget = task.within.map(() => [] as number[]);
    for (let seed = Number(first); seed < Number(first) + Number(count); seed++) {
      const values = run(task, variant, seed);
      task.within.forEach((within, i) =>
        perTarget[i].push(trialsTo(values, task.gridBest * (1 + within), task.maxTrials)),
      );
    }
    const out = { task: name, variant, first: Number(first), within: task.within, counts: perTarget };
    writeFileSync(`${RESULTS_DIR}/${name}${STOP_AT_FIRST ? '-1pc' : ''}-${variant}-${first}-${count}.json`, JSON.stringify(out));
    const sets = (counts: number[]) =>
      Array.from({ length: Math.ceil(counts.length / 20) }, (_, s) => median(counts.slice(20 * s, 20 * s + 20)));
    console.log(
      `${name} ${variant} seeds ${first}+${count}: ` +
        task.within
          .map((w, i) => `${w * 100}% sets [${sets(perTarget[i]).join(' / ')}] all ${median(perTarget[i])}`)
          .join('; '),
    );
  }
}

main();
