/**
 * Latency of one URL under load, measured by Debian's `wrk` (`--latency`: the HdrHistogram percentiles). Run
 * asynchronously, so a server in this process would still answer (the bench's servers are child processes anyway).
 */
import { spawn, spawnSync } from 'node:child_process';

export interface WrkLatency {
  p50Ms: number;
  p99Ms: number;
  requestsPerSecond: number;
  /** Non-2xx answers and socket errors wrk counted: a figure with errors measures refusals, not the read. */
  errors: number;
}

export interface WrkLoad {
  threads: number;
  connections: number;
  seconds: number;
}

export const wrkAvailable = (): boolean => spawnSync('wrk', ['--version'], { encoding: 'utf8' }).error === undefined;

/** `wrk -t threads -c connections -d seconds --latency url`, parsed. */
export function runWrk(
  url: string,
  options: { threads: number; connections: number; seconds: number },
): Promise<WrkLatency> {
  const args = [
    '-t',
    String(options.threads),
    '-c',
    String(options.connections),
    '-d',
    `${options.seconds}s`,
    '--latency',
    url,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn('wrk', args);
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(parseWrk(out)) : reject(new Error(`wrk exited ${code}: ${out}`)),
    );
  });
}

const UNIT_MS: Record<string, number> = { us: 1e-3, ms: 1, s: 1e3, m: 60e3 };

/** The "50%" and "99%" lines of the latency distribution, requests/sec, and the error counts. */
export function parseWrk(out: string): WrkLatency {
  const percentile = (p: number) => {
    const match = new RegExp(`^\\s*${p}%\\s+([\\d.]+)(us|ms|s|m)\\s*$`, 'm').exec(out);
    if (!match) throw new Error(`no ${p}% line in wrk's output:\n${out}`);
    return Number(match[1]) * UNIT_MS[match[2]];
  };
  const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1] ?? 0);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const socketErrors = socket ? socket.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0;
  return {
    p50Ms: percentile(50),
    p99Ms: percentile(99),
    requestsPerSecond: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? NaN),
    errors: non2xx + socketErrors,
  };
}
