/**
 * `regsweep export SWEEP --format json|onnx [--precision float64|float32] [--out FILE] [--db FILE | --database URL]` (SPEC §7): the best model of
 * a succeeded sweep, as regsweep JSON or ONNX, to a file or stdout. The work loads Nest only when the command runs.
 */
import { Command } from 'commander';
import { InvalidInputError } from '@regsweep/errors';
import { writeFileSync } from 'node:fs';
import { DEFAULT_DB_PATH, openServer } from '../app-context';
import { DATABASE_OPTION, DATABASE_OPTION_HELP, databaseLocation } from '../database-option';

interface ExportFlags {
  db: string;
  database?: string;
  format: string;
  precision: string;
  out?: string;
}

const FORMATS = ['json', 'onnx'];
/** As `ONNX_PRECISIONS` of @regsweep/models, which this file does not load before the command runs. */
const PRECISIONS = ['float64', 'float32'] as const;

export function registerExportCommand(program: Command): void {
  program
    .command('export')
    .description("Write a succeeded sweep's best model as regsweep JSON or ONNX.")
    .argument('<sweep>', 'sweep id')
    .option('--format <format>', 'json | onnx', 'json')
    .option('--precision <precision>', 'ONNX only: float64 (double input) | float32 (float input)', 'float64')
    .option('--out <file>', 'write the model here (default: stdout)')
    .option('--db <file>', 'SQLite database (shared with `regsweep serve`)', DEFAULT_DB_PATH)
    .option(DATABASE_OPTION, DATABASE_OPTION_HELP)
    .action((sweepId: string, flags: ExportFlags) => exportModel(sweepId, flags));
}

async function exportModel(sweepId: string, flags: ExportFlags): Promise<void> {
  if (!FORMATS.includes(flags.format)) {
    throw new InvalidInputError([{ path: 'format', message: `must be one of ${FORMATS.join(', ')}` }]);
  }
  const precision = PRECISIONS.find((name) => name === flags.precision);
  if (!precision) {
    throw new InvalidInputError([{ path: 'precision', message: `must be one of ${PRECISIONS.join(', ')}` }]);
  }
  const server = await openServer(databaseLocation(flags), { warmWorkers: false });
  try {
    const bytes =
      flags.format === 'onnx'
        ? await server.models.onnx(sweepId, precision)
        : Buffer.from(JSON.stringify(await server.models.model(sweepId), null, 2) + '\n');
    if (flags.out) writeFileSync(flags.out, bytes);
    else process.stdout.write(bytes);
  } finally {
    await server.close();
  }
}
