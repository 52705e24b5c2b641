/**
 * Fault injection for the e2e tests, outside production code: a test app runs its pool on a worker file that wraps
 * the real one (faulty-fold-task.worker.ts); before a fold task, the wrapper looks up the rules and acts a matching
 * fault out for real: throws, ends its thread, exhausts its heap, or spins past the time limit. The rules reach the
 * threads as a JSON file beside the wrapper (faulty-worker.ts writes both).
 */
export type FaultKind = 'throw' | 'exit' | 'oom' | 'hang';

export interface FaultRule {
  readonly kind: FaultKind;
  /** Only sweeps with this name (default: every sweep). */
  readonly sweepName?: string;
  /** Only this curve index / fold (default: any). */
  readonly curve?: number;
  readonly fold?: number;
  /** Only the first N starts of a matching task, so a retry can succeed (default: every start). */
  readonly attempts?: number;
}

/** The fault a task's `attempt`-th start (1-based) should act out, if a rule matches. */
export function faultFor(
  rules: readonly FaultRule[],
  task: { sweepName: string; curve: number; fold: number; attempt: number },
): FaultKind | undefined {
  const rule = rules.find(
    (r) =>
      (r.sweepName === undefined || r.sweepName === task.sweepName) &&
      (r.curve === undefined || r.curve === task.curve) &&
      (r.fold === undefined || r.fold === task.fold) &&
      (r.attempts === undefined || task.attempt <= r.attempts),
  );
  return rule?.kind;
}

/** Runs inside the worker thread. */
export function actOutFault(kind: FaultKind): void {
  switch (kind) {
    case 'throw':
      throw new Error('injected fault: the task threw');
    case 'exit':
      return process.exit(1); // in a worker thread this ends the thread, not the process
    case 'oom': {
      // Keep allocating old-generation memory until the thread's heap limit (resourceLimits) ends it.
      const hog: number[][] = [];
      for (;;) hog.push(new Array<number>(1 << 20).fill(hog.length + 0.5));
    }
    case 'hang':
      for (;;) {
        // a busy loop: only terminating the thread stops it
      }
  }
}
