/** One problem with an external input, named by where it is ("split.folds", "file: row 12, column bmi"). */
export interface InputProblem {
  readonly path: string;
  readonly message: string;
}

/**
 * Raised for any bad external input (config, CSV, flag, query parameter). The CLI maps it to exit code 2,
 * the server to HTTP 400 with the same `[{path, message}]` list.
 */
export class InvalidInputError extends Error {
  constructor(readonly errors: readonly InputProblem[]) {
    super(problemsText(errors));
    this.name = 'InvalidInputError';
  }
}

/** The problems as one line: "path: message; path: message". */
export function problemsText(problems: readonly InputProblem[]): string {
  return problems.map((problem) => `${problem.path}: ${problem.message}`).join('; ');
}
