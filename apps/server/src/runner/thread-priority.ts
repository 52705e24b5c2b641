import { setPriority } from 'node:os';
import { wholeFromEnv } from '../common/env-settings';

export const DEFAULT_FIT_THREAD_NICE = 10;

/**
 * Lowers the calling pool thread's scheduling priority to `nice` (RunnerOptions.workerNice: REGSWEEP_WORKER_NICE,
 * default 10; 0 leaves it as it is). On Linux a thread's nice value is its own (setpriority(PRIO_PROCESS, 0) names the calling thread), so the
 * main thread keeps nice 0. Why: with a fit thread per core the event loop otherwise waits its turn behind the fits,
 * and every request waits with it; CFS weighs nice 0 about 9× nice 10, so the API answers first and the fits take
 * the rest of the cores. Raising the nice value needs no privilege; where it fails the thread runs as before.
 */
export function lowerThisThreadPriority(nice: number): void {
  if (nice === 0) return;
  try {
    setPriority(nice);
  } catch {
    // not permitted here (a container's policy): the fits keep the default priority
  }
}

/** REGSWEEP_WORKER_NICE, checked when the process starts rather than in each thread. */
export function fitThreadNice(env: NodeJS.ProcessEnv): number {
  return wholeFromEnv(env, 'REGSWEEP_WORKER_NICE', 0, 19) ?? DEFAULT_FIT_THREAD_NICE;
}
