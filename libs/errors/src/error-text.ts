/** An error's message for a log line or a stored status, whatever was thrown (a non-Error becomes its String()). */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The same with the error's name in front ("TypeError: …"), where the kind of failure matters to the reader. */
export function errorWithName(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
