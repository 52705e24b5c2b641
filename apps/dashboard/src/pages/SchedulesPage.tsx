/**
 * Cron schedules that re-run a sweep config: list, create, pause/resume, delete, and each
 * schedule's runs with its best λ over time. A server without the schedules API (404) shows
 * "no schedules" rather than an error.
 */
import { useEffect, useState, type FormEvent } from 'react';
import {
  ApiError,
  createSchedule,
  deleteSchedule,
  listScheduleRuns,
  listSchedules,
  updateSchedule,
} from '../api/client';
import type { ScheduleInfo, ScheduleRun } from '../api/types';
import { BestLambdaChart } from '../charts/BestLambdaChart';
import { ErrorMessage } from '../components/ErrorMessage';
import { StatusBadge } from '../components/StatusBadge';
import { formatDate, formatNumber, penaltyLabel } from '../format';
import { href } from '../router';

export function SchedulesPage() {
  const [schedules, setSchedules] = useState<ScheduleInfo[] | null | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [openRuns, setOpenRuns] = useState<string | null>(null);
  const load = () => listSchedules().then(setSchedules, setError);
  useEffect(() => {
    void load();
  }, []);

  const act = (work: Promise<unknown>) => work.then(load, setError);

  return (
    <section>
      <h1>Schedules</h1>
      <ErrorMessage error={error} />
      {schedules === null && (
        <p className="muted" data-testid="no-schedules">
          No schedules: this server does not offer the schedules API yet.
        </p>
      )}
      {schedules && schedules.length === 0 && (
        <p className="muted" data-testid="no-schedules">
          No schedules yet.
        </p>
      )}
      {schedules && schedules.length > 0 && (
        <table data-testid="schedules-table">
          <thead>
            <tr>
              <th>name</th>
              <th>cron</th>
              <th>timezone</th>
              <th>overlap</th>
              <th>state</th>
              <th>next run</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {schedules.map((s) => (
              <tr key={s.id}>
                <td>{s.name}</td>
                <td>
                  <code>{s.cron}</code>
                </td>
                <td>{s.timezone ?? 'server time'}</td>
                <td>{s.overlap ?? 'skip'}</td>
                <td>{s.enabled ? 'active' : 'paused'}</td>
                <td>{formatDate(s.nextRunAt)}</td>
                <td className="row-actions">
                  <button type="button" onClick={() => act(updateSchedule(s.id, { enabled: !s.enabled }))}>
                    {s.enabled ? 'Pause' : 'Resume'}
                  </button>
                  <button type="button" onClick={() => setOpenRuns(openRuns === s.id ? null : s.id)}>
                    Runs
                  </button>
                  <button
                    type="button"
                    onClick={() => window.confirm(`Delete schedule ${s.name}?`) && act(deleteSchedule(s.id))}
                  >
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {openRuns && <ScheduleRuns key={openRuns} scheduleId={openRuns} />}
      {schedules !== null && schedules !== undefined && <CreateSchedule onCreated={load} />}
    </section>
  );
}

function ScheduleRuns({ scheduleId }: { scheduleId: string }) {
  const [runs, setRuns] = useState<ScheduleRun[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    listScheduleRuns(scheduleId).then(setRuns, setError);
  }, [scheduleId]);
  if (error) return <ErrorMessage error={error} />;
  if (!runs) return <p className="muted">Loading runs…</p>;
  return (
    <div className="schedule-runs">
      <h2>Runs</h2>
      <BestLambdaChart runs={runs} />
      <table className="compact">
        <thead>
          <tr>
            <th>sweep</th>
            <th>status</th>
            <th>started</th>
            <th>finished</th>
            <th>best</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr key={run.sweepId}>
              <td>
                <a href={href.sweep(run.sweepId)}>{run.sweepId.slice(0, 8)}</a>
              </td>
              <td>
                <StatusBadge status={run.status} />
              </td>
              <td>{formatDate(run.startedAt)}</td>
              <td>{formatDate(run.finishedAt)}</td>
              <td>
                {run.best
                  ? `${penaltyLabel(run.best.penalty, run.best.l1Ratio)}, λ = ${formatNumber(run.best.lambda)}`
                  : '—'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const EXAMPLE_SWEEP = JSON.stringify(
  {
    name: 'nightly-diabetes',
    dataset: 'diabetes',
    model: 'linear',
    penalties: ['l1', 'l2'],
    lambdas: { auto: { count: 50 } },
    split: { kind: 'kfold', folds: 5, shuffle: true, seed: 42 },
  },
  null,
  2,
);

function CreateSchedule({ onCreated }: { onCreated: () => void }) {
  const [name, setName] = useState('');
  const [cron, setCron] = useState('0 3 * * *');
  const [timezone, setTimezone] = useState('');
  const [overlap, setOverlap] = useState<'skip' | 'queue'>('skip');
  const [sweepText, setSweepText] = useState(EXAMPLE_SWEEP);
  const [error, setError] = useState<unknown>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    let sweep: Record<string, unknown>;
    try {
      sweep = JSON.parse(sweepText) as Record<string, unknown>;
    } catch {
      setError(new Error('The sweep config is not valid JSON.'));
      return;
    }
    try {
      await createSchedule({ name, cron, timezone: timezone || undefined, enabled: true, overlap, sweep });
      setName('');
      onCreated();
    } catch (failure) {
      setError(failure);
    }
  };

  const fieldErrors = error instanceof ApiError ? error.errors : [];
  return (
    <form className="schedule-form" onSubmit={submit}>
      <h2>New schedule</h2>
      <div className="upload-fields">
        <label>
          <span className="field-label">Name</span>
          <input value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          <span className="field-label">Cron</span>
          <input value={cron} onChange={(e) => setCron(e.target.value)} placeholder="m h dom mon dow" />
        </label>
        <label>
          <span className="field-label">Timezone</span>
          <input value={timezone} onChange={(e) => setTimezone(e.target.value)} placeholder="Europe/Paris" />
        </label>
        <label>
          <span className="field-label">Overlap</span>
          <select value={overlap} onChange={(e) => setOverlap(e.target.value as 'skip' | 'queue')}>
            <option value="skip">skip while running</option>
            <option value="queue">queue</option>
          </select>
        </label>
      </div>
      <label className="block">
        <span className="field-label">Sweep config (JSON)</span>
        <textarea rows={10} value={sweepText} onChange={(e) => setSweepText(e.target.value)} spellCheck={false} />
      </label>
      {fieldErrors.length > 0 ? (
        <ul className="error" role="alert">
          {fieldErrors.map((e, i) => (
            <li key={i}>
              {e.path}: {e.message}
            </li>
          ))}
        </ul>
      ) : (
        <ErrorMessage error={error} />
      )}
      <button type="submit" className="primary">
        Create schedule
      </button>
    </form>
  );
}
