/**
 * The result writer's thread (result-writer.ts): a SqliteSweepStore of its own on its own better-sqlite3 connection
 * to the server's file, running the running phase's writes (a task's start and retry marks, its fold rows with its
 * `done` mark and the progress) as the main thread's store would, in time slices of one transaction each. The
 * messages of one connection are answered in the order their writes commit; each answer is sent after its commit.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { connectionPragmas, SqliteStatements, type SqliteConnection } from '../../database/sqlite-statements';
import { PackedPathResult } from '../../runner/packed-result';
import { packFoldRows, unpackTrials } from './packed-rows';
import { SqliteSweepStore } from './sqlite-sweep-store';
import type { WriterAnswer, WriterData, WriterRequest } from './result-writer';

interface SqliteFile extends SqliteConnection {
  pragma(source: string): unknown;
  close(): void;
}

function open(dbPath: string): SqliteFile {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- better-sqlite3 ships no type declarations
  const Database = require('better-sqlite3') as new (path: string, options: { fileMustExist: boolean }) => SqliteFile;
  const db = new Database(dbPath, { fileMustExist: true });
  connectionPragmas(db);
  return db;
}

type Answered = { value: unknown; transfer?: ArrayBuffer[] };

async function write(store: SqliteSweepStore, request: Exclude<WriterRequest, { kind: 'close' }>): Promise<Answered> {
  switch (request.kind) {
    case 'started':
      return { value: await store.markTaskStarted(request.key) };
    case 'retry':
      return { value: await store.markTaskForRetry(request.key, request.error) };
    case 'failed':
      return { value: await store.saveFailedTask(request.task) };
    case 'finished': {
      const { result, trialIds, ...task } = request.task;
      const packed = new PackedPathResult(result);
      return { value: await store.saveFinishedTask({ ...task, trialIds: Array.from(trialIds), result: packed }) };
    }
    case 'plan': {
      const trials = unpackTrials(request.trials);
      const ids = await store.storePlan(request.sweepId, trials, request.tasks);
      const value = Float64Array.from(trials, (trial) => ids.get(trial.key)!);
      return { value, transfer: [value.buffer] };
    }
    case 'statistics':
      return { value: await store.saveCurveStatistics(Array.from(request.trialIds), request.statistics) };
    case 'curveRows': {
      const value = packFoldRows(await store.curveFoldRows(request.sweepId, request.curve, request.options));
      return { value, transfer: [value.numbers.buffer as ArrayBuffer, value.status.buffer as ArrayBuffer] };
    }
  }
}

function run(): void {
  const port = parentPort!;
  let db: SqliteFile;
  try {
    db = open((workerData as WriterData).dbPath);
  } catch (error) {
    port.postMessage({ kind: 'failed', message: String(error) } satisfies WriterAnswer);
    return;
  }
  const store = new SqliteSweepStore(new SqliteStatements(() => db));
  const inFlight = new Set<Promise<unknown>>();
  port.on('message', (request: WriterRequest) => {
    if (request.kind === 'close') {
      // The server is stopping: the writes already asked for are finished first, then the connection is closed here.
      void Promise.allSettled(inFlight).then(() => {
        db.close();
        port.close();
      });
      return;
    }
    const done = write(store, request).then(
      ({ value, transfer }) =>
        port.postMessage({ kind: 'done', id: request.id, value } satisfies WriterAnswer, transfer ?? []),
      (error: unknown) =>
        port.postMessage({
          kind: 'done',
          id: request.id,
          error: error instanceof Error ? error.message : String(error),
        } satisfies WriterAnswer),
    );
    inFlight.add(done);
    void done.finally(() => inFlight.delete(done));
  });
  port.postMessage({ kind: 'ready' } satisfies WriterAnswer);
}

run();
