/**
 * The tracking reads at scale (issue 15): a SQLite database of 10,000 sweeps and 1,000,000 trials
 * (tracking-db.ts), a real `regsweep serve` on it (a child process), and `wrk` against a filtered page of the sweeps
 * list and a comparison of 10 sweeps. p50 / p99 beside the targets (list p99 ≤ 20 ms, compare p99 ≤ 100 ms). Without
 * wrk on the PATH the rows say so instead of a figure.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../free-port';
import type { BenchRow } from '../report-table';
import { seedTrackingDb, TRIALS_PER_SWEEP } from '../tracking-db';
import { runWrk, wrkAvailable, type WrkLatency, type WrkLoad } from '../wrk';
import { cliPath } from './cli';

const SWEEPS = 10_000;
const COMPARED = 10;
/**
 * wrk's loads, 10 s per URL each: one connection (a request's own latency) and four (a few dashboard users at once;
 * the server answers from one event loop, so they queue behind each other).
 */
const LOADS = [
  { threads: 1, connections: 1, seconds: 10 },
  { threads: 2, connections: 4, seconds: 10 },
];
const LIST_QUERY = '/api/sweeps?tag=paper,baseline&model=linear&status=succeeded&sort=createdAt&order=desc&pageSize=20';

async function startServer(dbPath: string): Promise<{ baseUrl: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, [cliPath, 'serve', '--db', dbPath, '--port', String(port)], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`regsweep serve exited (${code}) before answering`))),
  );
  // The server answers once it listens: poll its health check until then.
  const healthy = (async () => {
    for (;;) {
      const ok = await fetch(`${baseUrl}/api/health`).then(
        (response) => response.ok,
        () => false,
      );
      if (ok) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  await Promise.race([healthy, exited]);
  return { baseUrl, child };
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

function row(job: string, latency: WrkLatency, load: WrkLoad, targetMs: number, seeding: string): BenchRow {
  const verdict = latency.p99Ms <= targetMs ? 'met' : 'MISSED';
  return {
    job: `${job}, wrk -t${load.threads} -c${load.connections} -d${load.seconds}s`,
    regsweep: latency.p99Ms / 1000,
    unit: 'seconds',
    note:
      `p50 ${latency.p50Ms.toFixed(2)} ms, p99 ${latency.p99Ms.toFixed(2)} ms (target p99 ≤ ${targetMs} ms: ${verdict}); ` +
      `${latency.requestsPerSecond.toFixed(0)} req/s` +
      (latency.errors > 0 ? `; ${latency.errors} ERRORS` : '') +
      `; ${seeding}`,
  };
}

export async function apiReadJobs(): Promise<BenchRow[]> {
  const scale = `${SWEEPS.toLocaleString('en')} sweeps, ${(SWEEPS * TRIALS_PER_SWEEP).toLocaleString('en')} trials`;
  const jobs = {
    list: `GET ${LIST_QUERY} on ${scale} (SQLite), p99`,
    compare: `GET /api/compare of ${COMPARED} sweeps on ${scale} (SQLite), p99`,
  };
  if (!wrkAvailable()) {
    console.warn('!! wrk is not installed (apt-get install wrk): the API read rows are SKIPPED');
    const skipped = (job: string): BenchRow => ({
      job,
      regsweep: NaN,
      unit: 'seconds',
      note: 'SKIPPED: wrk not installed',
    });
    return [skipped(jobs.list), skipped(jobs.compare)];
  }
  const dir = mkdtempSync(join(tmpdir(), 'regsweep-bench-reads-'));
  try {
    const dbPath = join(dir, 'tracking.sqlite');
    const seedStart = process.hrtime.bigint();
    const ids = await seedTrackingDb(dbPath, SWEEPS);
    const seeding = `seeded in ${(Number(process.hrtime.bigint() - seedStart) / 1e9).toFixed(1)} s`;
    const { baseUrl, child } = await startServer(dbPath);
    try {
      // Ten sweeps spread over the table (oldest to newest), so the trials read are not one neighbourhood.
      const compared = Array.from({ length: COMPARED }, (_, k) => ids[Math.floor(((k + 0.5) * ids.length) / COMPARED)]);
      const compareUrl = `${baseUrl}/api/compare?sweeps=${compared.join(',')}`;
      for (const url of [`${baseUrl}${LIST_QUERY}`, compareUrl]) {
        const response = await fetch(url);
        if (!response.ok) throw new Error(`${url} answered ${response.status}: ${await response.text()}`);
      }
      const rows: BenchRow[] = [];
      for (const load of LOADS) {
        rows.push(row(jobs.list, await runWrk(`${baseUrl}${LIST_QUERY}`, load), load, 20, seeding));
        rows.push(row(jobs.compare, await runWrk(compareUrl, load), load, 100, seeding));
      }
      return rows;
    } finally {
      await stopServer(child);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
