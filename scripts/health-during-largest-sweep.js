#!/usr/bin/env node
/**
 * Is `/api/health` answering while the largest sweep the limits allow is submitted, planned, run and concluded
 * (issue 17)? Starts `regsweep serve` (compiled: `npm run build` first) on a temporary database, submits a grid of
 * 9 curves (l1, l2, elasticnet × 7 l1Ratios) × 10,000 λ × (10 folds + the full-data path) on diabetes:
 * 90,000 trials, 990,000 fold results, just under MAX_FOLD_RESULTS (apps/server/src/sweeps/sweep-cost.ts).
 *
 * Mode `sequential` (default): one health request at a time, the next 10 ms after the previous answer, for the whole
 * sweep; prints p50 / p99 / max per phase (submit → running, running, concluding → succeeded) and overall.
 * Mode `wrk`: the same sweep again with `wrk --latency -c 8 -t 2` on /api/health back to back for DURATION each
 * until the sweep ends; prints each run's p50 / p99.
 *
 * Usage: node scripts/health-during-largest-sweep.js [sequential|wrk]
 *   env: PORT (3918), DURATION (5s, wrk runs), LAMBDAS (10000), CPU_PROF=dir (server under node --cpu-prof),
 *   PROBE=1 (sequential mode: the server's main-thread CPU time, longest event-loop delay and utilisation per phase,
 *   from scripts/main-thread-probe.js)
 */
'use strict';
const { spawn, execFileSync } = require('node:child_process');
const { mkdtempSync, rmSync, existsSync, readFileSync } = require('node:fs');
const { tmpdir, loadavg } = require('node:os');
const { join } = require('node:path');
const http = require('node:http');

const ROOT = join(__dirname, '..');
const PORT = Number(process.env.PORT ?? 3918);
const DURATION = process.env.DURATION ?? '5s';
const LAMBDAS = Number(process.env.LAMBDAS ?? 10_000);
const MODE = process.argv[2] ?? 'sequential';
const GAP_MS = 10;
const PROBE_OUT = process.env.PROBE ? join(tmpdir(), `regsweep-probe-${process.pid}.jsonl`) : undefined;
let serverProcess;
const probedPhases = [];

/** Ends the server's current probe phase (scripts/main-thread-probe.js) and names the one that starts. */
function markPhase(name) {
  if (!PROBE_OUT || !serverProcess) return;
  serverProcess.kill('SIGUSR2');
  probedPhases.push(name);
}

const SWEEP = {
  name: 'largest-allowed',
  dataset: 'diabetes',
  model: 'linear',
  penalties: ['l1', 'l2', 'elasticnet'],
  l1Ratios: [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8],
  lambdas: { auto: { count: LAMBDAS } },
  split: { kind: 'kfold', folds: 10, seed: 1 },
  solver: { kind: 'cd' },
};

/** One request: status code, body text and the milliseconds to the last byte. */
function request(method, path, body) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const data = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(
      {
        host: '127.0.0.1',
        port: PORT,
        method,
        path,
        agent: false,
        headers: data ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) } : {},
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode, text, ms: Number(process.hrtime.bigint() - started) / 1e6 }),
        );
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function quantile(sorted, q) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

function summary(label, latencies) {
  const sorted = [...latencies].sort((a, b) => a - b);
  const f = (v) => `${v.toFixed(1)} ms`;
  return `  ${label.padEnd(34)} ${String(sorted.length).padStart(7)} ${f(quantile(sorted, 0.5)).padStart(10)} ${f(
    quantile(sorted, 0.99),
  ).padStart(10)} ${f(sorted[sorted.length - 1] ?? NaN).padStart(11)}`;
}

