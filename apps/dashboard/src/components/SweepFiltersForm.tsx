/**
 * The sweeps list's filters: text fields (comma lists mean any of their values), the statuses as checkboxes, model,
 * penalty, schedule and sort as selects, the created range as dates. Applied on submit, so each applied filter is one
 * step of the browser's history; "Clear" goes back to the whole list.
 */
import { useEffect, useState, type FormEvent } from 'react';
import type { DatasetInfo, ScheduleInfo } from '../api/types';
import { SORTS, SWEEP_LIST_DEFAULTS, type SweepListFilters } from '../sweep-filters';
import { Options } from './Options';

const STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'];
const MODELS = ['linear', 'logistic', 'multinomial', 'mlp'];
const PENALTIES = ['none', 'l1', 'l2', 'elasticnet'];

interface Props {
  applied: SweepListFilters;
  datasets: DatasetInfo[];
  schedules: ScheduleInfo[];
  onApply: (filters: SweepListFilters) => void;
}

export function SweepFiltersForm({ applied, datasets, schedules, onApply }: Props) {
  const [draft, setDraft] = useState(applied);
  // A URL change (back, a link) shows its filters.
  useEffect(() => setDraft(applied), [applied]);
  const set = <K extends keyof SweepListFilters>(key: K, value: SweepListFilters[K]) =>
    setDraft((current) => ({ ...current, [key]: value }));
  const text = (key: 'name' | 'tag' | 'dataset', label: string, hint: string) => (
    <label>
      <span className="field-label">{label}</span>
      <input
        name={key}
        value={draft[key]}
        placeholder={hint}
        list={key === 'dataset' ? 'filter-datasets' : undefined}
        onChange={(event) => set(key, event.target.value)}
      />
    </label>
  );
  const select = (key: 'model' | 'penalty', label: string, values: string[]) => (
    <label>
      <span className="field-label">{label}</span>
      <select name={key} value={draft[key]} onChange={(event) => set(key, event.target.value)}>
        <option value="">any</option>
        <Options values={values} />
        {/* A list from the URL (`penalty=l1,l2`: any of them) is shown as the one choice it is. */}
        {draft[key] !== '' && !values.includes(draft[key]) && <option value={draft[key]}>{draft[key]}</option>}
      </select>
    </label>
  );
  const date = (key: 'createdFrom' | 'createdTo', label: string) => (
    <label>
      <span className="field-label">{label}</span>
      <input type="date" name={key} value={draft[key]} onChange={(event) => set(key, event.target.value)} />
    </label>
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply({ ...draft, page: 1 });
  };
  return (
    <form className="sweep-filters upload-fields" data-testid="sweep-filters" onSubmit={submit}>
      {text('name', 'Name contains', 'text, or a,b')}
      {text('tag', 'Tag', 'paper, baseline')}
      {text('dataset', 'Dataset', 'name or id')}
      <datalist id="filter-datasets">
        <Options values={[...new Set(datasets.map((dataset) => dataset.name))]} />
      </datalist>
      {select('model', 'Model', MODELS)}
      {select('penalty', 'Penalty', PENALTIES)}
      <label>
        <span className="field-label">Schedule</span>
        <select name="scheduleId" value={draft.scheduleId} onChange={(event) => set('scheduleId', event.target.value)}>
          <option value="">any</option>
          {schedules.map((schedule) => (
            <option key={schedule.id} value={schedule.id}>
              {schedule.name}
            </option>
          ))}
        </select>
      </label>
      {date('createdFrom', 'Created from')}
      {date('createdTo', 'Created before')}
      <div role="group" aria-label="Status" className="status-filter">
        <span className="field-label">Status</span>
        {STATUSES.map((status) => (
          <label key={status} className="checkbox">
            <input
              type="checkbox"
              name="status"
              value={status}
              checked={draft.status.includes(status)}
              onChange={(event) =>
                set(
                  'status',
                  event.target.checked ? [...draft.status, status] : draft.status.filter((s) => s !== status),
                )
              }
            />
            {status}
          </label>
        ))}
      </div>
      <label>
        <span className="field-label">Sort by</span>
        <select name="sort" value={draft.sort} onChange={(event) => set('sort', event.target.value)}>
          {SORTS.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span className="field-label">Order</span>
        <select
          name="order"
          value={draft.order}
          onChange={(event) => set('order', event.target.value === 'asc' ? 'asc' : 'desc')}
        >
          <option value="desc">descending</option>
          <option value="asc">ascending</option>
        </select>
      </label>
      <div className="toolbar">
        <button type="submit" className="primary">
          Apply
        </button>
        <button type="button" onClick={() => onApply(SWEEP_LIST_DEFAULTS)}>
          Clear
        </button>
      </div>
    </form>
  );
}
