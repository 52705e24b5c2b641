/**
 * `regsweep sweep CONFIG.yaml|json [--db FILE | --database URL] [--queue URL] [--json] [--concurrency N]` (SPEC §5): runs a sweep to the end
 * through the server's own services, with a progress bar on stderr, then prints the report as a table, or as JSON
 * with --json. The work is in sweep.action.ts, loaded only when the command runs (it brings the server's services).
 */
import { Command } from 'commander';
import { DEFAULT_DB_PATH } from '../app-context';
import { DATABASE_OPTION, DATABASE_OPTION_HELP } from '../database-option';
import { QUEUE_OPTION, QUEUE_OPTION_HELP } from '../queue-option';

export interface SweepFlags {
  db: string;
  database?: string;
  queue?: string;
  json?: boolean;
  concurrency?: string;
}

export function registerSweepCommand(program: Command): void {
  program
    .command('sweep')
    .description('Run a sweep config (YAML or JSON) to the end and print its report.')
    .argument('<config>', 'sweep config file, YAML or JSON (SPEC §2)')
    .option('--db <file>', 'SQLite database (shared with `regsweep serve`)', DEFAULT_DB_PATH)
    .option(DATABASE_OPTION, DATABASE_OPTION_HELP)
    .option(QUEUE_OPTION, QUEUE_OPTION_HELP)
    .option('--json', 'print the report as JSON')
    .option('--concurrency <n>', "worker threads for this sweep (overrides the config's concurrency)")
    .action(async (configPath: string, flags: SweepFlags) =>
      (await import('./sweep.action')).runSweep(configPath, flags),
    );
}
