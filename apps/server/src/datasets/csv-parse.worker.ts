/**
 * A worker thread that parses one uploaded CSV (parseCsvDataset) and posts the result back, so a large upload
 * (10⁶ rows) does not hold the main thread while requests such as /api/health wait. The values come back as
 * transferred ArrayBuffers (moved, not copied); an InvalidInputError comes back as its `{path, message}` list.
 */
import { InvalidInputError, parseCsvDataset, type CsvOptions } from '@regsweep/datasets';
import { parentPort, workerData } from 'node:worker_threads';

export interface CsvParseRequest {
  bytes: Uint8Array;
  options: CsvOptions;
}

export type CsvParseAnswer =
  | {
      ok: true;
      names: string[];
      target: string;
      rows: number;
      task: string;
      classes?: string[];
      x: Float64Array;
      y: Float64Array;
    }
  | { ok: false; errors?: { path: string; message: string }[]; message: string };

const { bytes, options } = workerData as CsvParseRequest;
try {
  const parsed = parseCsvDataset(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), options);
  const answer: CsvParseAnswer = {
    ok: true,
    names: [...parsed.names],
    target: parsed.target,
    rows: parsed.rows,
    task: parsed.task,
    ...(parsed.classes ? { classes: [...parsed.classes] } : {}),
    x: parsed.x.values,
    y: parsed.y,
  };
  parentPort?.postMessage(answer, [parsed.x.values.buffer as ArrayBuffer, parsed.y.buffer as ArrayBuffer]);
} catch (error) {
  const answer: CsvParseAnswer =
    error instanceof InvalidInputError
      ? { ok: false, errors: [...error.errors], message: error.message }
      : { ok: false, message: error instanceof Error ? error.message : String(error) };
  parentPort?.postMessage(answer);
}
