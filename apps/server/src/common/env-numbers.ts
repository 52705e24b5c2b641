/**
 * Numbers from environment variables (REGSWEEP_WORKERS, REGSWEEP_LEASE_SECONDS, …): unset or empty → undefined (the
 * caller's default); anything else must parse, or the start stops with an error naming the variable rather than
 * running on a silently different setting.
 */

/** A number > 0 from `env[name]`. */
export function positiveFromEnv(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const text = env[name];
  if (text === undefined || text === '') return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got "${text}"`);
  return value;
}

/** A whole number > 0 from `env[name]`. */
export function wholeFromEnv(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const value = positiveFromEnv(env, name);
  if (value !== undefined && !Number.isInteger(value))
    throw new Error(`${name} must be a whole number, got "${env[name]}"`);
  return value;
}
