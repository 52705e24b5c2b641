import { registerDecorator } from 'class-validator';

/**
 * Characters a name shown in lists, tables and terminals may not hold: control characters (C0, DEL, C1: NUL, ESC
 * sequences, newlines) and the bidirectional formatting marks (LRE…RLO U+202A–U+202E, LRI…PDI U+2066–U+2069, LRM,
 * RLM, ALM), which let "evil‮vsc.exe" read as "evil.csv".
 */
const FORBIDDEN = /[\p{Cc}\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;

/** A high surrogate not followed by a low one, or a low one not preceded by a high one (no `u` flag: code units). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why `name` cannot be a name (null when it can); lone UTF-16 surrogates (not text at all) are refused too. */
export function displayNameProblem(name: string): string | null {
  if (LONE_SURROGATE.test(name)) return 'holds a lone UTF-16 surrogate (not valid Unicode text)';
  const bad = FORBIDDEN.exec(name);
  if (bad) {
    const code = bad[0].codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0');
    return `may not hold control or bidirectional formatting characters (U+${code} at position ${bad.index})`;
  }
  return null;
}

/** class-validator rule: a string that displayNameProblem accepts. */
export function IsDisplayName(): PropertyDecorator {
  return (object: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isDisplayName',
      target: object.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: (value: unknown) => typeof value === 'string' && displayNameProblem(value) === null,
        defaultMessage: (args) =>
          typeof args?.value === 'string' ? (displayNameProblem(args.value) ?? '') : 'must be a string',
      },
    });
}
