/** The new-sweep form's network fields (model mlp, SPEC §7): hidden layers, unit activation and output. */
import { Field } from '../components/Field';
import { metricsFor, type SweepForm } from './sweep-form';

interface Props {
  form: SweepForm;
  setForm: (form: SweepForm) => void;
  errors: Map<string, string[]>;
}

export function NetworkFields({ form, setForm, errors }: Props) {
  return (
    <fieldset data-testid="network-fields">
      <legend>Network</legend>
      <Field
        label="Hidden layers"
        path="network.hidden"
        errors={errors}
        hint='units per layer, e.g. "32, 16"; empty: none; "16 | 32, 16" sweeps both'
      >
        <input name="hidden" value={form.hidden} onChange={(e) => setForm({ ...form, hidden: e.target.value })} />
      </Field>
      <Field label="Activation" path="network.activation" errors={errors}>
        <select
          name="activation"
          value={form.activation}
          onChange={(e) => setForm({ ...form, activation: e.target.value as SweepForm['activation'] })}
        >
          <option value="relu">relu</option>
          <option value="tanh">tanh</option>
          <option value="logistic">logistic</option>
        </select>
      </Field>
      <Field label="Output" path="network.output" errors={errors}>
        <select
          name="output"
          value={form.output}
          onChange={(e) => {
            const next = { ...form, output: e.target.value as SweepForm['output'] };
            setForm({ ...next, metric: metricsFor(next)[0] });
          }}
        >
          <option value="linear">linear (regression)</option>
          <option value="logistic">logistic (binary classification)</option>
          <option value="softmax">softmax (multiclass)</option>
        </select>
      </Field>
    </fieldset>
  );
}
