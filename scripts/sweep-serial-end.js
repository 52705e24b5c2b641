#!/usr/bin/env node
/**
 * One `regsweep sweep CONFIG` of a compiled tree on a new SQLite file, with every thread's CPU over the sweep phase
 * (ns from /proc/<pid>/task/<tid>/schedstat, sampled every 4 ms, cut at the stored startedAt / finishedAt) and the
 * sweep's serial end: from the last fold task's end (the task timeline, bench/src/task-timeline.ts) to finishedAt,
 * in wall time and in main-thread CPU. Prints one JSON line: sweep (s), tailMs, tailMainCpuMs, main, pool, other
 * (CPU s; pool = the `workers` busiest non-main threads; writer = the thread started last before them, the
 * result writer by creation order, also counted in other) and a digest of the stored report with its sweep id
 * blanked, so two builds can be compared for identical reports; migrations: per pool thread, how often the kernel
 * moved it to another core (se.nr_migrations of /proc/<pid>/task/<tid>/sched, null where the kernel has no
 * scheduler debug). With SWEEP_PIN=1 each pool thread is pinned to a core of its own (`taskset -pc`), once, as soon
 * as `workers` threads have used over 0.2 CPU s each (the pool's warm-up and plan get there before the sweep phase);
 * `pinned` lists the tids pinned, `poolTids` the pool threads found afterwards: they should be the same. poolTasks:
 * the fold tasks the timeline saw on pool threads; with none (a small sweep the CLI ran inline on its main thread)
 * the script says so on stderr, leaves tailMs, tailMainCpuMs, pool, writer, poolTids and migrations null, counts
 * every non-main thread as other, and still exits 0. Linux only.
 *
 * A/B: alternately on two trees built with `npm run build` (this checkout built too: it reads the threads' CPU with
 * dist/bench/src/cpu-sampler.js), e.g.
 *   for r in 1 2 3 4 5; do node scripts/sweep-serial-end.js ../old cfg.json 2; node scripts/sweep-serial-end.js . cfg.json 2; done
 * Usage: node scripts/sweep-serial-end.js TREE CONFIG [workers (default 2; 1 sets REGSWEEP_WORKERS=1)]
 */
'use strict';
const { execFileSync, spawn } = require('node:child_process');
const { createHash } = require('node:crypto');
const { mkdtempSync, readFileSync, rmSync } = require('node:fs');
const { availableParallelism, tmpdir } = require('node:os');
const { join, resolve } = require('node:path');
// Every thread's CPU seconds by tid, from this checkout's build (bench/src/cpu-sampler.ts).
const { threadTimes } = require(resolve(__dirname, '..', 'dist', 'bench', 'src', 'cpu-sampler.js'));

const tree = resolve(process.argv[2] ?? '.');
const config = resolve(process.argv[3]);
const workers = Number(process.argv[4] ?? 2);
const dir = mkdtempSync(join(tmpdir(), 'regsweep-serial-end-'));
const [dbPath, timeline] = [join(dir, 'sweep.sqlite'), join(dir, 'timeline.jsonl')];
const env = {
  ...process.env,
  NODE_OPTIONS: `-r ${join(tree, 'dist/bench/src/task-timeline.js')}`,
  REGSWEEP_TIMELINE_FILE: timeline,
  ...(workers === 1 ? { REGSWEEP_WORKERS: '1' } : {}),
};
const child = spawn(process.execPath, [join(tree, 'bin/regsweep.js'), 'sweep', config, '--json', '--db', dbPath], {
  env,
  stdio: 'ignore',
});
const now = () => performance.timeOrigin + performance.now();

const samples = [];
const pin = process.env.SWEEP_PIN === '1';
let pinned = [];
const migrations = new Map();
let ticks = 0;
const timer = setInterval(() => {
  const times = threadTimes(child.pid, 'schedstat');
  samples.push({ at: now(), times });
  if (++ticks % 25 === 0) readMigrations(child.pid, times);
  if (pin) pinBusiest(child.pid, times);
}, 4);

/** Each pool thread on a core of its own: the first `workers` threads past 0.2 CPU s, pinned once. */
function pinBusiest(pid, times) {
  if (pinned.length > 0) return;
  const busiest = [...times]
    .filter(([tid, s]) => tid !== pid && s > 0.2)
    .sort((a, b) => b[1] - a[1])
    .slice(0, workers)
    .map(([tid]) => tid)
    .sort((a, b) => a - b);
  if (busiest.length < workers) return;
  pinned = busiest;
  busiest.forEach((tid, core) => {
    try {
      execFileSync('taskset', ['-pc', String(core % availableParallelism()), String(tid)], { stdio: 'ignore' });
    } catch {
      // the thread exited, or taskset is missing: the run goes on unpinned
    }
  });
}

