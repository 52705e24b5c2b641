/**
 * What the PostgreSQL and Redis URL checks (database/database-location.ts, queue/queue-connection.ts) share: parsing
 * without throwing, the user information's percent-decoding, the password masking and the refusal they make.
 */
import { InvalidInputError } from '@regsweep/errors';

/**
 * The URL with its password (if any) replaced, for logs and error messages. The user information ends at the last
 * "@" (pg, like WHATWG URL, reads `user:p@ss@host` as the password `p@ss`), and a malformed value may hold anything
 * there, so everything from the ":" after the user name to that "@" goes; so does a `password=` query parameter.
 * A value without "scheme://" (`user:password@host…`, `//user:password@host…`, as ioredis reads a URL with its
 * scheme left out) is masked the same way from its first ":", unless a "/" comes first (a file path).
 */
export function redactedUrl(url: string): string {
  return url
    .replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*):.*@/i, '$1:***@')
    .replace(/^(?![a-z][a-z0-9+.-]*:\/\/)((?:\/\/)?[^:/@]*):.*@/i, '$1:***@')
    .replace(/([?&]password=)[^&#]*/gi, '$1***');
}

/** The WHATWG parse of `text`, or undefined where `new URL` throws (its error holds the whole text, password too). */
export function parsedUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

export const NOT_PARSEABLE = 'not a parseable URL';
export const UNDECODABLE_USER_INFO = 'a "%" in the user or password that starts no %XX escape';

/** Whether the user or password holds a "%" that starts no %XX escape: pg, TypeORM and ioredis decode both. */
export function hasUndecodableUserInfo(url: URL): boolean {
  try {
    decodeURIComponent(url.username);
    decodeURIComponent(url.password);
    return false;
  } catch {
    return true;
  }
}

/** The refusal of a URL from `path` (a flag or variable): what is expected, the value masked, and the problem. */
export function refusedUrl(path: string, expected: string, url: string, problem: string): InvalidInputError {
  const message = `must be ${expected}, got "${redactedUrl(url)}"${problem ? ` (${problem})` : ''}`;
  return new InvalidInputError([{ path, message }]);
}
