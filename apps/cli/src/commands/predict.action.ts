/** What `regsweep predict` does (predict.command.ts registers it): the model file read, the CSV's rows predicted. */
import { InvalidInputError } from '@regsweep/errors';
import { inputFromCsv, predictAnswer, readModelText, type PredictAnswer } from '@regsweep/models';
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { PredictFlags } from './predict.command';

/** A CSV of more rows than this is refused (the whole file and its predictions are held in memory). */
const MAX_ROWS = 10_000_000;

export async function predictRows(flags: PredictFlags): Promise<void> {
  const model = readModelText(readInput(flags.model, 'model').toString('utf8'));
  const answer = predictAnswer(model, inputFromCsv(model, readInput(flags.data, 'data'), MAX_ROWS));
  process.stdout.write(flags.json ? JSON.stringify(answer) + '\n' : predictionLines(answer).join('\n') + '\n');
}

/** One line per row; a multinomial model's as CSV: the most probable class, then each class's probability. */
function predictionLines(answer: PredictAnswer): string[] {
  if (!('labels' in answer)) return answer.predictions.map(String);
  const header = ['label', ...answer.classes.map((label) => `p_${label}`)].map(csvField).join(',');
  return [header, ...answer.predictions.map((row, i) => [csvField(answer.labels[i]), ...row].join(','))];
}

/** A CSV field, quoted when it holds a comma, a quote or a line break (labels are free text). */
function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
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
