import { errorMessage, InvalidInputError } from '@regsweep/errors';

/** Runs a CLI action and maps failures to the SPEC's exit codes: 2 for invalid input, 1 for anything else. */
export async function runCommand(action: () => Promise<unknown>): Promise<void> {
  try {
    await action();
  } catch (error) {
    if (error instanceof InvalidInputError) {
      process.stderr.write(JSON.stringify({ errors: error.errors }, null, 2) + '\n');
      process.exitCode = 2;
      return;
    }
    process.stderr.write(`regsweep: ${errorMessage(error)}\n`);
    process.exitCode = 1;
  }
}
