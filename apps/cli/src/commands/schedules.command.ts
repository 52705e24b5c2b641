/** `regsweep schedules [--db FILE] [--json]` (issue 4): the stored cron schedules with their next run time. */
import { Command } from 'commander';
import { DEFAULT_DB_PATH, openServer } from '../app-context';
import { table } from '../report-table';

interface SchedulesFlags {
  db: string;
  json?: boolean;
}

export function registerSchedulesCommand(program: Command): void {
  program
    .command('schedules')
    .description('List the cron schedules in the database with their next run time (they fire under `serve`).')
    .option('--db <file>', 'SQLite database', DEFAULT_DB_PATH)
    .option('--json', 'print the list as JSON')
    .action(async (flags: SchedulesFlags) => {
      // A context without the scheduler: listing must not fire anything.
      const server = await openServer(flags.db);
      try {
        const { items } = await server.schedules.list(1, 1000);
        if (flags.json) {
          process.stdout.write(JSON.stringify(items, null, 2) + '\n');
          return;
        }
        const rows = items.map((s) => [
          s.name,
          s.cron,
          s.timezone,
          s.enabled ? 'active' : 'paused',
          s.overlap,
          s.nextRunAt ? s.nextRunAt.toISOString() : '—',
          s.sweep.dataset,
          s.id,
        ]);
        process.stdout.write(
          table(['name', 'cron', 'timezone', 'state', 'overlap', 'next run (UTC)', 'dataset', 'id'], rows) + '\n',
        );
      } finally {
        await server.close();
      }
    });
}
