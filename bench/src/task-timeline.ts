/**
 * A debug timeline of fold tasks, loaded with `node -r` into a regsweep process (and, through NODE_OPTIONS, into its
 * worker threads and child processes): `NODE_OPTIONS="-r $PWD/dist/bench/src/task-timeline.js"
 * REGSWEEP_TIMELINE_FILE=t.jsonl regsweep …`, then `node dist/bench/src/task-timeline-report.js t.jsonl`. One JSON
 * line per event, appended synchronously (a killed process loses nothing):
 * - `thread`: a fold task inside its pool thread: wall start and end, and that thread's own CPU over it (ns from
 *   /proc/thread-self/schedstat, Linux), with the task's fold, curve, training rows and network;
 * - `job`: a queue worker's whole handling of one job (FoldTaskConsumer.process: decode, dataset, the task, encode);
 * - `server`: a queued task on the server, from its add to its result (QueuedWorkerPool.runFoldTask).
 * Not loaded by regsweep itself: nothing runs unless a process is started with it.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import Module from 'node:module';
import { isMainThread, threadId } from 'node:worker_threads';

const file = process.env.REGSWEEP_TIMELINE_FILE;
const now = () => performance.timeOrigin + performance.now();
const threadCpuNs = () => Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]);
const record = (event: object) => appendFileSync(file!, JSON.stringify({ pid: process.pid, ...event }) + '\n');

type Loader = (request: string, ...rest: unknown[]) => Record<string, unknown>;
const loader = Module as unknown as { _load: Loader };

/** Wraps `owner[name]` (a function returning a promise) to record its start and settling as `side`. */
function timePromises(owner: Record<string, unknown>, name: string, side: string): void {
  const inner = owner[name] as (...args: unknown[]) => Promise<unknown>;
  owner[name] = function (this: unknown, ...args: unknown[]) {
    const start = now();
    const settled = inner.apply(this, args);
    const log = (ok: boolean) => record({ side, start, end: now(), ok });
    settled.then(
      () => log(true),
      () => log(false),
    );
    return settled;
  };
}

/** The fold task, timed inside its thread (it runs synchronously there). */
interface TaskMessage {
  fold?: { fold: number; trainRows: { length: number } };
  task?: { curve: number };
  spec?: { mlp?: { network: { hidden: number[] } } };
}
function timeFoldTask(exports: Record<string, unknown>): void {
  const inner = exports.default as (message: TaskMessage) => unknown;
  exports.default = (message: TaskMessage) => {
    const start = now();
    const cpu = threadCpuNs();
    try {
      return inner(message);
    } finally {
      const { fold, task, spec } = message;
      record({
        side: 'thread',
        tid: threadId,
        start,
        end: now(),
        cpu: (threadCpuNs() - cpu) / 1e9,
        fold: fold?.fold,
        rows: fold?.trainRows.length,
        curve: task?.curve,
        hidden: spec?.mlp?.network.hidden,
      });
    }
  };
}

if (file) {
  const load = loader._load;
  const wrapped = new WeakSet<object>();
  loader._load = function (this: unknown, request: string, ...rest: unknown[]) {
    const exports = load.call(this, request, ...rest);
    if (!exports || wrapped.has(exports)) return exports;
    if (!isMainThread && /fold-task\.worker(\.js)?$/.test(request)) timeFoldTask(exports);
    else if (/fold-task-consumer(\.js)?$/.test(request))
      timePromises((exports.FoldTaskConsumer as { prototype: Record<string, unknown> }).prototype, 'process', 'job');
    else if (/queued-worker-pool(\.js)?$/.test(request))
      timePromises(
        (exports.QueuedWorkerPool as { prototype: Record<string, unknown> }).prototype,
        'runFoldTask',
        'server',
      );
    else return exports;
    wrapped.add(exports);
    return exports;
  };
}
