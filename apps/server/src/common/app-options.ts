/** What AppModule.forRoot is configured with. */
export interface AppOptions {
  /** SQLite file (created with its folder if missing). */
  dbPath: string;
  /** Worker threads in the pool; default os.availableParallelism(). */
  poolSize?: number;
  /** Largest accepted CSV upload in bytes (larger → 413); default 50 MB. */
  uploadLimitBytes?: number;
  /** Whether to serve the dashboard (off for CLI application contexts). */
  dashboard?: boolean;
}

export const APP_OPTIONS = Symbol('APP_OPTIONS');
export const DEFAULT_UPLOAD_LIMIT_BYTES = 50 * 1024 * 1024;
