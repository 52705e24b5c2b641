/**
 * `regsweep predict --model FILE --data CSV [--json]` (SPEC §7): predictions of an exported regsweep JSON model for
 * the rows of a CSV (columns matched by name), one per line, or `{predictions: [...]}` with --json. Probabilities of
 * class 1 for a classifier. No database: the model file is all it needs.
 */
import { Command } from 'commander';
import { InvalidInputError } from '@regsweep/errors';
import { inputFromCsv, predict, readModelText } from '@regsweep/models';
import { existsSync, readFileSync, statSync } from 'node:fs';

interface PredictFlags {
  model: string;
  data: string;
  json?: boolean;
}

/** A CSV of more rows than this is refused (the whole file and its predictions are held in memory). */
const MAX_ROWS = 10_000_000;

export function registerPredictCommand(program: Command): void {
  program
    .command('predict')
    .description('Predict the rows of a CSV with an exported model (regsweep JSON, from `regsweep export`).')
    .requiredOption('--model <file>', 'model file written by `regsweep export --format json`')
    .requiredOption('--data <file>', 'CSV with a header naming every model feature')
    .option('--json', 'print {predictions: [...]} instead of one prediction per line')
    .action((flags: PredictFlags) => predictRows(flags));
}

async function predictRows(flags: PredictFlags): Promise<void> {
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
