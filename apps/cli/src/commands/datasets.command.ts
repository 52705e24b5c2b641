/** `regsweep datasets [--db FILE] [--json]` (SPEC §5): the datasets the database knows, built-ins included. */
import { Command } from 'commander';
import { DEFAULT_DB_PATH, openServer } from '../app-context';
import { table } from '../report-table';

interface DatasetsFlags {
  db: string;
  json?: boolean;
}

export function registerDatasetsCommand(program: Command): void {
  program
    .command('datasets')
    .description('List the datasets in the database (built-ins are registered on first use).')
    .option('--db <file>', 'SQLite database', DEFAULT_DB_PATH)
    .option('--json', 'print the list as JSON')
    .action(async (flags: DatasetsFlags) => {
      const server = await openServer(flags.db);
      try {
        const { items } = await server.datasets.list(1, 1000);
        if (flags.json) {
          process.stdout.write(JSON.stringify(items, null, 2) + '\n');
          return;
        }
        const rows = items.map((d) => [
          d.name,
          String(d.version),
          String(d.rows),
          String(d.features.length),
          d.target,
          d.task,
          d.builtin ? 'yes' : '',
          d.id,
        ]);
        process.stdout.write(
          table(['name', 'version', 'rows', 'features', 'target', 'task', 'builtin', 'id'], rows) + '\n',
        );
      } finally {
        await server.close();
      }
    });
}
