/**
 * A labelled form field with the server's validation messages for its config path shown beside
 * it (`errors[].path` of a 400 answer, e.g. "split.folds").
 */
import type { ReactNode } from 'react';
import type { ApiFieldError } from '../api/types';

interface Props {
  label: string;
  path: string;
  errors: Map<string, string[]>;
  hint?: string;
  /** A group of inputs (checkboxes) cannot sit inside one <label>. */
  group?: boolean;
  children: ReactNode;
}

export function Field({ label, path, errors, hint, group = false, children }: Props) {
  const messages = errors.get(path) ?? [];
  const Wrapper = group ? 'div' : 'label';
  return (
    <div className={messages.length > 0 ? 'field field-invalid' : 'field'} data-field={path}>
      <Wrapper className="field-row" role={group ? 'group' : undefined} aria-label={group ? label : undefined}>
        <span className="field-label">{label}</span>
        {children}
      </Wrapper>
      {hint && <span className="hint">{hint}</span>}
      {messages.map((message, i) => (
        <span key={i} className="field-error" role="alert" data-error-for={path}>
          {message}
        </span>
      ))}
    </div>
  );
}

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
