/**
 * `regsweep tokens create [--name N] | list | revoke ID` [--db FILE | --database URL]: the API tokens that guard the server's writes
 * (and reads, with REGSWEEP_READ_ACCESS=token). Once a token exists, every write needs `Authorization: Bearer <token>`.
 *
 * Works on the database directly (SQLite or PostgreSQL, migrations run), so no server or worker pool starts.
 */
import { Command } from 'commander';
import { DEFAULT_DB_PATH, withTokens, type ApiTokenInfo } from '../app-context';
import { DATABASE_OPTION, DATABASE_OPTION_HELP, databaseLocation } from '../database-option';
import { table } from '../text-table';

interface TokensFlags {
  db: string;
  database?: string;
  json?: boolean;
}

export function registerTokensCommand(program: Command): void {
  const tokens = program
    .command('tokens')
    .description('Create, list and revoke the API tokens that the server requires for writes once one exists.');

  tokens
    .command('create')
    .description('Create a token and print it (only this once: the database keeps just its hash).')
    .option('--name <name>', 'what the token is for (shown by `tokens list`)')
    .option('--db <file>', 'SQLite database (shared with `regsweep serve`)', DEFAULT_DB_PATH)
    .option(DATABASE_OPTION, DATABASE_OPTION_HELP)
    .option('--json', 'print {id, name, createdAt, token} as JSON')
    .action((flags: TokensFlags & { name?: string }) =>
      withTokens(databaseLocation(flags), async (service) => {
        const created = await service.create(flags.name);
        if (flags.json) {
          process.stdout.write(JSON.stringify(created, null, 2) + '\n');
          return;
        }
        // The token alone on stdout, so `TOKEN=$(regsweep tokens create)` works; the advice goes to stderr.
        process.stdout.write(created.token + '\n');
        process.stderr.write(
          `token ${created.id} created. It is shown only now: store it, then send it as "Authorization: Bearer <token>".\n`,
        );
      }),
    );

  tokens
    .command('list')
    .description('List the tokens (ids, names, dates; never the secrets).')
    .option('--db <file>', 'SQLite database', DEFAULT_DB_PATH)
    .option(DATABASE_OPTION, DATABASE_OPTION_HELP)
    .option('--json', 'print the list as JSON')
    .action((flags: TokensFlags) =>
      withTokens(databaseLocation(flags), async (service) => {
        const list = await service.list();
        process.stdout.write((flags.json ? JSON.stringify(list, null, 2) : tokenTable(list)) + '\n');
      }),
    );

  tokens
    .command('revoke')
    .description('Revoke a token: it is refused from now on (the server keeps requiring tokens).')
    .argument('<id>', 'the token id, as `tokens list` shows it')
    .option('--db <file>', 'SQLite database', DEFAULT_DB_PATH)
    .option(DATABASE_OPTION, DATABASE_OPTION_HELP)
    .action((id: string, flags: TokensFlags) =>
      withTokens(databaseLocation(flags), async (service) => {
        const revoked = await service.revoke(id);
        process.stdout.write(`token ${revoked.id} revoked\n`);
      }),
    );
}

function tokenTable(tokens: ApiTokenInfo[]): string {
  if (tokens.length === 0)
    return 'no tokens: writes need none (unless REGSWEEP_REQUIRE_AUTH is set); see `regsweep tokens create`';
  const rows = tokens.map((t) => [
    t.id,
    t.name ?? '',
    t.createdAt.toISOString(),
    t.revokedAt ? `revoked ${t.revokedAt.toISOString()}` : 'active',
  ]);
  return table(['id', 'name', 'created', 'status'], rows);
}
