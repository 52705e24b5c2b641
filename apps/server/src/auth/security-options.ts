import type { AppOptions } from '../common/app-options';
import { booleanFromEnv, choiceFromEnv, hostListFromEnv, wholeFromEnv } from '../common/env-settings';
import { allowedHostNames, type AllowedHosts } from './allowed-hosts';

/** Who may read (GET) the API: everyone, or only holders of an API token. Writes follow `requireAuth` and the tokens. */
export type ReadAccess = 'open' | 'token';
const READ_ACCESS: readonly ReadAccess[] = ['open', 'token'];

/** The server's security settings, every default filled in. */
export interface SecurityOptions {
  readAccess: ReadAccess;
  /** Writes need a token even before the first token is created (otherwise: as soon as one exists). */
  requireAuth: boolean;
  /** At most `writeLimit` writes (POST/PUT/PATCH/DELETE) per client in `writeWindowMs`; more → 429. */
  writeLimit: number;
  writeWindowMs: number;
  /** Largest JSON (or urlencoded) request body; more → 413. 5 MB holds a foldIds array for 100k rows (~0.6 MB). */
  jsonBodyLimitBytes: number;
  /** Host names the server answers to (others → 421): loopback, the listening host, and the configured extras. */
  allowedHosts: AllowedHosts;
}

export const DEFAULT_WRITE_LIMIT = 60;
export const DEFAULT_WRITE_WINDOW_MS = 60_000;
export const DEFAULT_JSON_BODY_LIMIT_BYTES = 5 * 1024 * 1024;

/**
 * The options given to the app win; then the environment (REGSWEEP_READ_ACCESS=open|token,
 * REGSWEEP_REQUIRE_AUTH=true|false, REGSWEEP_WRITE_LIMIT=writes per minute, REGSWEEP_ALLOWED_HOSTS=a,b); then the
 * defaults.
 * A malformed environment value stops the start rather than silently weakening the setting.
 */
export function resolveSecurityOptions(options: AppOptions, env: NodeJS.ProcessEnv = process.env): SecurityOptions {
  return {
    readAccess: options.readAccess ?? choiceFromEnv(env, 'REGSWEEP_READ_ACCESS', READ_ACCESS) ?? 'open',
    requireAuth: options.requireAuth ?? booleanFromEnv(env, 'REGSWEEP_REQUIRE_AUTH') ?? false,
    writeLimit: options.writeLimit ?? wholeFromEnv(env, 'REGSWEEP_WRITE_LIMIT') ?? DEFAULT_WRITE_LIMIT,
    writeWindowMs: options.writeWindowMs ?? DEFAULT_WRITE_WINDOW_MS,
    jsonBodyLimitBytes: options.jsonBodyLimitBytes ?? DEFAULT_JSON_BODY_LIMIT_BYTES,
    allowedHosts: allowedHostNames(
      options.allowedHosts ?? hostListFromEnv(env, 'REGSWEEP_ALLOWED_HOSTS') ?? [],
      options.listenHost,
    ),
  };
}
