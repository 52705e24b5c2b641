import { InvalidInputError } from '@regsweep/errors';

/**
 * How an entry point outside the `regsweep` CLI (the server entry, the TypeORM CLI's data source) reports a malformed
 * variable: one line naming it, the value and what is expected, and exit code 2 (the CLI's code for invalid input).
 * Anything else is thrown on, so it stays the caller's error, with its stack trace and exit code 1.
 */
export function reportInvalidInput(error: unknown): void {
  if (!(error instanceof InvalidInputError)) throw error;
  process.stderr.write(`regsweep: ${error.message}\n`);
  process.exitCode = 2;
}
