/**
 * `regsweep predict --model FILE --data CSV [--json]` (SPEC §7): predictions of an exported regsweep JSON model for
 * the rows of a CSV (columns matched by name), one per line, or `{predictions: [...]}` with --json. Probabilities of
 * class 1 for a binary classifier; for a multinomial model a CSV of each row's most probable class and its class
 * probabilities (--json: `{predictions: [[p…]], classes, labels}`). No database: the model file is all it needs.
 */
import { Command } from 'commander';

export interface PredictFlags {
  model: string;
  data: string;
  json?: boolean;
}

export function registerPredictCommand(program: Command): void {
  program
    .command('predict')
    .description('Predict the rows of a CSV with an exported model (regsweep JSON, from `regsweep export`).')
    .requiredOption('--model <file>', 'model file written by `regsweep export --format json`')
    .requiredOption('--data <file>', 'CSV with a header naming every model feature')
    .option('--json', 'print {predictions: [...]} instead of one prediction per line')
    .action(async (flags: PredictFlags) => (await import('./predict.action')).predictRows(flags)); // models load on use
}
