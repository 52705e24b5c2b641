/**
 * A worker file that does not load (a broken build, a disk error) must fail the tasks sent to it with the reason, not
 * leave them pending: Piscina reports such a thread only as a pool 'error' and never settles its task.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FoldTaskMessage } from '../src/runner/fold-task.worker';
import { TaskFault } from '../src/runner/task-fault';
import { WorkerPoolService } from '../src/runner/worker-pool.service';

describe('WorkerPoolService with a worker file that does not load', () => {
  const dir = mkdtempSync(join(tmpdir(), 'regsweep-broken-worker-'));
  const workerFile = join(dir, 'broken.worker.js');
  writeFileSync(workerFile, 'module.exports = () => 1; });\n'); // a syntax error
  const pool = new WorkerPoolService({
    poolSize: 2,
    taskTimeoutSeconds: 600,
    maxTaskAttempts: 3,
    workerFile,
  });

  afterAll(async () => {
    await pool.beforeApplicationShutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  it('rejects the task with a transient fault naming the error, long before its time limit', async () => {
    const startedAt = Date.now();
    const outcome = await pool
      .runFoldTask({} as FoldTaskMessage, { signal: new AbortController().signal, timeoutMs: 600_000 })
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(outcome).toBeInstanceOf(TaskFault);
    expect(outcome).toMatchObject({ kind: 'worker_exit', transient: true });
    expect((outcome as TaskFault).message).toMatch(/^a worker thread failed: SyntaxError/);
    expect(Date.now() - startedAt).toBeLessThan(30_000);
  });
});
