/**
 * Cron schedules that re-run a sweep config: list, create, pause/resume, delete, and each
 * schedule's runs with its best λ over time and the drift between runs. A server without the
 * schedules API (404) shows "no schedules" rather than an error.
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
import { useReadWithToken } from '../api/token';
import type { ScheduleInfo, ScheduleRunsPage } from '../api/types';
import { BestLambdaChart } from '../charts/BestLambdaChart';
import { ErrorMessage } from '../components/ErrorMessage';
import { StatusBadge } from '../components/StatusBadge';
import { TableHead } from '../components/TableHead';
import { TextInput } from '../components/TextInput';
import { formatDate, formatNumber, penaltyLabel } from '../format';
import { href } from '../router';

/** How often an open runs panel asks for new runs (a seconds-level cron adds one every few seconds). */
const RUNS_POLL_MS = 2000;

export function SchedulesPage() {
  const {
    value: schedules,
    error,
    setError,
    reload: load,
  } = useReadWithToken<ScheduleInfo[] | null | undefined>(listSchedules, undefined);
  const [openRuns, setOpenRuns] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState<string | null>(null);

  const act = (work: Promise<unknown>) => work.then(load, setError);
  const remove = (id: string) => {
    setConfirmDelete(null);
    if (openRuns === id) setOpenRuns(null);
    act(deleteSchedule(id));
  };

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
          <TableHead columns={['name', 'cron', 'timezone', 'overlap', 'state', 'next run', '']} />
          <tbody>
            {schedules.map((s) => (
              <tr key={s.id} data-testid="schedule-row">
                <td>{s.name}</td>
                <td>
                  <code>{s.cron}</code>
                </td>
                <td>{s.timezone ?? 'server time'}</td>
                <td>{s.overlap ?? 'skip'}</td>
                <td data-testid="schedule-state">{s.enabled ? 'active' : 'paused'}</td>
                <td>{formatDate(s.nextRunAt)}</td>
                <td className="row-actions">
                  {confirmDelete === s.id ? (
                    <>
                      <span>Delete “{s.name}”? Its sweeps stay.</span>
                      <button type="button" className="danger" onClick={() => remove(s.id)}>
                        Yes, delete
                      </button>
                      <button type="button" onClick={() => setConfirmDelete(null)}>
                        Keep
                      </button>
                    </>
                  ) : (
                    <>
                      <button type="button" onClick={() => act(updateSchedule(s.id, { enabled: !s.enabled }))}>
                        {s.enabled ? 'Pause' : 'Resume'}
                      </button>
                      <button
                        type="button"
                        aria-pressed={openRuns === s.id}
                        onClick={() => setOpenRuns(openRuns === s.id ? null : s.id)}
                      >
                        Runs
                      </button>
                      <button type="button" onClick={() => setConfirmDelete(s.id)}>
                        Delete
                      </button>
                    </>
                  )}
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

/** The runs of one schedule, asked for again every RUNS_POLL_MS while shown. */
function ScheduleRuns({ scheduleId }: { scheduleId: string }) {
  const [answer, setAnswer] = useState<ScheduleRunsPage | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let cancelled = false;
    let shown = '';
    const poll = () =>
      listScheduleRuns(scheduleId).then(
        (next) => {
          // An unchanged answer keeps the same object, so the chart is not drawn again for nothing.
          const text = JSON.stringify(next);
          if (cancelled || text === shown) return;
          shown = text;
          setAnswer(next);
          setError(null);
        },
        (failure: unknown) => !cancelled && setError(failure),
      );
    void poll();
    const timer = setInterval(poll, RUNS_POLL_MS);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [scheduleId]);
  if (error) return <ErrorMessage error={error} />;
  if (!answer) return <p className="muted">Loading runs…</p>;
  const runs = answer.items;
  return (
    <div className="schedule-runs" data-testid="schedule-runs">
      <h2>Runs</h2>
      <p className="muted small" data-testid="schedule-runs-summary">
        {answer.total} {answer.total === 1 ? 'run' : 'runs'}
        {answer.total > runs.length && ` (newest ${runs.length} shown)`} · {answer.skipped} ticks skipped while a run
        was still going · {answer.failed} ticks failed to start a sweep
      </p>
      <BestLambdaChart runs={runs} />
      <table className="compact" data-testid="schedule-runs-table">
        <TableHead
          columns={[
            'sweep',
            'status',
            'started',
            'finished',
            'best',
            { label: 'validation', title: 'validation metric of the best model' },
            { label: 'Δ log₁₀ λ', title: 'log10 of the best λ minus log10 of the run before: +1 = tenfold larger' },
          ]}
        />
        <tbody>
          {runs.map((run) => (
            <tr key={run.sweepId} data-testid="schedule-run">
              <td>
                <a href={href.sweep(run.sweepId)}>{run.sweepId.slice(0, 8)}</a>
              </td>
              <td>
                <StatusBadge status={run.status} />
              </td>
              <td>{formatDate(run.startedAt)}</td>
              <td>{formatDate(run.finishedAt)}</td>
              <td data-testid="run-best">
                {run.best
                  ? `${penaltyLabel(run.best.penalty, run.best.l1Ratio)}, λ = ${formatNumber(run.best.lambda)}`
                  : run.error
                    ? `failed: ${run.error}`
                    : '—'}
              </td>
              <td>{run.best?.validation != null ? formatNumber(run.best.validation) : '—'}</td>
              <td>{run.lambdaDrift != null ? formatDrift(run.lambdaDrift) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A signed drift, "+0.12" / "−0.30" / "0". */
function formatDrift(drift: number): string {
  if (Math.abs(drift) < 5e-4) return '0';
  return `${drift > 0 ? '+' : '−'}${Math.abs(drift).toFixed(3)}`;
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

  // A 401 carries an errors list too, but it is about the token, not a field: ErrorMessage says where to set it.
  const fieldErrors = error instanceof ApiError && !error.needsToken ? error.errors : [];
  return (
    <form className="schedule-form" onSubmit={submit}>
      <h2>New schedule</h2>
      <div className="upload-fields">
        <TextInput label="Name" name="scheduleName" value={name} onChange={setName} />
        <TextInput
          label="Cron"
          name="cron"
          value={cron}
          onChange={setCron}
          placeholder="[s] m h dom mon dow"
          title="5 fields (minute hour day-of-month month day-of-week), or 6 with seconds first"
        />
        <TextInput
          label="Timezone"
          name="timezone"
          value={timezone}
          onChange={setTimezone}
          placeholder="Europe/Paris"
        />
        <label>
          <span className="field-label">Overlap</span>
          <select name="overlap" value={overlap} onChange={(e) => setOverlap(e.target.value as 'skip' | 'queue')}>
            <option value="skip">skip while running</option>
            <option value="queue">queue</option>
          </select>
        </label>
      </div>
      <label className="block">
        <span className="field-label">Sweep config (JSON)</span>
        <textarea
          name="sweepConfig"
          rows={10}
          value={sweepText}
          onChange={(e) => setSweepText(e.target.value)}
          spellCheck={false}
        />
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
