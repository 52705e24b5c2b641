/**
 * `node dist/bench/src/cross-products-kernel.js [--rounds N]`: the cross products' kernel alone, JavaScript against
 * WebAssembly SIMD, interleaved round by round in one process. Per 256-row block of q columns (the n·q²/2 loop of a
 * Gram matrix), then crossProducts over every row of a 5000×100 and a 100000×200 synthetic design. Figures are CPU
 * time (process.cpuUsage, user + system) per call, the median over a round's calls, so that other processes on a
 * loaded machine count less than in wall time; a warm-up round first (V8's optimizing compiles).
 */
import { loadavg } from 'node:os';
import { crossProducts, CrossProductsWorkspace, datasetCentre } from '@regsweep/engine';
import type { Dataset } from '@regsweep/engine';
import { median } from './measure';
import { equicorrelated } from './synthetic';

type Kernel = 'js' | 'wasm';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(name);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}

/** Median CPU seconds of one call, over `calls` calls. */
function cpuPerCall(work: () => void, calls: number): number {
  const seconds: number[] = [];
  for (let i = 0; i < calls; i++) {
    const start = process.cpuUsage();
    work();
    const used = process.cpuUsage(start);
    seconds.push((used.user + used.system) / 1e6);
  }
  return median(seconds);
}

/** One full block of q columns of random values in the kernel's layout; returns a call that sums it once. */
function blockWork(kind: Kernel, q: number): () => void {
  const kernel = new CrossProductsWorkspace(kind).kernel(q);
  const { block, columnStart, rowStep } = kernel.start(q);
  let seed = 1;
  for (let j = 0; j < q; j++)
    for (let r = 0; r < 256; r++) {
      seed = (seed * 16807) % 2147483647;
      block[columnStart[j] + r * rowStep] = seed / 2147483647 - 0.5;
    }
  // Repeated so that one timed call lasts about a millisecond or more (cpuUsage counts in microseconds).
  const repeats = Math.max(1, Math.round(2e6 / (q * q * 128)));
  return () => {
    for (let i = 0; i < repeats; i++) kernel.accumulate(256);
  };
}

function main(): void {
  const rounds = option('--rounds', 3);
  const load = () =>
    loadavg()
      .map((v) => v.toFixed(2))
      .join(' ');
  console.log(`cross-products kernel bench — node ${process.version}; load ${load()}`);
  console.log('| job | round | JavaScript | WebAssembly SIMD | JS / WASM |');
  console.log('|---|---|---|---|---|');
  for (const q of [102, 202]) {
    const repeats = Math.max(1, Math.round(2e6 / (q * q * 128)));
    const work = { js: blockWork('js', q), wasm: blockWork('wasm', q) };
    for (let round = 0; round <= rounds; round++) {
      const js = cpuPerCall(work.js, 30) / repeats;
      const wasm = cpuPerCall(work.wasm, 30) / repeats;
      if (round === 0) continue;
      const rate = (s: number) => ((q * (q + 1) * 128) / s / 1e9).toFixed(2);
      console.log(
        `| one 256-row block, q = ${q} (CPU per block; 1e9 multiply-adds/s) | ${round} | ${(js * 1e6).toFixed(0)} µs (${rate(js)}) | ${(wasm * 1e6).toFixed(0)} µs (${rate(wasm)}) | ${(js / wasm).toFixed(2)}× |`,
      );
    }
  }
  for (const [n, p] of [
    [5000, 100],
    [100000, 200],
  ]) {
    const rowMajor = equicorrelated(n, p);
    const values = new Float64Array(n * p);
    for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) values[j * n + i] = rowMajor.x[i * p + j];
    const names = Array.from({ length: p }, (_, j) => `x${j}`);
    const data: Dataset = { x: { rows: n, cols: p, values, names }, y: rowMajor.y };
    const { centre, responseCentre } = datasetCentre(data);
    const workspaces = { js: new CrossProductsWorkspace('js'), wasm: new CrossProductsWorkspace('wasm') };
    const calls = n * p > 1e6 ? 3 : 15;
    const run = (kind: Kernel) => () => crossProducts(data, null, centre, responseCentre, undefined, workspaces[kind]);
    for (let round = 0; round <= rounds; round++) {
      const js = cpuPerCall(run('js'), calls);
      const wasm = cpuPerCall(run('wasm'), calls);
      if (round === 0) continue;
      console.log(
        `| crossProducts, ${n}×${p}, every row (CPU per call) | ${round} | ${(js * 1e3).toFixed(1)} ms | ${(wasm * 1e3).toFixed(1)} ms | ${(js / wasm).toFixed(2)}× |`,
      );
    }
  }
  console.log(`load at the end ${load()}`);
}

main();
