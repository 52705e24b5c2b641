/** `regsweep datasets [--db FILE] [--json]` (SPEC §5): the datasets the database knows, built-ins included. */
import { Command } from 'commander';
import { DEFAULT_DB_PATH } from '../../../server/src/common/server-defaults';
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
      // Loaded here, not at the top: Nest and TypeORM would slow down every other command's start.
      const { openContext } = await import('../app-context');
      const { DatasetsService } = await import('../../../server/src/datasets/datasets.service');
      const app = await openContext(flags.db);
      try {
        const { items } = await app.get(DatasetsService).list(1, 1000);
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
        await app.close();
      }
    });
}
