/** Timing helpers: in-process best-of-N, and whole processes (wall time + peak RSS via /usr/bin/time). */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Median of `repeats` runs of `work`, in seconds (after one warm-up run when `warmUp`). */
export function timeInProcess(work: () => void, repeats = 3, warmUp = true): number {
  if (warmUp) work();
  const seconds: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const start = process.hrtime.bigint();
    work();
    seconds.push(Number(process.hrtime.bigint() - start) / 1e9);
  }
  return median(seconds);
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export interface ProcessRun {
  readonly seconds: number;
  readonly peakRssMb: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly status: number;
}

/** Runs a whole process once; wall seconds and peak resident memory as /usr/bin/time reports them. */
export function runProcess(
  command: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): ProcessRun {
  const dir = mkdtempSync(join(tmpdir(), 'regsweep-bench-'));
  const report = join(dir, 'time.txt');
  try {
    const useTime = existsSync('/usr/bin/time');
    const start = process.hrtime.bigint();
    const result = useTime
      ? spawnSync('/usr/bin/time', ['-f', '%e %M', '-o', report, command, ...args], {
          ...options,
          encoding: 'utf8',
          maxBuffer: 1 << 28,
        })
      : spawnSync(command, [...args], { ...options, encoding: 'utf8', maxBuffer: 1 << 28 });
    const wall = Number(process.hrtime.bigint() - start) / 1e9;
    let peakRssMb = NaN;
    if (useTime && existsSync(report)) {
      const last = readFileSync(report, 'utf8').trim().split('\n').pop() ?? '';
      const [, kb] = last.split(' ');
      peakRssMb = Number(kb) / 1024;
    }
    return {
      seconds: wall,
      peakRssMb,
      stdout: result.stdout ?? '',
      stderr: result.stderr ?? '',
      status: result.status ?? 1,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Median wall time of `repeats` whole-process runs; the last run's output and the largest peak RSS. */
export function timeProcess(
  command: string,
  args: readonly string[],
  repeats = 3,
  options: { cwd?: string } = {},
): ProcessRun {
  const runs: ProcessRun[] = [];
  for (let i = 0; i < repeats; i++) {
    const run = runProcess(command, args, options);
    if (run.status !== 0)
      throw new Error(`${command} ${args.join(' ')} failed (${run.status}): ${run.stderr.slice(-2000)}`);
    runs.push(run);
  }
  return {
    ...runs[runs.length - 1],
    seconds: median(runs.map((r) => r.seconds)),
    peakRssMb: Math.max(...runs.map((r) => r.peakRssMb)),
  };
}
