/**
 * The sweeps, filtered and sorted as the URL says (sweep-filters.ts; newest first by default), paged: name, tags,
 * dataset, status, live progress, best penalty and λ, created time. Ticking sweeps (kept across pages) and "Compare"
 * opens them side by side.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { listDatasets, listSchedules, listSweeps } from '../api/client';
import { useSweepEvents } from '../api/events';
import { useApiToken } from '../api/token';
import type { BestSummary, DatasetInfo, Page, Progress, ScheduleInfo, SweepInfo } from '../api/types';
import { ErrorMessage } from '../components/ErrorMessage';
import { Pager } from '../components/Pager';
import { ProgressBar } from '../components/ProgressBar';
import { StatusBadge } from '../components/StatusBadge';
import { SweepFiltersForm } from '../components/SweepFiltersForm';
import { TableHead } from '../components/TableHead';
import { formatDate, formatNumber, penaltyLabel } from '../format';
import { href, navigate } from '../router';
import { apiQuery, filtersFromQuery, hasFilters, queryFromFilters, type SweepListFilters } from '../sweep-filters';

const PAGE_SIZE = 20;
/** What GET /api/compare accepts. */
const MIN_COMPARED = 2;
const MAX_COMPARED = 20;
/** Browsers allow ~6 connections per host; keep most of them free for ordinary requests. */
const MAX_LIVE_STREAMS = 3;

/** `query`: the URL's, after `#/sweeps?` — the filters, sort and page. */
export function SweepsPage({ query }: { query: string }) {
  const filters = useMemo(() => filtersFromQuery(query), [query]);
  const [answer, setAnswer] = useState<Page<SweepInfo> | null>(null);
  const [datasets, setDatasets] = useState<Map<string, DatasetInfo>>(new Map());
  const [schedules, setSchedules] = useState<ScheduleInfo[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const token = useApiToken();
  const toggle = (id: string) =>
    setSelected((ids) => (ids.includes(id) ? ids.filter((other) => other !== id) : [...ids, id]));

  // Loaded again when the URL or the API token changes (a list refused without a token can be read now).
  const load = useCallback(() => {
    listSweeps({ ...apiQuery(filters), pageSize: PAGE_SIZE }).then((result) => {
      setAnswer(result);
      setError(null);
    }, setError);
  }, [filters, token]);

  useEffect(load, [load]);
  useEffect(() => {
    listDatasets().then((list) => setDatasets(new Map(list.map((d) => [d.id, d]))), setError);
    listSchedules().then(
      (list) => setSchedules(list ?? []),
      () => undefined,
    );
  }, [token]);

  const show = (next: SweepListFilters) => navigate(href.sweeps(queryFromFilters(next)));
  const filtered = hasFilters(filters);

  const live = new Set(
    (answer?.items ?? [])
      .filter((s) => s.status === 'queued' || s.status === 'running')
      .slice(0, MAX_LIVE_STREAMS)
      .map((s) => s.id),
  );

  return (
    <section>
      <div className="toolbar">
        <h1>Sweeps</h1>
        <button
          type="button"
          data-testid="compare-selected"
          disabled={selected.length < MIN_COMPARED || selected.length > MAX_COMPARED}
          title={`tick ${MIN_COMPARED} to ${MAX_COMPARED} sweeps`}
          onClick={() => navigate(href.compare(selected))}
        >
          Compare ({selected.length})
        </button>
        <a className="button primary" href={href.newSweep()}>
          New sweep
        </a>
      </div>
      <SweepFiltersForm applied={filters} datasets={[...datasets.values()]} schedules={schedules} onApply={show} />
      <ErrorMessage error={error} />
      {answer && answer.items.length === 0 && filtered && (
        <p className="muted" data-testid="no-match">
          No sweep matches these filters.
        </p>
      )}
      {answer && answer.items.length === 0 && !filtered && (
        <p className="muted">
          No sweeps yet. <a href={href.newSweep()}>Start one</a>.
        </p>
      )}
      {answer && answer.items.length > 0 && (
        <table data-testid="sweeps-table">
          <TableHead
            columns={[
              { label: '', title: 'compare' },
              'name',
              'tags',
              'dataset',
              'status',
              'progress',
              'best',
              'created',
            ]}
          />
          <tbody>
            {answer.items.map((sweep) => (
              <SweepRow
                key={sweep.id}
                sweep={sweep}
                dataset={datasets.get(sweep.datasetId)}
                live={live.has(sweep.id)}
                onFinished={load}
                selected={selected.includes(sweep.id)}
                onToggle={() => toggle(sweep.id)}
              />
            ))}
          </tbody>
        </table>
      )}
      {answer && (
        <Pager
          page={filters.page}
          pageSize={PAGE_SIZE}
          total={answer.total}
          onPage={(page) => show({ ...filters, page })}
        />
      )}
    </section>
  );
}

interface RowProps {
  sweep: SweepInfo;
  dataset: DatasetInfo | undefined;
  live: boolean;
  onFinished: () => void;
  selected: boolean;
  onToggle: () => void;
}

function SweepRow({ sweep, dataset, live, onFinished, selected, onToggle }: RowProps) {
  const [progress, setProgress] = useState<Progress>(sweep.progress);
  useEffect(() => setProgress(sweep.progress), [sweep.progress]);
  useSweepEvents(sweep.id, live, {
    onProgress: setProgress,
    onStatus: (_status, finished) => finished && onFinished(),
  });
  return (
    <tr data-testid="sweep-row">
      <td>
        <input type="checkbox" aria-label={`compare ${sweep.name}`} checked={selected} onChange={onToggle} />
      </td>
      <td>
        <a href={href.sweep(sweep.id)}>{sweep.name}</a>
      </td>
      <td data-testid="sweep-tags">
        {(sweep.tags ?? []).map((tag) => (
          <span key={tag} className="tag">
            {tag}
          </span>
        ))}
      </td>
      <td>
        {dataset ? <a href={href.dataset(dataset.name)}>{`${dataset.name} v${dataset.version}`}</a> : sweep.datasetId}
      </td>
      <td>
        <StatusBadge status={sweep.status} />
      </td>
      <td>
        <ProgressBar progress={progress} />
      </td>
      <td>
        <BestCell best={sweep.best} />
      </td>
      <td>{formatDate(sweep.createdAt)}</td>
    </tr>
  );
}

/** The best penalty and λ, which the list answer carries for finished sweeps. */
function BestCell({ best }: { best: BestSummary | null | undefined }) {
  if (!best) return <span className="muted">—</span>;
  return (
    <span>
      {penaltyLabel(best.penalty, best.l1Ratio)}, λ = {formatNumber(best.lambda)}
    </span>
  );
}
