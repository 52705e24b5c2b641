/**
 * The WAL checkpointer's thread (wal-checkpointer.ts): its own better-sqlite3 connection to the server's file, running
 * a PASSIVE checkpoint every CHECKPOINT_EVERY_MS. PASSIVE copies what it can of the WAL into the database file without
 * waiting for (or blocking) readers and writers; once the WAL is fully copied the next writer starts it over, so it
 * stays small. Any failure is only reported: the server's connection then checkpoints itself again.
 */
import { parentPort, workerData } from 'node:worker_threads';

export interface CheckpointerData {
  readonly dbPath: string;
  readonly everyMs: number;
}

/** From the thread: `ready` once its connection is open; `failed` with the reason, after which it exits. */
export type CheckpointerNote = { kind: 'ready' } | { kind: 'failed'; message: string };

interface SqliteFile {
  pragma(source: string): unknown;
  close(): void;
}

function run(): void {
  const { dbPath, everyMs } = workerData as CheckpointerData;
  const port = parentPort!;
  let db: SqliteFile;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- better-sqlite3 ships no type declarations
    const Database = require('better-sqlite3') as new (path: string, options: { fileMustExist: boolean }) => SqliteFile;
    db = new Database(dbPath, { fileMustExist: true });
    db.pragma('busy_timeout = 1000');
  } catch (error) {
    port.postMessage({ kind: 'failed', message: String(error) } satisfies CheckpointerNote);
    return;
  }
  const timer = setInterval(() => {
    try {
      db.pragma('wal_checkpoint(PASSIVE)');
    } catch (error) {
      clearInterval(timer);
      db.close();
      port.postMessage({ kind: 'failed', message: String(error) } satisfies CheckpointerNote);
    }
  }, everyMs);
  port.on('message', () => {
    // `close`: the server is stopping; the connection is closed here so SQLite finishes it cleanly.
    clearInterval(timer);
    db.close();
    port.close();
  });
  port.postMessage({ kind: 'ready' } satisfies CheckpointerNote);
}

run();
