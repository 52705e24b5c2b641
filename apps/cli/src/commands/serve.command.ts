/**
 * `regsweep serve [--port 3000] [--host 127.0.0.1] [--db FILE | --database URL] [--queue URL [--local-workers N]]`
 * (SPEC §5, §7): the API and the dashboard.
 */
import { Command } from 'commander';
import { DEFAULT_DB_PATH, DEFAULT_HOST, DEFAULT_PORT, hostNameOrAddress, serve, wholeNumber } from '../app-context';
import { DATABASE_OPTION, DATABASE_OPTION_HELP, databaseLocation } from '../database-option';
import { QUEUE_OPTION, QUEUE_OPTION_HELP, queueLocation } from '../queue-option';

interface ServeFlags {
  port: string;
  host: string;
  db: string;
  database?: string;
  queue?: string;
  localWorkers?: string;
  allowedHosts?: string;
}

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('Serve the REST API (/api, docs at /api/docs) and the dashboard.')
    .option('--port <port>', 'TCP port', String(DEFAULT_PORT))
    .option('--host <host>', 'interface to listen on', DEFAULT_HOST)
    .option('--db <file>', 'SQLite database (created with its folder if missing)', DEFAULT_DB_PATH)
    .option(DATABASE_OPTION, DATABASE_OPTION_HELP)
    .option(QUEUE_OPTION, QUEUE_OPTION_HELP)
    .option('--local-workers <n>', 'with --queue: threads of this server that run queued tasks too (default 0)')
    .option(
      '--allowed-hosts <names>',
      'host names to answer besides the loopback ones, comma-separated ("*": any); others get 421',
    )
    .action(async (flags: ServeFlags) => {
      const port = wholeNumber('port', flags.port, 0, 65535);
      const host = hostNameOrAddress('host', flags.host); // as HOST: refused before the database is opened
      const dbPath = databaseLocation(flags);
      const queueUrl = queueLocation(flags);
      const localWorkers =
        flags.localWorkers !== undefined ? wholeNumber('local-workers', flags.localWorkers, 0) : undefined;
      const allowedHosts = flags.allowedHosts?.split(',');
      await serve({ port, host, dbPath, allowedHosts, queueUrl, localWorkers });
    });
}
