/**
 * What two threads can get out of this machine at all, next to regsweep's own 2-workers-vs-1 rows: the same kernel
 * on 1 thread, then on 2 threads at once (each doing the first thread's work), and the speed-up 2·t₁/t₂ (2 = the
 * second core adds a whole core). Pure arithmetic shows the cores; summing an array of each size per thread, again
 * and again, shows how far the shared cache and memory bandwidth carry two threads. This file is also the threads'
 * code (worker_threads, workerData = the kernel).
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { BenchRow } from '../report-table';

interface Kernel {
  /** 0: square roots; else the array size in MB, summed until 4000 MB have been read. */
  readonly arrayMb: number;
}

function runKernel({ arrayMb }: Kernel): number {
  let total = 0;
  if (arrayMb === 0) {
    for (let i = 0; i < 3e8; i++) total += Math.sqrt(i) * 1e-9;
    return total;
  }
  const values = new Float64Array((arrayMb * 2 ** 20) / 8).fill(1);
  const passes = Math.round(4000 / arrayMb);
  for (let pass = 0; pass < passes; pass++) for (let i = 0; i < values.length; i++) total += values[i];
  return total;
}

if (!isMainThread && parentPort) parentPort.postMessage(runKernel(workerData as Kernel));

/** Wall seconds for `threads` threads each running the kernel once, started together. */
async function timeThreads(kernel: Kernel, threads: number): Promise<number> {
  const start = process.hrtime.bigint();
  await Promise.all(
    Array.from(
      { length: threads },
      () =>
        new Promise<void>((resolve, reject) => {
          const worker = new Worker(__filename, { workerData: kernel });
          worker.once('message', () => void worker.terminate().then(() => resolve()));
          worker.once('error', reject);
        }),
    ),
  );
  return Number(process.hrtime.bigint() - start) / 1e9;
}

export async function threadScalingJobs(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const arrayMb of [0, 2, 4, 8, 64]) {
    const kernel = { arrayMb };
    const one = Math.min(await timeThreads(kernel, 1), await timeThreads(kernel, 1));
    const two = Math.min(await timeThreads(kernel, 2), await timeThreads(kernel, 2));
    rows.push({
      job: `machine: 2 threads vs 1, ${arrayMb === 0 ? 'arithmetic only (3e8 square roots per thread)' : `summing a ${arrayMb} MB array per thread (4000 MB read per thread)`}`,
      regsweep: (2 * one) / two,
      unit: 'ratio',
      note: `1 thread ${one.toFixed(3)} s, 2 threads (twice the work) ${two.toFixed(3)} s; best of 2`,
    });
  }
  return rows;
}
