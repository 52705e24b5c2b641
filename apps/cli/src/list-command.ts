/** A command that lists what the database holds (`datasets`, `schedules`): a table, or JSON with --json. */
import { Command } from 'commander';
import { DEFAULT_DB_PATH, openServer, type ServerSession } from './app-context';
import { table } from './report-table';

export interface ListCommand<T> {
  readonly name: string;
  readonly description: string;
  /** The items, read through a server session without HTTP or the scheduler (listing must not fire anything). */
  readonly list: (server: ServerSession) => Promise<T[]>;
  readonly columns: readonly string[];
  readonly row: (item: T) => string[];
}

export function registerListCommand<T>(program: Command, command: ListCommand<T>): void {
  program
    .command(command.name)
    .description(command.description)
    .option('--db <file>', 'SQLite database', DEFAULT_DB_PATH)
    .option('--json', 'print the list as JSON')
    .action(async (flags: { db: string; json?: boolean }) => {
      const server = await openServer(flags.db);
      try {
        const items = await command.list(server);
        const text = flags.json ? JSON.stringify(items, null, 2) : table([...command.columns], items.map(command.row));
        process.stdout.write(text + '\n');
      } finally {
        await server.close();
      }
    });
}
