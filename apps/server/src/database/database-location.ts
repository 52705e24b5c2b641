/**
 * Where the data lives: a SQLite file (the default, nothing else to run) or a PostgreSQL database, named by a
 * `postgres://` / `postgresql://` URL (`--database`, REGSWEEP_DATABASE_URL) for several processes sharing it.
 */
import { InvalidInputError } from '@regsweep/errors';

export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/**
 * The URL with its password (if any) replaced, for logs and error messages. The user information ends at the last
 * "@" (pg, like WHATWG URL, reads `user:p@ss@host` as the password `p@ss`), and a malformed value may hold anything
 * there, so everything from the ":" after the user name to that "@" goes; so does a `password=` query parameter.
 */
export function redactedUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*):.*@/i, '$1:***@').replace(/([?&]password=)[^&#]*/gi, '$1***');
}

const EXPECTED =
  'a postgres:// or postgresql:// URL with a host and a database name (postgres://user:password@host:5432/name)';

/**
 * `url` when it names a PostgreSQL database the driver can open, else an InvalidInputError naming `path` (the flag
 * or variable it came from) with the password masked: the process stops at start (exit code 2) instead of failing
 * once the pool connects, with the driver's error and exit code 1.
 */
export function checkedPostgresUrl(path: string, url: string): string {
  const problem = isPostgresUrl(url) ? postgresUrlProblem(url) : '';
  if (problem === undefined) return url;
  const message = `must be ${EXPECTED}, got "${redactedUrl(url)}"${problem ? ` (${problem})` : ''}`;
  throw new InvalidInputError([{ path, message }]);
}

/**
 * What pg (pg-connection-string) and TypeORM would stumble on, or undefined:
 * - a URL WHATWG's parser refuses (a port that is no number or above 65535, an unclosed "["): pg parses with it;
 * - no host: neither the URL's nor `?host=` (pg's unix-socket form, `postgres://user@/name?host=/var/run/postgresql`,
 *   whose empty host pg parses by putting a stand-in host between "@" and "/", as here);
 * - no database name in the path: pg would connect to the database named as the user, ignoring `?dbname=`;
 * - a user or password that is not percent-decodable ("%zz"): TypeORM decodes both as the DataSource is made.
 */
function postgresUrlProblem(text: string): string | undefined {
  const direct = parsedUrl(text);
  const url = direct ?? parsedUrl(text.replace('@/', '@stand-in/'));
  if (!url) return 'not a parseable URL';
  if (!(direct?.hostname || url.searchParams.get('host'))) return 'no host';
  if (url.pathname.length <= 1) return 'no database name';
  try {
    decodeURIComponent(url.username);
    decodeURIComponent(url.password);
  } catch {
    return 'a "%" in the user or password that starts no %XX escape';
  }
  return undefined;
}

function parsedUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}