/** se.nr_migrations by tid, kept from the last read (the threads are gone once the process exits). */
function readMigrations(pid, times) {
  for (const tid of times.keys()) {
    try {
      const match = /se\.nr_migrations\s*:\s*(\d+)/.exec(readFileSync(`/proc/${pid}/task/${tid}/sched`, 'utf8'));
      if (match) migrations.set(tid, Number(match[1]));
    } catch {
      // no scheduler debug in this kernel, or the thread exited
    }
  }
}
child.once('exit', (code) => {
  clearInterval(timer);
  try {
    if (code !== 0) throw new Error(`regsweep sweep exited with ${code}`);
    console.log(JSON.stringify(measure(child.pid)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

function measure(pid) {
  const Database = require(join(tree, 'node_modules/better-sqlite3'));
  const db = new Database(dbPath, { readonly: true });
  const row = db
    .prepare(
      'SELECT s.id, s.startedAt, s.finishedAt, r.report FROM sweep s JOIN sweep_report r ON r.sweepId = s.id ' +
        'ORDER BY s.createdAt DESC LIMIT 1',
    )
    .get();
  db.close();
  const utc = (text) => Date.parse(text.replace(' ', 'T') + 'Z');
  const [from, to] = [utc(row.startedAt), utc(row.finishedAt)];
  const tasks = poolTasks();
  const nearest = (at) => samples.reduce((best, s) => (Math.abs(s.at - at) < Math.abs(best.at - at) ? s : best));
  const between = (a, b) => new Map([...b.times].map(([tid, s]) => [tid, s - (a.times.get(tid) ?? 0)]));
  const phase = between(nearest(from), nearest(to));
  const threads = [...phase].filter(([tid]) => tid !== pid);
  const others = threads.map(([, s]) => s).sort((a, b) => b - a);
  const sum = (values) => values.reduce((total, value) => total + value, 0);
  const round = (value, digits) => Number(value.toFixed(digits));
  const noPool = tasks.length === 0;
  if (noPool) {
    // No fold task ran on a pool thread (a small sweep the CLI ran inline on its main thread, or none for the pool):
    // there is no last task's end and no pool to tell apart, so every non-main thread's CPU is `other`.
    console.error(
      'sweep-serial-end: no pool tasks (no fold task ran on a pool thread): tailMs, tailMainCpuMs, pool, writer, ' +
        'poolTids and migrations are null; other is every non-main thread',
    );
  }
  const lastEnd = Math.max(...tasks.map((task) => task.end));
  // The result writer: the last thread started before the pool's (tids in creation order; its Worker is created at
  // module init, the pool's threads at warm-up). A guess by creation order, as /proc does not name Node's threads.
  const poolSize = noPool ? 0 : workers;
  const poolTids = [...threads]
    .sort((a, b) => b[1] - a[1])
    .slice(0, poolSize)
    .map(([tid]) => tid);
  const before = threads.filter(([tid]) => tid < Math.min(...poolTids)).sort((a, b) => a[0] - b[0]);
  const ifPool = (value) => (noPool ? null : value());
  return {
    sweep: round((to - from) / 1000, 3),
    tailMs: ifPool(() => round(to - lastEnd, 1)),
    tailMainCpuMs: ifPool(() => round(1000 * (between(nearest(lastEnd), nearest(to)).get(pid) ?? 0), 1)),
    main: round(phase.get(pid) ?? 0, 3),
    pool: ifPool(() => round(sum(others.slice(0, poolSize)), 3)),
    other: round(sum(others.slice(poolSize)), 3),
    writer: ifPool(() => round(before.length > 0 ? before[before.length - 1][1] : 0, 3)),
    poolTids: ifPool(() => poolTids),
    migrations: ifPool(() => poolTids.map((tid) => migrations.get(tid) ?? null)),
    ...(pin ? { pinned } : {}),
    poolTasks: tasks.length,
    report: createHash('sha1').update(String(row.report).split(row.id).join('ID')).digest('hex').slice(0, 10),
  };
}

/** The fold tasks the timeline saw on pool threads; none when the file was never written (no task ran on one). */
function poolTasks() {
  let text;
  try {
    text = readFileSync(timeline, 'utf8');
  } catch (error) {
    if (error.code === 'ENOENT') return [];
    throw error;
  }
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line))
    .filter((event) => event.side === 'thread');
}
