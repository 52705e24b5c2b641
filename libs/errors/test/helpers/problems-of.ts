/** Test-only: what an action refuses, for the tests of every library and app that raise InvalidInputError. */
import { InvalidInputError, type InputProblem } from '../../src';

/** The {path, message} problems `action` throws; fails the test if it throws anything else, or nothing. */
export function problemsOf(action: () => unknown): readonly InputProblem[] {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    return (error as InvalidInputError).errors;
  }
  throw new Error('expected an InvalidInputError');
}
