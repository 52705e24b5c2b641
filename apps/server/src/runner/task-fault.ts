/**
 * Why a task on a worker did not produce a result. `error` (the task threw: the same input throws again) is final at
 * once; the others are transient (the thread died or was stopped, not the computation's fault) and worth a retry.
 */
export type TaskFaultKind = 'error' | 'worker_exit' | 'out_of_memory' | 'timeout';

export class TaskFault extends Error {
  constructor(
    readonly kind: TaskFaultKind,
    message: string,
  ) {
    super(message);
    this.name = 'TaskFault';
  }

  get transient(): boolean {
    return this.kind !== 'error';
  }
}

/** The pool was closed (the process is stopping): not the task's fault, the sweep resumes on the next start. */
export class PoolClosedError extends Error {
  constructor() {
    super('the worker pool is closed (the process is stopping)');
    this.name = 'PoolClosedError';
  }
}

/** A rejection from Piscina as a TaskFault, worded for the task's `error` column and the report. */
export function toTaskFault(error: unknown, limits: { memoryLimitMb?: number }): TaskFault {
  if (error instanceof TaskFault) return error;
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ERR_WORKER_OUT_OF_MEMORY') {
    const limit = limits.memoryLimitMb ? ` (limit ${limits.memoryLimitMb} MB)` : '';
    return new TaskFault('out_of_memory', `the worker ran out of memory${limit}: ${message}`);
  }
  const exit = /^worker exited with code: (-?\d+)/.exec(message);
  if (exit) return new TaskFault('worker_exit', `the worker thread exited with code ${exit[1]}`);
  // Piscina may hand over the worker's error with its name prefixed to the message.
  return new TaskFault('error', `the task threw: ${message.replace(/^Error: /, '')}`);
}
