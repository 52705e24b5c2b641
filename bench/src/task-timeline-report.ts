/**
 * `node dist/bench/src/task-timeline-report.js TIMELINE.jsonl`: what a task timeline (task-timeline.ts) says.
 * Per process: its fold tasks and their CPU; the wait from a job's arrival to its fit's start (the first job's
 * holds the dataset's fetch; later jobs: the median); each fit thread's idle time between two of its tasks. For the
 * whole run, the idle tail of the measured task CPU list-scheduled on as many ideal cores as there were fit threads:
 * each task, in turn, to the core that frees first; tail = Σ over cores (makespan − that core's end). In the order
 * the tasks went out, in plan order (curve, fold) and sorted by measured CPU (longest first).
 */
import { readFileSync } from 'node:fs';

interface Event {
  side: 'thread' | 'job' | 'server';
  pid: number;
  tid?: number;
  start: number;
  end: number;
  cpu?: number;
  fold?: number;
  curve?: number;
  rows?: number;
}

const median = (values: number[]) =>
  values.length ? [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] : NaN;
const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
const ms = (value: number) => `${value.toFixed(1)} ms`;

/** The idle tail of `costs` list-scheduled, in this order, on `cores` ideal cores (seconds). */
export function idleTail(costs: readonly number[], cores: number): number {
  const ends = new Array<number>(cores).fill(0);
  for (const cost of costs) ends[ends.indexOf(Math.min(...ends))] += cost;
  const makespan = Math.max(...ends);
  return sum(ends.map((end) => makespan - end));
}

function main(): void {
  const events = readFileSync(process.argv[2], 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Event);
  const fits = events.filter((e) => e.side === 'thread').sort((a, b) => a.start - b.start);
  for (const pid of new Set(fits.map((e) => e.pid))) {
    const own = fits.filter((e) => e.pid === pid);
    const jobs = events.filter((e) => e.side === 'job' && e.pid === pid).sort((a, b) => a.start - b.start);
    const gaps = [...new Set(own.map((e) => e.tid))].flatMap((tid) => {
      const thread = own.filter((e) => e.tid === tid);
      return thread.slice(1).map((fit, i) => fit.start - thread[i].end);
    });
    const waits = jobs.length === own.length ? jobs.map((job, i) => own[i].start - job.start) : [];
    console.log(
      `process ${pid}: ${own.length} fold tasks, ${sum(own.map((e) => e.cpu ?? 0)).toFixed(2)} CPU s; ` +
        (waits.length ? `first job → its fit ${ms(waits[0])}, later ${ms(median(waits.slice(1)))} (median); ` : '') +
        `fit thread idle between tasks ${ms(median(gaps))} (median), ${ms(sum(gaps))} in all; ` +
        `training rows of its first 10: ${own
          .slice(0, 10)
          .map((e) => e.rows)
          .join(', ')}`,
    );
  }
  const cores = new Set(fits.map((e) => `${e.pid}:${e.tid}`)).size;
  const cost = (e: Event) => e.cpu ?? 0;
  const planOrder = [...fits].sort((a, b) => (a.curve ?? 0) - (b.curve ?? 0) || (a.fold ?? 0) - (b.fold ?? 0));
  const tails = [fits, planOrder, [...fits].sort((a, b) => cost(b) - cost(a))].map((order) =>
    ms(1000 * idleTail(order.map(cost), cores)),
  );
  console.log(
    `idle tail on ${cores} ideal core(s), measured task CPU ${sum(fits.map(cost)).toFixed(2)} s: ` +
      `as sent ${tails[0]}, plan order ${tails[1]}, longest measured first ${tails[2]}`,
  );
}

if (require.main === module) main();
