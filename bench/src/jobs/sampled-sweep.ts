/**
 * `regsweep sweep CONFIG --json` as a whole process on a fresh SQLite file (as cli.ts runSweepCli), with its CPU over
 * the sweep phase split into the main thread (plan, writes, events, report), the pool threads (the fits) and the
 * rest (cpu-sampler.ts): the pool's share bounds what a second pool thread can give on two cores.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CpuSampler, processSplit } from '../cpu-sampler';
import { cliPath, readSweepRow } from './cli';

export interface SampledSweep {
  readonly sweepSeconds: number;
  readonly threads: number;
  /** CPU seconds over the sweep phase. */
  readonly cpu: { main: number; pool: number; other: number };
}

export async function sampledSweepCli(config: object, env: NodeJS.ProcessEnv = {}): Promise<SampledSweep> {
  const dir = mkdtempSync(join(tmpdir(), 'regsweep-bench-db-'));
  const configPath = join(dir, 'config.json');
  const dbPath = join(dir, 'bench.sqlite');
  writeFileSync(configPath, JSON.stringify(config));
  try {
    const child = spawn(process.execPath, [cliPath, 'sweep', configPath, '--json', '--db', dbPath], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    const sampler = new CpuSampler(async () => new Map([['sweep', [child.pid!]]]));
    sampler.start();
    const status = await new Promise<number | null>((done) => child.once('exit', done));
    await sampler.stop();
    if (status !== 0) throw new Error(`regsweep sweep failed (${status}): ${stderr.slice(-2000)}`);
    const recorded = readSweepRow(dbPath);
    const threads = recorded.threads?.threads ?? 1;
    const [pid, times] = [...sampler.between(recorded.startedAt, recorded.finishedAt).get('sweep')!][0];
    const { main, pool, other } = processSplit(pid, times, threads);
    return { sweepSeconds: recorded.seconds, threads, cpu: { main, pool, other } };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function describeSplit({ cpu }: SampledSweep): string {
  const total = cpu.main + cpu.pool + cpu.other;
  return `main ${cpu.main.toFixed(2)}, pool ${cpu.pool.toFixed(2)}, other ${cpu.other.toFixed(2)} CPU s (pool ${((100 * cpu.pool) / total).toFixed(1)} %)`;
}
