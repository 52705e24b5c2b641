/**
 * Where the data lives: a SQLite file (the default, nothing else to run) or a PostgreSQL database, named by a
 * `postgres://` / `postgresql://` URL (`--database`, REGSWEEP_DATABASE_URL) for several processes sharing it.
 */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/** The URL with its password (if any) replaced, for logs and error messages. */
export function redactedUrl(url: string): string {
  return url.replace(/^(postgres(?:ql)?:\/\/[^:/@]+):[^@]*@/i, '$1:***@');
}
