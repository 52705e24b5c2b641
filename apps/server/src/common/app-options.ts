/** What AppModule.forRoot is configured with. */
export interface AppOptions {
  /** SQLite file (created with its folder if missing). */
  dbPath: string;
  /** Worker threads in the pool; default os.availableParallelism(). */
  poolSize?: number;
  /** Largest accepted CSV upload in bytes (larger → 413); default 100 MB. */
  uploadLimitBytes?: number;
  /** Whether to serve the dashboard (off for CLI application contexts). */
  dashboard?: boolean;
  /** Whether stored schedules fire (default true; off for CLI application contexts, which must not start sweeps). */
  scheduler?: boolean;
  // Security (auth/security-options.ts): fields left unset come from the environment, then the defaults.
  /** GETs open to all (default) or only with an API token (env REGSWEEP_READ_ACCESS). */
  readAccess?: 'open' | 'token';
  /** Writes need a token even while none exists (env REGSWEEP_REQUIRE_AUTH); default: once one exists. */
  requireAuth?: boolean;
  /** Writes per client per window (env REGSWEEP_WRITE_LIMIT; default 60), beyond → 429. */
  writeLimit?: number;
  /** The write-limit window in ms; default 60,000. */
  writeWindowMs?: number;
  /** Largest JSON body in bytes (larger → 413); default 5 MB. */
  jsonBodyLimitBytes?: number;
}

export const APP_OPTIONS = Symbol('APP_OPTIONS');
export const DEFAULT_UPLOAD_LIMIT_BYTES = 100 * 1024 * 1024;
