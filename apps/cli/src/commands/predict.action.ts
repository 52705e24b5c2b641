/** What `regsweep predict` does (predict.command.ts registers it): the model file read, the CSV's rows predicted. */
import { InvalidInputError } from '@regsweep/errors';
import { inputFromCsv, predict, readModelText } from '@regsweep/models';
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { PredictFlags } from './predict.command';

/** A CSV of more rows than this is refused (the whole file and its predictions are held in memory). */
const MAX_ROWS = 10_000_000;

export async function predictRows(flags: PredictFlags): Promise<void> {
  const model = readModelText(readInput(flags.model, 'model').toString('utf8'));
  const predictions = Array.from(predict(model, inputFromCsv(model, readInput(flags.data, 'data'), MAX_ROWS)));
  process.stdout.write(flags.json ? JSON.stringify({ predictions }) + '\n' : predictions.join('\n') + '\n');
}

function readInput(path: string, flag: string): Buffer {
  if (!existsSync(path) || !statSync(path).isFile()) {
    throw new InvalidInputError([{ path: flag, message: `file not found: ${path}` }]);
  }
  const bytes = readFileSync(path);
  if (flag === 'model' && bytes.length > 0 && bytes[0] !== 0x7b && bytes.subarray(0, 16).includes(0)) {
    throw new InvalidInputError([{ path: 'model', message: 'an ONNX file: predict reads regsweep JSON models' }]);
  }
  return bytes;
}
