import { InvalidInputError, type CsvOptions, type DatasetTask, type ParsedDataset } from '@regsweep/datasets';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { packageRoot } from '../common/package-root';
import type { CsvParseAnswer, CsvParseRequest } from './csv-parse.worker';

/** The compiled worker: like the fold-task pool, even under ts-jest the thread runs the build in dist/. */
export function csvParseWorkerFile(): string {
  return join(packageRoot(), 'dist', 'apps', 'server', 'src', 'datasets', 'csv-parse.worker.js');
}

/**
 * parseCsvDataset on a thread of its own, one per upload: the main thread keeps answering while a large CSV is
 * parsed (uploads are writes, rate-limited, so threads stay few). The file's bytes are copied once to the thread;
 * the parsed values come back moved. Problems with the file reject with the same InvalidInputError as in-process.
 */
export function parseCsvOffThread(file: Buffer, options: CsvOptions): Promise<ParsedDataset> {
  const filename = csvParseWorkerFile();
  if (!existsSync(filename)) throw new Error(`worker ${filename} not found: run \`npm run build\` first`);
  const bytes = new Uint8Array(file); // a copy of its own, whatever pool multer's Buffer lives in
  const request: CsvParseRequest = { bytes, options };
  return new Promise<ParsedDataset>((resolve, reject) => {
    const worker = new Worker(filename, { workerData: request, transferList: [bytes.buffer as ArrayBuffer] });
    let settled = false;
    worker.once('message', (answer: CsvParseAnswer) => {
      settled = true;
      void worker.terminate();
      if (answer.ok) resolve(toParsed(answer));
      else reject(answer.errors ? new InvalidInputError(answer.errors) : new Error(answer.message));
    });
    worker.once('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`the CSV parsing thread exited (code ${code}) without an answer`));
    });
  });
}

function toParsed(answer: Extract<CsvParseAnswer, { ok: true }>): ParsedDataset {
  const { names, target, rows, task, classes, x, y } = answer;
  const matrix = { rows, cols: names.length, values: x, names };
  return { names, target, rows, task: task as DatasetTask, x: matrix, y, ...(classes ? { classes } : {}) };
}
