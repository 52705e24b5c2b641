/**
 * tpe7s harness (not for main): trials until the best is within each target of the grid's best, per seed, for one
 * sampler variant on one task, objective values cached by point in /tmp/tpe7s-cache.
 * Run: node dist/bench/src/jobs/tpe7s-harness.js breast|diabetes|mlp <variant> <firstSeed> <count> [stopWithin]
 *   variant: random | today | JSON of TpeSettings overrides, e.g. '{"lambdaShift":1,"otherCurveWeight":0.5}'
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { RandomSampler, TPE_DEFAULTS, TpeSampler, type SearchPoint, type TrialOutcome } from '@regsweep/sweep';
import { SEARCH_TASKS, trialsTo } from './search-efficiency';
import { searchObjective } from './search-objective';
import { mlpSearchObjective } from './mlp-search-objective';

const [taskName, variant, firstArg, countArg, stopArg] = process.argv.slice(2);
const first = Number(firstArg);
const count = Number(countArg);
const dir = '/tmp/tpe7s-cache';
mkdirSync(`${dir}/results`, { recursive: true });

const glm = taskName === 'mlp' ? undefined : SEARCH_TASKS.find((t) => t.dataset.startsWith(taskName));
const objective = glm ? searchObjective(glm) : mlpSearchObjective();
/** The targets read (loosest first); an optional 5th argument stops each run at that target instead of the strictest. */
const within = (glm ? glm.within : [0.01]).filter((w) => stopArg === undefined || w >= Number(stopArg));
const maxTrials = glm ? 200 : 100;

const cacheFile = `${dir}/${taskName}.jsonl`;
const cache = new Map<string, number>();
if (existsSync(cacheFile))
  for (const line of readFileSync(cacheFile, 'utf8').split('\n'))
    if (line) {
      const [key, value] = JSON.parse(line) as [string, number];
      cache.set(key, value);
    }
const evaluate = (point: SearchPoint) => {
  const key = JSON.stringify(point);
  let value = cache.get(key);
  if (value === undefined) {
    value = objective.evaluate(point);
    cache.set(key, value);
    appendFileSync(cacheFile, `${JSON.stringify([key, value])}\n`);
  }
  return value;
};

const gridFile = `${dir}/${taskName}.gridbest`;
const gridBest = existsSync(gridFile) ? Number(readFileSync(gridFile, 'utf8')) : objective.gridBest();
writeFileSync(gridFile, String(gridBest));
const strictest = gridBest * (1 + within[within.length - 1]);

function run(seed: number): number[] {
  const values: number[] = [];
  if (variant === 'random' && glm) {
    for (const point of new RandomSampler(maxTrials, seed).sample(objective.space)) {
      values.push(evaluate(point));
      if (values[values.length - 1] <= strictest) break;
    }
    return values;
  }
  const settings =
    variant === 'random'
      ? { ...TPE_DEFAULTS, nStartupTrials: Infinity }
      : { ...TPE_DEFAULTS, ...(variant === 'today' ? {} : (JSON.parse(variant) as object)) };
  const sampler = new TpeSampler(maxTrials, seed, settings);
  const finished: TrialOutcome[] = [];
  for (let number = 0; number < maxTrials; number++) {
    const point = sampler.ask(objective.space, number, finished);
    const value = evaluate(point);
    finished.push({ number, point, state: 'complete', value });
    values.push(value);
    if (value <= strictest) break;
  }
  return values;
}

const counts: Record<string, number[]> = {};
for (const w of within) counts[String(w)] = [];
for (let seed = first; seed < first + count; seed++) {
  const values = run(seed);
  for (const w of within) counts[String(w)].push(trialsTo(values, gridBest * (1 + w), maxTrials));
}
const out = { task: taskName, variant, first, count, gridBest, counts };
writeFileSync(`${dir}/results/${taskName}__${variant.replace(/[^A-Za-z0-9.]+/g, '_')}__${first}__${within[within.length - 1]}.json`, JSON.stringify(out));
console.log(JSON.stringify(out));
