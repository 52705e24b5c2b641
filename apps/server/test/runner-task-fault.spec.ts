/** How pool rejections are classified (final or worth a retry), and which tasks a test fault rule hits. */
import { faultFor, type FaultRule } from '../../../test/helpers/fault-injection';
import { resolveRunnerOptions } from '../src/runner/runner-options';
import { TaskFault, toTaskFault } from '../src/runner/task-fault';

describe('toTaskFault', () => {
  it('a worker out of memory is transient and names the limit', () => {
    const error = Object.assign(new Error('Worker terminated due to reaching memory limit: JS heap out of memory'), {
      code: 'ERR_WORKER_OUT_OF_MEMORY',
    });
    const fault = toTaskFault(error, { memoryLimitMb: 64 });
    expect(fault).toMatchObject({ kind: 'out_of_memory', transient: true });
    expect(fault.message).toMatch(/^the worker ran out of memory \(limit 64 MB\): Worker terminated/);
  });

  it("a worker exit (Piscina's message) is transient", () => {
    const fault = toTaskFault(new Error('worker exited with code: 1'), {});
    expect(fault).toMatchObject({
      kind: 'worker_exit',
      transient: true,
      message: 'the worker thread exited with code 1',
    });
  });

  it('anything the task threw is final', () => {
    const fault = toTaskFault(new Error('Error: x has no rows'), {});
    expect(fault).toMatchObject({ kind: 'error', transient: false, message: 'the task threw: x has no rows' });
    expect(new TaskFault('timeout', 't').transient).toBe(true);
  });
});

describe('faultFor', () => {
  const rules: FaultRule[] = [
    { sweepName: 'a', kind: 'exit', fold: 1, attempts: 1 },
    { sweepName: 'a', kind: 'hang', curve: 2 },
  ];
  it('matches on sweep name, curve, fold and the first N attempts only', () => {
    expect(faultFor(rules, { sweepName: 'a', curve: 0, fold: 1, attempt: 1 })).toBe('exit');
    expect(faultFor(rules, { sweepName: 'a', curve: 0, fold: 1, attempt: 2 })).toBeUndefined();
    expect(faultFor(rules, { sweepName: 'a', curve: 2, fold: 3, attempt: 5 })).toBe('hang');
    expect(faultFor(rules, { sweepName: 'b', curve: 2, fold: 1, attempt: 1 })).toBeUndefined();
    expect(faultFor([], { sweepName: 'a', curve: 0, fold: 1, attempt: 1 })).toBeUndefined();
  });
});

describe('resolveRunnerOptions', () => {
  it('takes options first, then the environment, then the defaults', () => {
    expect(resolveRunnerOptions({ dbPath: ':memory:', poolSize: 3 }, {})).toEqual({
      poolSize: 3,
      workerMemoryLimitMb: undefined,
      taskTimeoutSeconds: 3600,
      maxTaskAttempts: 3,
      workerNice: 10,
    });
    const env = { REGSWEEP_WORKER_MEMORY_MB: '512', REGSWEEP_TASK_TIMEOUT_SECONDS: '90', REGSWEEP_WORKERS: '1' };
    expect(resolveRunnerOptions({ dbPath: ':memory:' }, env)).toMatchObject({
      poolSize: 1,
      workerMemoryLimitMb: 512,
      taskTimeoutSeconds: 90,
    });
    expect(resolveRunnerOptions({ dbPath: ':memory:', taskTimeoutSeconds: 5 }, env).taskTimeoutSeconds).toBe(5);
    expect(() => resolveRunnerOptions({ dbPath: ':memory:' }, { REGSWEEP_TASK_TIMEOUT_SECONDS: '-1' })).toThrow(
      'REGSWEEP_TASK_TIMEOUT_SECONDS: must be a positive number',
    );
    expect(() => resolveRunnerOptions({ dbPath: ':memory:' }, { REGSWEEP_WORKERS: '1.5' })).toThrow(
      'REGSWEEP_WORKERS: must be a whole number ≥ 1',
    );
    expect(resolveRunnerOptions({ dbPath: ':memory:', poolSize: 3 }, { REGSWEEP_WORKERS: '1' }).poolSize).toBe(3);
    expect(resolveRunnerOptions({ dbPath: ':memory:' }, { REGSWEEP_WORKER_NICE: '0' }).workerNice).toBe(0);
    for (const bad of ['20', '-1', '2.5', 'low'])
      expect(() => resolveRunnerOptions({ dbPath: ':memory:' }, { REGSWEEP_WORKER_NICE: bad })).toThrow(
        `REGSWEEP_WORKER_NICE: must be a whole number from 0 to 19, got "${bad}"`,
      );
  });
});
