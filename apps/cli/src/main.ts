/**
 * The `regsweep` command line. Each subcommand lives in commands/ and registers itself here.
 * Exit codes (SPEC §5): 0 success, 2 invalid input ({path, message} errors on stderr), 1 anything else.
 */
import 'reflect-metadata';
import { Command } from 'commander';
import { registerDatasetsCommand } from './commands/datasets.command';
import { registerExportCommand } from './commands/export.command';
import { registerFitCommand } from './commands/fit.command';
import { registerPredictCommand } from './commands/predict.command';
import { registerSchedulesCommand } from './commands/schedules.command';
import { registerServeCommand } from './commands/serve.command';
import { registerSweepCommand } from './commands/sweep.command';
import { registerTokensCommand } from './commands/tokens.command';
import { registerWorkerCommand } from './commands/worker.command';
import { runCommand } from './run-command';

export function buildProgram(): Command {
  const program = new Command('regsweep')
    .description('Which penalty, and which λ? Regularization sweeps with overfitting diagnostics.')
    .showHelpAfterError();
  registerFitCommand(program);
  registerSweepCommand(program);
  registerServeCommand(program);
  registerDatasetsCommand(program);
  registerTokensCommand(program);
  registerSchedulesCommand(program);
  registerWorkerCommand(program);
  registerExportCommand(program);
  registerPredictCommand(program);
  return program;
}

/** Runs the command line on `argv` (bin/regsweep.js and `node dist/apps/cli/src/main.js` both come here). */
export function main(argv: readonly string[] = process.argv): Promise<void> {
  return runCommand(() => buildProgram().parseAsync([...argv]));
}

if (require.main === module) void main();
