/**
 * The new-sweep form. The server validates the config; its `{path, message}` errors are shown
 * next to the matching inputs.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { ApiError, createSweep, listDatasets } from '../api/client';
import { useApiToken } from '../api/token';
import type { ApiFieldError, DatasetInfo, PenaltyKind } from '../api/types';
import { ErrorMessage } from '../components/ErrorMessage';
import { Field } from '../components/Field';
import { assignErrors } from '../components/field-errors';
import { Options } from '../components/Options';
import { href, navigate } from '../router';
import { NetworkFields } from './NetworkFields';
import {
  ALL_PENALTIES,
  buildConfig,
  FIELD_PATHS,
  initialForm,
  metricsFor,
  type SweepForm,
  withModel,
} from './sweep-form';

/** The form's on/off fields (rendered as checkboxes). */
type BooleanField = { [K in keyof SweepForm]: SweepForm[K] extends boolean ? K : never }[keyof SweepForm];

export function NewSweepPage() {
  const [form, setForm] = useState<SweepForm>(initialForm);
  const [datasets, setDatasets] = useState<DatasetInfo[]>([]);
  const [fieldErrors, setFieldErrors] = useState<ApiFieldError[]>([]);
  const [failure, setFailure] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);

  const token = useApiToken();
  // Loaded again when the API token changes (the form keeps what was typed): a refused list can be read now.
  useEffect(() => {
    listDatasets().then((list) => {
      setDatasets(list);
      setFailure(null);
      setForm((current) => (current.dataset || list.length === 0 ? current : { ...current, dataset: list[0].id }));
    }, setFailure);
  }, [token]);

  const set = <K extends keyof SweepForm>(key: K, value: SweepForm[K]) =>
    setForm((current) => ({ ...current, [key]: value }));
  const text = (key: keyof SweepForm) => ({
    value: form[key] as string,
    onChange: (event: { target: { value: string } }) => set(key, event.target.value as never),
  });
  const { byField, unassigned } = assignErrors(fieldErrors, FIELD_PATHS);
  /** A labelled text input bound to `form[name]`, with the server's messages for `path` beside it. */
  const textField = (field: {
    label: string;
    path: string;
    name: keyof SweepForm;
    inputMode?: 'numeric' | 'decimal';
    hint?: string;
  }) => (
    <Field label={field.label} path={field.path} errors={byField} hint={field.hint}>
      <input name={field.name} inputMode={field.inputMode} {...text(field.name)} />
    </Field>
  );
  /** A labelled checkbox bound to the boolean `form[name]`, with the server's messages for `path` beside it. */
  const checkboxField = (field: { label: string; path: string; name: BooleanField; hint?: string }) => (
    <Field label={field.label} path={field.path} errors={byField} hint={field.hint}>
      <input
        type="checkbox"
        name={field.name}
        checked={form[field.name]}
        onChange={(e) => set(field.name, e.target.checked)}
      />
    </Field>
  );
  const dataset = datasets.find((d) => d.id === form.dataset);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitting(true);
    setFieldErrors([]);
    setFailure(null);
    try {
      const created = await createSweep(buildConfig(form));
      navigate(href.sweep(created.id));
    } catch (error) {
      // A 401 carries an errors list too, but it is about the token, not a field: ErrorMessage says where to set it.
      if (error instanceof ApiError && !error.needsToken && error.errors.length > 0) setFieldErrors(error.errors);
      else setFailure(error);
    } finally {
      setSubmitting(false);
    }
  };

  const togglePenalty = (penalty: PenaltyKind, on: boolean) =>
    set(
      'penalties',
      ALL_PENALTIES.filter((p) => (p === penalty ? on : form.penalties.includes(p))),
    );

  return (
    <form className="sweep-form" onSubmit={submit} noValidate data-testid="new-sweep-form">
      <h1>New sweep</h1>
      {fieldErrors.length > 0 && (
        <div className="error" role="alert" data-testid="form-errors">
          The server refused the config ({fieldErrors.length} {fieldErrors.length === 1 ? 'problem' : 'problems'}); see
          the marked fields.
          {unassigned.length > 0 && (
            <ul>
              {unassigned.map((e, i) => (
                <li key={i}>
                  {e.path || 'config'}: {e.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <ErrorMessage error={failure} />

      <fieldset>
        <legend>Data and model</legend>
        <Field label="Name" path="name" errors={byField}>
          <input name="name" {...text('name')} placeholder="diabetes-penalties" />
        </Field>
        <Field
          label="Dataset"
          path="dataset"
          errors={byField}
          hint={dataset ? `${dataset.rows} rows, ${dataset.features.length} features, ${dataset.task}` : undefined}
        >
          <select
            name="dataset"
            value={form.dataset}
            onChange={(e) => setForm({ ...form, dataset: e.target.value, target: '' })}
          >
            {datasets.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name} v{d.version}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Target" path="target" errors={byField}>
          <select name="target" {...text('target')}>
            <option value="">{dataset ? `${dataset.target} (declared)` : 'declared target'}</option>
            <Options values={dataset?.features ?? []} />
          </select>
        </Field>
        <Field label="Model" path="model" errors={byField}>
          <select
            name="model"
            value={form.model}
            onChange={(e) => setForm(withModel(form, e.target.value as SweepForm['model']))}
          >
            <option value="linear">linear</option>
            <option value="logistic">logistic</option>
            <option value="mlp">mlp (neural network)</option>
            <option value="multinomial">multinomial (multiclass)</option>
          </select>
        </Field>
        {form.model === 'multinomial' &&
          checkboxField({
            label: 'Grouped penalty',
            path: 'multinomial.grouped',
            name: 'grouped',
            hint: "one penalty group per feature across the classes (glmnet's type.multinomial = grouped)",
          })}
        <Field label="Metric" path="metric" errors={byField}>
          <select name="metric" {...text('metric')}>
            <Options values={metricsFor(form)} />
          </select>
        </Field>
        {checkboxField({ label: 'Standardize features', path: 'standardize', name: 'standardize' })}
      </fieldset>

      {form.model === 'mlp' && <NetworkFields form={form} setForm={setForm} errors={byField} />}

      <fieldset>
        <legend>Penalties and λ</legend>
        <Field label="Penalties" path="penalties" errors={byField} group>
          <span className="checkboxes">
            {ALL_PENALTIES.map((p) => (
              <label key={p} className="inline">
                <input
                  type="checkbox"
                  name={`penalty-${p}`}
                  checked={form.penalties.includes(p)}
                  onChange={(e) => togglePenalty(p, e.target.checked)}
                />
                {p}
              </label>
            ))}
          </span>
        </Field>
        {form.penalties.includes('elasticnet') &&
          textField({
            label: 'L1 ratios',
            path: 'l1Ratios',
            name: 'l1Ratios',
            hint: 'comma-separated, each strictly between 0 and 1',
          })}
        <Field label="λ grid" path="lambdas" errors={byField}>
          <select name="lambdaMode" {...text('lambdaMode')}>
            <option value="auto">automatic (from λmax down)</option>
            <option value="range">range</option>
            <option value="values">explicit values</option>
          </select>
        </Field>
        {form.lambdaMode === 'auto' && (
          <>
            {textField({ label: 'Count', path: 'lambdas.auto.count', name: 'autoCount', inputMode: 'numeric' })}
            {textField({
              label: 'Min ratio',
              path: 'lambdas.auto.minRatio',
              name: 'autoMinRatio',
              inputMode: 'decimal',
              hint: 'empty: 1e-4 when rows > features, else 1e-2',
            })}
          </>
        )}
        {form.lambdaMode === 'range' && (
          <>
            {textField({ label: 'Min λ', path: 'lambdas.range.min', name: 'rangeMin', inputMode: 'decimal' })}
            {textField({ label: 'Max λ', path: 'lambdas.range.max', name: 'rangeMax', inputMode: 'decimal' })}
            {textField({
              label: 'Count',
              path: 'lambdas.range.count',
              name: 'rangeCount',
              inputMode: 'numeric',
              hint: 'ignored by random search',
            })}
            <Field label="Scale" path="lambdas.range.scale" errors={byField}>
              <select name="rangeScale" {...text('rangeScale')}>
                <option value="log">log</option>
                <option value="linear">linear</option>
              </select>
            </Field>
          </>
        )}
        {form.lambdaMode === 'values' &&
          textField({ label: 'λ values', path: 'lambdas.values', name: 'lambdaValues', hint: 'comma-separated' })}
        <Field label="Selection rule" path="selection" errors={byField}>
          <select name="selection" {...text('selection')}>
            <option value="1se">1se (largest λ within one sd of the best)</option>
            <option value="min">min (lowest validation error)</option>
          </select>
        </Field>
      </fieldset>

      <fieldset>
        <legend>Split</legend>
        <Field label="Kind" path="split" errors={byField}>
          <select name="splitKind" {...text('splitKind')}>
            <option value="kfold">k-fold</option>
            <option value="holdout">holdout</option>
          </select>
        </Field>
        {form.splitKind === 'kfold' ? (
          <>
            {textField({ label: 'Folds', path: 'split.folds', name: 'folds', inputMode: 'numeric' })}
            {checkboxField({ label: 'Shuffle', path: 'split.shuffle', name: 'shuffle' })}
          </>
        ) : (
          textField({
            label: 'Validation fraction',
            path: 'split.validationFraction',
            name: 'validationFraction',
            inputMode: 'decimal',
          })
        )}
        {textField({ label: 'Seed', path: 'split.seed', name: 'splitSeed', inputMode: 'numeric' })}
        {textField({
          label: 'Test fraction',
          path: 'testFraction',
          name: 'testFraction',
          inputMode: 'decimal',
          hint: 'rows held out and scored once on the chosen model',
        })}
      </fieldset>

      <fieldset>
        <legend>Search and solver</legend>
        <Field label="Search" path="search" errors={byField}>
          <select name="strategy" {...text('strategy')}>
            <option value="grid">grid</option>
            <option value="random">random (λ log-uniform in the range)</option>
          </select>
        </Field>
        {form.strategy === 'random' && (
          <>
            {textField({ label: 'Trials', path: 'search.trials', name: 'trials', inputMode: 'numeric' })}
            {textField({ label: 'Search seed', path: 'search.seed', name: 'searchSeed', inputMode: 'numeric' })}
          </>
        )}
        <Field label="Solver" path="solver" errors={byField}>
          <select name="solverKind" {...text('solverKind')}>
            {form.model === 'mlp' ? (
              <>
                <option value="adam">adam</option>
                <option value="sgd">stochastic gradient descent (sgd)</option>
              </>
            ) : (
              <>
                <option value="cd">coordinate descent (cd)</option>
                <option value="gd">gradient descent (gd)</option>
              </>
            )}
          </select>
        </Field>
        {form.solverKind !== 'cd' && (
          <>
            {textField({
              label: 'Learning rate',
              path: 'solver.learningRate',
              name: 'learningRate',
              inputMode: 'decimal',
            })}
            {textField({ label: 'Epochs', path: 'solver.epochs', name: 'epochs', inputMode: 'numeric' })}
          </>
        )}
        {form.model === 'mlp' &&
          textField({
            label: 'Batch size',
            path: 'solver.batchSize',
            name: 'batchSize',
            inputMode: 'numeric',
            hint: 'rows per step; empty: full batch',
          })}
        {form.solverKind === 'cd' &&
          textField({
            label: 'Max iterations',
            path: 'solver.maxIterations',
            name: 'maxIterations',
            inputMode: 'numeric',
            hint: 'empty: server default',
          })}
        {form.model !== 'mlp' &&
          textField({
            label: 'Tolerance',
            path: 'solver.tolerance',
            name: 'tolerance',
            inputMode: 'decimal',
            hint: 'empty: server default',
          })}
        {textField({
          label: 'Concurrency',
          path: 'concurrency',
          name: 'concurrency',
          inputMode: 'numeric',
          hint: 'worker threads; empty: the pool size',
        })}
      </fieldset>

      <div className="actions">
        <button type="submit" className="primary" disabled={submitting}>
          {submitting ? 'Submitting…' : 'Start sweep'}
        </button>
        <a href={href.sweeps()}>Cancel</a>
      </div>
    </form>
  );
}
