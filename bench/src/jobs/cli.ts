import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { median, runProcess, type ProcessRun } from '../measure';
import type { SweepReport } from '@regsweep/sweep';

/** better-sqlite3 ships no type declarations; this is the little of it the bench uses. */
interface SqliteDb {
  prepare(sql: string): { get(): unknown };
  close(): void;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Database = require('better-sqlite3') as new (path: string, options: { fileMustExist: boolean }) => SqliteDb;

/** The compiled CLI entry (what bin/regsweep.js loads), run directly as `node dist/apps/cli/src/main.js`. */
export const cliPath = resolve(__dirname, '../../../apps/cli/src/main.js');
export const cliAvailable = (): boolean =>
  existsSync(resolve(__dirname, '../../../apps/cli/src/commands/sweep.command.js'));

export interface SweepCliRun {
  /** The whole process: start-up, CSV registration in SQLite, the sweep, the report. */
  readonly run: ProcessRun;
  /** The sweep alone, as the database records it (finishedAt − startedAt: load, plan, every task, writes). */
  readonly sweepSeconds: number;
  readonly report: SweepReport;
  /** The threads the run chose and why (sweep.concurrency), as recorded. */
  readonly threads: { threads: number; reason: string } | null;
}

/** Runs `regsweep sweep CONFIG --json` as a whole process on a fresh SQLite file; returns the run and the parsed report. */
export function runSweepCli(config: object, outDir: string, env: NodeJS.ProcessEnv = {}): SweepCliRun {
  const dir = mkdtempSync(join(tmpdir(), 'regsweep-bench-db-'));
  const configPath = join(outDir, `bench-config-${process.pid}.json`);
  const dbPath = join(dir, 'bench.sqlite');
  writeFileSync(configPath, JSON.stringify(config));
  try {
    const run = runProcess(process.execPath, [cliPath, 'sweep', configPath, '--json', '--db', dbPath], {
      env: { ...process.env, ...env },
    });
    if (run.status !== 0) throw new Error(`regsweep sweep failed (${run.status}): ${run.stderr.slice(-2000)}`);
    const recorded = readSweepRow(dbPath);
    return { run, sweepSeconds: recorded.seconds, threads: recorded.threads, report: JSON.parse(run.stdout) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(configPath, { force: true });
  }
}

/** Median of `repeats` runs (wall time, sweep time), the largest peak RSS, the last report. */
export function timeSweepCli(
  config: object,
  outDir: string,
  repeats: number,
  env: NodeJS.ProcessEnv = {},
): SweepCliRun {
  const runs = Array.from({ length: repeats }, () => runSweepCli(config, outDir, env));
  const last = runs[runs.length - 1];
  return {
    run: {
      ...last.run,
      seconds: median(runs.map((r) => r.run.seconds)),
      peakRssMb: Math.max(...runs.map((r) => r.run.peakRssMb)),
    },
    sweepSeconds: median(runs.map((r) => r.sweepSeconds)),
    threads: last.threads,
    report: last.report,
  };
}

/** The sweep's recorded time (finishedAt − startedAt) and threads. */
export function readSweepRow(dbPath: string): {
  seconds: number;
  startedAt: number;
  finishedAt: number;
  threads: SweepCliRun['threads'];
} {
  const db = new Database(dbPath, { fileMustExist: true });
  try {
    const row = db
      .prepare('SELECT startedAt, finishedAt, concurrency FROM sweep ORDER BY createdAt DESC LIMIT 1')
      .get() as { startedAt: string; finishedAt: string; concurrency: string | null } | undefined;
    if (!row) return { seconds: NaN, startedAt: NaN, finishedAt: NaN, threads: null };
    const utc = (text: string) => Date.parse(text.replace(' ', 'T') + 'Z');
    const threads = row.concurrency === null ? null : (JSON.parse(row.concurrency) as SweepCliRun['threads']);
    const [startedAt, finishedAt] = [utc(row.startedAt), utc(row.finishedAt)];
    return { seconds: (finishedAt - startedAt) / 1000, startedAt, finishedAt, threads };
  } finally {
    db.close();
  }
}
