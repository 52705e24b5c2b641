/**
 * The one way to read a setting from an environment variable (REGSWEEP_WORKERS, PORT, REGSWEEP_READ_ACCESS, …):
 * unset or empty → undefined (the caller's default); anything else must parse, or the start stops with an
 * InvalidInputError `{path: NAME, message: 'must be …, got "text"'}` (the CLI's exit code 2) rather than running on a
 * silently different setting. common/check-environment.ts runs the readers before a database or queue is opened.
 */
import { statSync } from 'node:fs';
import { isIP } from 'node:net';
import { InvalidInputError } from '@regsweep/errors';
import { hostName } from '../auth/allowed-hosts';
import { checkedPostgresUrl, isPostgresUrl } from '../database/database-location';

/** A number > 0 (a fraction allowed: seconds, megabytes). */
export function positiveFromEnv(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const text = textFromEnv(env, name);
  if (text === undefined) return undefined;
  const value = DECIMAL.test(text) ? Number(text) : NaN;
  if (!Number.isFinite(value) || value <= 0) refuse(name, 'a positive number', text);
  return value;
}

/** A whole number from `min` to `max`, written in decimal digits ("1e3", "0x10", "2.0" are refused). */
export function wholeFromEnv(env: NodeJS.ProcessEnv, name: string, min = 1, max = Infinity): number | undefined {
  const text = textFromEnv(env, name);
  return text === undefined ? undefined : wholeNumber(name, text, min, max);
}

/** The same check for any text, a flag's included (`--threads`, `--port`): `path` names it in the error. */
export function wholeNumber(path: string, text: string, min = 1, max = Infinity): number {
  const value = /^[0-9]+$/.test(text) ? Number(text) : NaN;
  if (!(value >= min && value <= max)) {
    refuse(path, max === Infinity ? `a whole number ≥ ${min}` : `a whole number from ${min} to ${max}`, text);
  }
  return value;
}

/** true (`true`, `1`, `yes`) or false (`false`, `0`, `no`), in any case. */
export function booleanFromEnv(env: NodeJS.ProcessEnv, name: string): boolean | undefined {
  const text = textFromEnv(env, name);
  if (text === undefined) return undefined;
  const lower = text.toLowerCase();
  if (['true', '1', 'yes'].includes(lower)) return true;
  if (['false', '0', 'no'].includes(lower)) return false;
  return refuse(name, 'true or false (1/0, yes/no)', text);
}

/** One of `choices`, exactly. */
export function choiceFromEnv<T extends string>(
  env: NodeJS.ProcessEnv,
  name: string,
  choices: readonly T[],
): T | undefined {
  const text = textFromEnv(env, name);
  if (text === undefined || (choices as readonly string[]).includes(text)) return text as T | undefined;
  return refuse(name, choices.map((choice) => `"${choice}"`).join(' or '), text);
}

/** A host name or an IP address (HOST: the interface to listen on). */
export function hostFromEnv(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const text = textFromEnv(env, name);
  return text === undefined ? undefined : hostNameOrAddress(name, text);
}

/** The same check for any text, a flag's included (`serve --host`): `path` names it in the error. */
export function hostNameOrAddress(path: string, text: string): string {
  if (!isHost(text)) refuse(path, 'a host name or an IP address', text);
  return text;
}

/** Comma-separated host names (each optionally with `:port`, an IPv6 address in brackets) or `*`; empty items skipped. */
export function hostListFromEnv(env: NodeJS.ProcessEnv, name: string): string[] | undefined {
  const text = textFromEnv(env, name);
  if (text === undefined) return undefined;
  const items = text.split(',').map((item) => item.trim());
  const bad = items.find((item) => item !== '' && item !== '*' && !isHost(hostName(item)));
  if (bad !== undefined) refuse(name, 'comma-separated host names or "*"', bad);
  return items;
}

/** A file's path; an existing folder is refused (SQLite would fail on it only once the application starts). */
export function filePathFromEnv(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const text = textFromEnv(env, name);
  if (text !== undefined && statSync(text, { throwIfNoEntry: false })?.isDirectory()) {
    refuse(name, 'a file path, not a folder', text);
  }
  return text;
}

/** A database (AppOptions.dbPath): a postgres:// URL, checked as `--database` is, or else a file path as above. */
export function databaseFromEnv(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const text = textFromEnv(env, name);
  return text !== undefined && isPostgresUrl(text) ? checkedPostgresUrl(name, text) : filePathFromEnv(env, name);
}

function textFromEnv(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const text = env[name];
  return text === undefined || text === '' ? undefined : text;
}

function refuse(name: string, expected: string, text: string): never {
  throw new InvalidInputError([{ path: name, message: `must be ${expected}, got "${text}"` }]);
}

/** Decimal notation with an optional exponent: what a person writes for 2.5 s or 1e3 ms (not hex, not Infinity). */
const DECIMAL = /^(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:e[+-]?[0-9]+)?$/i;

/** RFC 1123 labels (letters, digits, inner hyphens; underscores too, as some resolvers allow), ≤ 253 characters. */
const HOST_NAME = /^(?=.{1,253}$)[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?)*\.?$/i;

function isHost(text: string): boolean {
  return isIP(text) !== 0 || HOST_NAME.test(text);
}
