/**
 * 1 vs 2 `regsweep worker` processes (one Piscina thread each) on one sweep through the queue, with where the CPU
 * went over the sweep phase (startedAt → finishedAt), read from /proc (cpu-sampler.ts): the server (the CLI's
 * `sweep --queue`), each worker's main thread and its busiest other thread (its pool thread: the fits), the other
 * threads (V8's compiler and GC helpers), the PostgreSQL backends of this run (found by application_name) and the
 * Redis server (all of it: other clients on the machine count too). The fits' share of all that CPU bounds what a
 * second worker can give on two cores: 2 workers ≤ 2 × share of 1 worker's wall time, whatever the load.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { Client } from 'pg';
import { Queue } from 'bullmq';
import { FOLD_TASK_QUEUE, parseQueueUrl } from '../../../apps/server/src/queue/queue-connection';
import { CpuSampler, processSplit, type ThreadTimes } from '../cpu-sampler';

export interface QueuedSweepRun {
  readonly seconds: number;
  readonly cpu: CpuAccount;
}

/** CPU seconds over the sweep phase. */
export interface CpuAccount {
  /** The server process: its main thread, and its other threads together. */
  readonly server: { main: number; other: number };
  readonly workers: { main: number; fit: number; other: number }[];
  readonly postgres: number;
  readonly redis: number;
}

export function cpuTotal(cpu: CpuAccount): number {
  const workers = cpu.workers.reduce((sum, w) => sum + w.main + w.fit + w.other, 0);
  return cpu.server.main + cpu.server.other + workers + cpu.postgres + cpu.redis;
}

export function fitShare(cpu: CpuAccount): number {
  return cpu.workers.reduce((sum, w) => sum + w.fit, 0) / cpuTotal(cpu);
}

/** "server 1.2 s; worker 1: main 0.8, fit 9.1, other 0.3 s; …; fits 82 % of 13.1 s" */
export function describeCpu(cpu: CpuAccount): string {
  const workers = cpu.workers.map(
    (w, i) => `worker ${i + 1}: main ${w.main.toFixed(2)}, fit ${w.fit.toFixed(2)}, other ${w.other.toFixed(2)} s`,
  );
  return [
    `server: main ${cpu.server.main.toFixed(2)}, other ${cpu.server.other.toFixed(2)} s`,
    ...workers,
    `PostgreSQL backends ${cpu.postgres.toFixed(2)} s`,
    `Redis ${cpu.redis.toFixed(2)} s`,
    `fits ${(100 * fitShare(cpu)).toFixed(1)} % of ${cpuTotal(cpu).toFixed(2)} CPU s`,
  ].join('; ');
}

function redisPids(): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'redis-server') pids.push(Number(entry));
    } catch {
      // gone
    }
  }
  return pids;
}

function startWorker(cli: string, queue: string, database: string): Promise<ChildProcess> {
  return new Promise((ready, fail) => {
    const child = spawn(process.execPath, [cli, 'worker', '--queue', queue, '--database', database, '--threads', '1'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let text = '';
    child.stderr!.on('data', (chunk) => {
      text += chunk;
      if (text.includes('regsweep worker: ready')) ready(child);
    });
    child.once('exit', (code) => fail(new Error(`worker exited (${code}): ${text}`)));
  });
}

function runToEnd(child: ChildProcess): Promise<{ status: number | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  return new Promise((done) => child.once('exit', (status) => done({ status, stdout, stderr })));
}

/**
 * The sweep of `configFile` through a fresh queue prefix with `workers` worker processes, on the PostgreSQL
 * `database` (a fresh schema: withSchema), with the CPU account of its sweep phase.
 */
export async function queuedSweepRun(
  cli: string,
  configFile: string,
  workers: number,
  database: string,
  redisUrl: string,
): Promise<QueuedSweepRun> {
  const tag = `regsweep_bench_${randomBytes(4).toString('hex')}`;
  const url = new URL(database);
  url.searchParams.set('application_name', tag);
  const taggedDatabase = url.toString();
  const queueLocation = new URL(redisUrl);
  queueLocation.searchParams.set('prefix', tag);
  const queue = queueLocation.toString();
  const children = await Promise.all(Array.from({ length: workers }, () => startWorker(cli, queue, taggedDatabase)));
  const observer = new Client({ connectionString: database });
  await observer.connect();
  const redis = redisPids();
  let server: ChildProcess | undefined;
  const sampler = new CpuSampler(async () => {
    const { rows } = await observer.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE application_name = $1',
      [tag],
    );
    return new Map<string, number[]>([
      ['server', server?.pid ? [server.pid] : []],
      ...children.map((child, i) => [`worker ${i}`, [child.pid!]] as [string, number[]]),
      ['postgres', rows.map((row) => row.pid)],
      ['redis', redis],
    ]);
  });
  try {
    sampler.start();
    server = spawn(
      process.execPath,
      [cli, 'sweep', configFile, '--json', '--database', taggedDatabase, '--queue', queue],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const run = await runToEnd(server);
    await sampler.stop();
    if (run.status !== 0) throw new Error(`sweep failed: ${run.stderr}`);
    const sweepId = (JSON.parse(run.stdout) as { sweepId: string }).sweepId;
    const { rows } = await observer.query('SELECT "startedAt", "finishedAt" FROM sweep WHERE "id" = $1', [sweepId]);
    const from = (rows[0].startedAt as Date).getTime();
    const to = (rows[0].finishedAt as Date).getTime();
    return { seconds: (to - from) / 1000, cpu: account(sampler.between(from, to), workers) };
  } finally {
    await observer.end();
    for (const child of children) child.kill('SIGTERM');
    const { connection, prefix } = parseQueueUrl(queue);
    const leftovers = new Queue(FOLD_TASK_QUEUE, { connection, prefix });
    await leftovers.obliterate({ force: true });
    await leftovers.close();
  }
}

function account(groups: Map<string, Map<number, ThreadTimes>>, workers: number): CpuAccount {
  const sumOf = (label: string) => {
    let total = 0;
    for (const times of groups.get(label)?.values() ?? []) for (const seconds of times.values()) total += seconds;
    return total;
  };
  return {
    server: serverSplit(groups.get('server')),
    workers: Array.from({ length: workers }, (_, i) => {
      const [pid, times] = [...(groups.get(`worker ${i}`) ?? new Map<number, ThreadTimes>())][0] ?? [0, new Map()];
      const { main, pool, other } = processSplit(pid, times);
      return { main, fit: pool, other };
    }),
    postgres: sumOf('postgres'),
    redis: sumOf('redis'),
  };
}

function serverSplit(server: Map<number, ThreadTimes> | undefined): CpuAccount['server'] {
  const [pid, times] = [...(server ?? new Map<number, ThreadTimes>())][0] ?? [0, new Map<number, number>()];
  const { main, pool, other } = processSplit(pid, times, 0);
  return { main, other: pool + other };
}
