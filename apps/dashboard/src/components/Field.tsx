/**
 * A labelled form field with the server's validation messages for its config path shown beside
 * it (`errors[].path` of a 400 answer, e.g. "split.folds").
 */
import type { ReactNode } from 'react';

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
