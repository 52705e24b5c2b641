/**
 * The trials of a sweep: paged, sorted and filtered by the server. Clicking a row shows its
 * per-fold values (and, for gd, its learning curves).
 */
import { useEffect, useState } from 'react';
import { listTrials } from '../api/client';
import type { Page, PenaltyKind, SortOrder, TrialJson, TrialSort } from '../api/types';
import { formatNumber, penaltyLabel } from '../format';
import { ErrorMessage } from './ErrorMessage';
import { Options } from './Options';
import { Pager } from './Pager';
import { TrialDetails } from './TrialDetails';

const PAGE_SIZE = 20;

const columns: { sort: TrialSort | null; label: string }[] = [
  { sort: 'penalty', label: 'penalty' },
  { sort: 'lambda', label: 'λ' },
  { sort: 'trainMean', label: 'train' },
  { sort: 'validationMean', label: 'validation' },
  { sort: null, label: 'validation sd' },
  { sort: 'gap', label: 'gap' },
  { sort: 'nonzeros', label: 'nonzeros' },
  { sort: null, label: 'status' },
];

interface Props {
  sweepId: string;
  penalties: readonly PenaltyKind[];
  metric: string;
  lossName: string;
  /** Changes when new trials have arrived (live sweeps): the current page is fetched again. */
  refreshKey: number;
}

export function TrialsTable({ sweepId, penalties, metric, lossName, refreshKey }: Props) {
  const [page, setPage] = useState(1);
  const [sort, setSort] = useState<TrialSort>('lambda');
  const [order, setOrder] = useState<SortOrder>('desc');
  const [penalty, setPenalty] = useState<PenaltyKind | ''>('');
  const [answer, setAnswer] = useState<Page<TrialJson> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [selected, setSelected] = useState<TrialJson | null>(null);

  useEffect(() => {
    let cancelled = false;
    listTrials(sweepId, {
      page,
      pageSize: PAGE_SIZE,
      sort,
      order,
      penalty: penalty || undefined,
      learningCurves: true, // with the fold rows, which TrialDetails shows
    }).then(
      (result) => {
        if (cancelled) return;
        setAnswer(result);
        setError(null);
      },
      (failure: unknown) => !cancelled && setError(failure),
    );
    return () => {
      cancelled = true;
    };
  }, [sweepId, page, sort, order, penalty, refreshKey]);

  const sortBy = (column: TrialSort) => {
    if (column === sort) setOrder(order === 'asc' ? 'desc' : 'asc');
    else {
      setSort(column);
      setOrder('asc');
    }
    setPage(1);
  };

  return (
    <div className="trials" data-testid="trials-table">
      <div className="toolbar">
        <label>
          Penalty{' '}
          <select
            value={penalty}
            onChange={(event) => {
              setPenalty(event.target.value as PenaltyKind | '');
              setPage(1);
            }}
          >
            <option value="">all</option>
            <Options values={penalties} />
          </select>
        </label>
        <span className="muted small">Metric: {metric}. Click a row for its folds.</span>
      </div>
      <ErrorMessage error={error} />
      <table>
        <thead>
          <tr>
            {columns.map((column) => (
              <th
                key={column.label}
                className={column.label === 'penalty' || column.label === 'status' ? undefined : 'num'}
              >
                {column.sort ? (
                  <button type="button" className="link" onClick={() => sortBy(column.sort as TrialSort)}>
                    {column.label}
                    {sort === column.sort ? (order === 'asc' ? ' ▲' : ' ▼') : ''}
                  </button>
                ) : (
                  column.label
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {answer?.items.map((trial) => (
            <tr
              key={trial.id}
              className={selected?.id === trial.id ? 'selected clickable' : 'clickable'}
              onClick={() => setSelected(selected?.id === trial.id ? null : trial)}
            >
              <td>{penaltyLabel(trial.penalty, trial.l1Ratio)}</td>
              <td className="num">{formatNumber(trial.lambda)}</td>
              <td className="num">{formatNumber(trial.trainMean)}</td>
              <td className="num">{formatNumber(trial.validationMean)}</td>
              <td className="num">{formatNumber(trial.validationSd)}</td>
              <td className="num">{formatNumber(trial.gap)}</td>
              <td className="num">{trial.nonzeros ?? '—'}</td>
              <td>{trial.status}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {answer && <Pager page={page} pageSize={PAGE_SIZE} total={answer.total} onPage={setPage} />}
      {selected && (
        <TrialDetails
          key={selected.id}
          trial={selected}
          metric={metric}
          lossName={lossName}
          onClose={() => setSelected(null)}
        />
      )}
    </div>
  );
}
