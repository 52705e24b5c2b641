/**
 * Where the data lives: a SQLite file (the default, nothing else to run) or a PostgreSQL database, named by a
 * `postgres://` / `postgresql://` URL (`--database`, REGSWEEP_DATABASE_URL) for several processes sharing it.
 */
import { checkedUrl, NOT_PARSEABLE, parsedUrl, type UrlRule, userInfoProblem } from '../common/url-text';

export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

const POSTGRES_URL: UrlRule = {
  isOfScheme: isPostgresUrl,
  expected:
    'a postgres:// or postgresql:// URL with a host and a database name (postgres://user:password@host:5432/name)',
  problemOf: postgresUrlProblem,
};

/**
 * `url` when it names a PostgreSQL database the driver can open, else an InvalidInputError naming `path` (the flag
 * or variable it came from) with the password masked (url-text.ts: checkedUrl).
 */
export function checkedPostgresUrl(path: string, url: string): string {
  return checkedUrl(path, url, POSTGRES_URL);
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
  if (!url) return NOT_PARSEABLE;
  if (!(direct?.hostname || url.searchParams.get('host'))) return 'no host';
  if (url.pathname.length <= 1) return 'no database name';
  return userInfoProblem(url);
}
