/**
 * A labelled text input for the small forms (upload, schedule) whose fields the server does not mark one by one;
 * the sweep form's fields show their own messages (Field).
 */
interface Props {
  label: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  title?: string;
}

export function TextInput({ label, onChange, ...input }: Props) {
  return (
    <label>
      <span className="field-label">{label}</span>
      <input {...input} onChange={(event) => onChange(event.target.value)} />
    </label>
  );
}
