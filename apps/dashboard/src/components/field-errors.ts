import type { ApiFieldError } from '../api/types';

/**
 * Gives each error to the most specific field whose path equals it or contains it
 * ("lambdas.range.min" goes to the field "lambdas.range.min" if the form has one, else to "lambdas").
 * Errors no field claims are returned apart, to be listed at the top of the form.
 */
export function assignErrors(
  errors: readonly ApiFieldError[],
  fieldPaths: readonly string[],
): { byField: Map<string, string[]>; unassigned: ApiFieldError[] } {
  const byField = new Map<string, string[]>();
  const unassigned: ApiFieldError[] = [];
  for (const error of errors) {
    const owner = fieldPaths
      .filter((path) => error.path === path || error.path.startsWith(`${path}.`) || error.path.startsWith(`${path}[`))
      .sort((a, b) => b.length - a.length)[0];
    if (owner === undefined) {
      unassigned.push(error);
      continue;
    }
    const text = error.path === owner ? error.message : `${error.path.slice(owner.length + 1)}: ${error.message}`;
    byField.set(owner, [...(byField.get(owner) ?? []), text]);
  }
  return { byField, unassigned };
}
