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

/** A user or password with a "%" that starts no %XX escape, or undefined: pg, TypeORM and ioredis decode both. */
export function userInfoProblem(url: URL): string | undefined {
  try {
    decodeURIComponent(url.username);
    decodeURIComponent(url.password);
    return undefined;
  } catch {
    return 'a "%" in the user or password that starts no %XX escape';
  }
}

/** What a flag or variable holding a URL accepts (database-location.ts, queue-connection.ts). */
export interface UrlRule {
  /** Whether the value is of the scheme(s) checked; any other is refused with no problem named. */
  readonly isOfScheme: (url: string) => boolean;
  /** What is expected, as the refusal says it after "must be". */
  readonly expected: string;
  /** What the driver would stumble on in a value of the scheme, or undefined. */
  readonly problemOf: (url: string) => string | undefined;
}

/**
 * `url` when `rule` takes it, else an InvalidInputError naming `path` (the flag or variable it came from): what is
 * expected, the value with its password masked, and the problem. Checked at start, the process stops there (exit
 * code 2) instead of failing once it connects, with the driver's error (which may show the whole URL) and exit 1.
 */
export function checkedUrl(path: string, url: string, rule: UrlRule): string {
  const problem = rule.isOfScheme(url) ? rule.problemOf(url) : '';
  if (problem === undefined) return url;
  const message = `must be ${rule.expected}, got "${redactedUrl(url)}"${problem ? ` (${problem})` : ''}`;
  throw new InvalidInputError([{ path, message }]);
}
