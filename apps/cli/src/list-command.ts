/** A command that lists what the database holds (`datasets`, `schedules`): a table, or JSON with --json. */
import { Command } from 'commander';
import { DEFAULT_DB_PATH } from './app-context';
import { table } from './text-table';

export interface ListCommand<T> {
  readonly name: string;
  readonly description: string;
  /** The first `limit` items of the database (read without HTTP or the scheduler: listing must not fire anything). */
  readonly list: (dbPath: string, limit: number) => Promise<T[]>;
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
      const items = await command.list(flags.db, 1000);
      const text = flags.json ? JSON.stringify(items, null, 2) : table([...command.columns], items.map(command.row));
      process.stdout.write(text + '\n');
    });
}