async function startServer(work) {
  const nodeArgs = process.env.CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.CPU_PROF}`] : [];
  if (PROBE_OUT) nodeArgs.push('--require', join(__dirname, 'main-thread-probe.js'));
  const server = spawn(
    process.execPath,
    [...nodeArgs, join(ROOT, 'bin/regsweep.js'), 'serve', '--db', join(work, 'sweep.sqlite'), '--port', String(PORT)],
    { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, ...(PROBE_OUT ? { PROBE_OUT } : {}) } },
  );
  for (let i = 0; i < 300; i++) {
    try {
      if ((await request('GET', '/api/health')).status === 200) return server;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  server.kill('SIGTERM');
  throw new Error('the server did not start');
}

async function sweepStatus(id) {
  return JSON.parse((await request('GET', `/api/sweeps/${id}`)).text).status;
}

async function submit() {
  const answer = await request('POST', '/api/sweeps', SWEEP);
  if (answer.status !== 202) throw new Error(`submit answered ${answer.status}: ${answer.text}`);
  return JSON.parse(answer.text).id;
}

/** One health request at a time, GAP_MS apart, while the sweep goes through its phases. */
async function sequential() {
  const phases = { 'submit → running': [], running: [], 'concluding → finished': [] };
  let phase = 'submit → running';
  let finished = false;
  let id;
  const started = Date.now();
  markPhase(phase);
  const submitted = submit().then((sweepId) => (id = sweepId));
  const watcher = (async () => {
    await submitted;
    let last = 'queued';
    for (;;) {
      const status = await sweepStatus(id);
      if (status === 'running' && last !== 'running') markPhase((phase = 'running'));
      if (!['queued', 'running'].includes(status)) {
        finished = status;
        markPhase('after');
        return;
      }
      // Concluding: every task is done but the sweep is not finished yet.
      const sweep = JSON.parse((await request('GET', `/api/sweeps/${id}`)).text);
      if (process.env.DEBUG_PHASES) console.log(status, JSON.stringify(sweep.progress));
      if (
        status === 'running' &&
        sweep.progress &&
        sweep.progress.done === sweep.progress.total &&
        phase !== 'concluding → finished'
      )
        markPhase((phase = 'concluding → finished'));
      last = status;
      await sleep(200);
    }
  })();
  while (!finished) {
    const { ms } = await request('GET', '/api/health');
    phases[phase].push(ms);
    await sleep(GAP_MS);
  }
  await watcher;
  console.log(`sweep ${finished} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(
    `  ${'phase'.padEnd(34)} ${'answers'.padStart(7)} ${'p50'.padStart(10)} ${'p99'.padStart(10)} ${'max'.padStart(11)}`,
  );
  for (const [name, latencies] of Object.entries(phases)) console.log(summary(name, latencies));
  console.log(summary('whole sweep', Object.values(phases).flat()));
  if (PROBE_OUT) await printProbe();
  return finished;
}

/** The server's main-thread figures per phase (scripts/main-thread-probe.js); the first line is before the submit. */
async function printProbe() {
  const read = () => (existsSync(PROBE_OUT) ? readFileSync(PROBE_OUT, 'utf8').trim().split('\n') : []);
  // The last mark's line is written when the server's loop handles the signal.
  for (let i = 0; i < 100 && read().length <= probedPhases.length - 1; i++) await sleep(50);
  const lines = read().map((line) => JSON.parse(line));
  console.log('server main thread per phase (wall, CPU on a core, longest event-loop delay, loop p99, utilisation):');
  lines.slice(1).forEach((line, i) => {
    const name = probedPhases[i] ?? '?';
    console.log(
      `  ${name.padEnd(34)} wall ${line.wallMs} ms, main CPU ${line.mainCpuMs} ms, delay max ${line.loopDelayMaxMs} ms, ` +
        `p99 ${line.loopDelayP99Ms} ms, utilisation ${line.utilization}`,
    );
  });
  rmSync(PROBE_OUT, { force: true });
}

/** wrk on /api/health, DURATION at a time, until the sweep ends. */
async function underWrk() {
  const id = await submit();
  const started = Date.now();
  console.log(`  ${'wrk run'.padEnd(34)} ${'p50'.padStart(10)} ${'p99'.padStart(10)} ${'status at end'.padStart(14)}`);
  for (let run = 1; ; run++) {
    const out = execFileSync(
      'wrk',
      ['--latency', '-d', DURATION, '-c', '8', '-t', '2', `http://127.0.0.1:${PORT}/api/health`],
      {
        encoding: 'utf8',
      },
    );
    const pick = (q) => (out.match(new RegExp(`^\\s*${q}%\\s+(\\S+)`, 'm')) ?? [])[1] ?? '?';
    const status = await sweepStatus(id);
    console.log(
      `  ${String(run).padEnd(34)} ${pick('50(?:\\.000)?').padStart(10)} ${pick('99(?:\\.000)?').padStart(10)} ${status.padStart(14)}`,
    );
    if (!['queued', 'running'].includes(status)) {
      console.log(`sweep ${status} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      return status;
    }
  }
}

async function main() {
  if (!existsSync(join(ROOT, 'dist/apps/cli/src/main.js'))) throw new Error('run npm run build first');
  const work = mkdtempSync(join(tmpdir(), 'regsweep-largest-'));
  const server = await startServer(work);
  serverProcess = server;
  try {
    console.log(
      `/api/health during the largest allowed sweep (${SWEEP.penalties.length + SWEEP.l1Ratios.length - 1} curves × ` +
        `${LAMBDAS} λ × 11 fits, diabetes, cd), mode ${MODE}; load average ${loadavg()
          .map((v) => v.toFixed(2))
          .join(' ')}`,
    );
    const status = MODE === 'wrk' ? await underWrk() : await sequential();
    if (status !== 'succeeded') process.exitCode = 1;
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
