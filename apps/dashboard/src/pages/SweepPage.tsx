/**
 * One sweep: status and live progress, the chosen model, per-penalty curves, the penalty
 * comparison, the trials and the exports. While the sweep runs, server-sent events move the
 * progress bar and refresh the trials; the report is loaded once the sweep has finished.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { cancelSweep, getReport, getSweep, listDatasets } from '../api/client';
import { useSweepEvents } from '../api/events';
import { useApiToken } from '../api/token';
import { addTaskTrials, isTaskTrialsEvent, type LiveCurve } from '../api/live-trials';
import type { DatasetInfo, PenaltyKind, SweepInfo, SweepReport } from '../api/types';
import { LiveCurvesChart } from '../charts/LiveCurvesChart';
import { MlpCurvesChart } from '../charts/MlpCurvesChart';
import { SearchHistoryChart } from '../charts/SearchHistoryChart';
import { MAX_CURVE_POINTS } from '../charts/ValidationCurveChart';
import { BestModel } from '../components/BestModel';
import { ComparisonTable } from '../components/ComparisonTable';
import { ErrorMessage } from '../components/ErrorMessage';
import { ExportBar } from '../components/ExportBar';
import { ModelActions } from '../components/ModelActions';
import { PenaltyPanel } from '../components/PenaltyPanel';
import { ProgressBar } from '../components/ProgressBar';
import { StatusBadge } from '../components/StatusBadge';
import { TrackingEditor } from '../components/TrackingEditor';
import { TrialsTable } from '../components/TrialsTable';
import { Warnings } from '../components/Warnings';
import { formatDate, penaltyLabel } from '../format';

const RUNNING = new Set(['queued', 'running']);
/** A fallback poll in case the event stream drops (proxies, server restarts). */
const POLL_MS = 5000;
/** New trials arrive in bursts; refresh the trials table at most this often. */
const TRIALS_REFRESH_MS = 2000;
const LIVE_REDRAW_MS = 500;

export function SweepPage({ id }: { id: string }) {
  const [sweep, setSweep] = useState<SweepInfo | null>(null);
  const [report, setReport] = useState<SweepReport | null>(null);
  const [dataset, setDataset] = useState<DatasetInfo | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [reportError, setReportError] = useState<unknown>(null);
  const [trialsVersion, setTrialsVersion] = useState(0);
  const lastTrialsRefresh = useRef(0);
  const trialsShown = useRef(false);
  const liveCurves = useRef(new Map<string, LiveCurve>());
  const [liveVersion, setLiveVersion] = useState(0);
  const liveRedraw = useRef<ReturnType<typeof setTimeout> | null>(null);
  // A new array at each redraw tells the chart the (mutated) curves changed.
  const liveCurveList = useMemo(() => [...liveCurves.current.values()], [liveVersion]);

  const token = useApiToken();
  // Read again when the API token changes: a sweep refused without a token can be read now.
  const refreshSweep = useCallback(() => {
    getSweep(id).then((answer) => {
      setSweep(answer);
      setError(null);
    }, setError);
  }, [id, token]);

  // One report request at a time: the report of a large sweep is the biggest answer the page loads.
  const reportRequest = useRef<Promise<void> | null>(null);
  const loadReport = useCallback(() => {
    if (reportRequest.current) return;
    reportRequest.current = getReport(id, MAX_CURVE_POINTS)
      .then(setReport, setReportError)
      .finally(() => {
        reportRequest.current = null;
      });
  }, [id]);

  useEffect(refreshSweep, [refreshSweep]);

  const running = sweep !== null && RUNNING.has(sweep.status);
  // The report exists once the sweep has finished (asking earlier would only give an error answer).
  const hasReport = sweep?.status === 'succeeded';
  useEffect(() => {
    if (hasReport) loadReport();
  }, [hasReport, loadReport]);

  const datasetId = sweep?.datasetId;
  useEffect(() => {
    if (!datasetId) return;
    listDatasets().then(
      (list) => setDataset(list.find((d) => d.id === datasetId) ?? null),
      () => undefined,
    );
  }, [datasetId]);

  useEffect(() => {
    if (!running) return;
    const timer = setInterval(refreshSweep, POLL_MS);
    return () => clearInterval(timer);
  }, [running, refreshSweep]);

  useSweepEvents(id, running, {
    onProgress: (progress) => setSweep((current) => (current ? { ...current, progress } : current)),
    onTrial: (data) => {
      if (isTaskTrialsEvent(data)) {
        addTaskTrials(liveCurves.current, data);
        // Tasks finish in bursts: redraw the live chart at most twice a second.
        liveRedraw.current ??= setTimeout(() => {
          liveRedraw.current = null;
          setLiveVersion((v) => v + 1);
        }, LIVE_REDRAW_MS);
      }
      const now = Date.now();
      if (now - lastTrialsRefresh.current < TRIALS_REFRESH_MS) return;
      lastTrialsRefresh.current = now;
      setTrialsVersion((v) => v + 1);
    },
    onStatus: () => {
      refreshSweep();
      setTrialsVersion((v) => v + 1);
    },
  });

  // Deferred only on the way in: a table already shown (a sweep that just finished) keeps its page and sort.
  const deferTrials = hasReport && !report && !reportError && !trialsShown.current;
  if (sweep && !deferTrials) trialsShown.current = true;

  if (error) return <ErrorMessage error={error} />;
  if (!sweep) return <p className="muted">Loading sweep…</p>;

  return (
    <article className="sweep-page">
      <SweepHeader sweep={sweep} dataset={dataset} onCancel={() => cancelSweep(id).then(refreshSweep, setError)} />
      {sweep.error && <p className="error">The sweep failed: {sweep.error}</p>}
      <section>
        <h2>Tags and notes</h2>
        <TrackingEditor sweep={sweep} onSaved={setSweep} />
      </section>
      <ErrorMessage error={reportError} />
      {report ? (
        <ReportView sweepId={id} report={report} />
      ) : running ? (
        <section>
          <h2>Live results</h2>
          <p className="muted small">
            Validation values averaged over the folds finished so far; the report with the cross-validated curves
            appears when the sweep finishes.
          </p>
          <LiveCurvesChart curves={liveCurveList} />
        </section>
      ) : (
        <p className="muted">{hasReport ? 'Loading the report…' : 'No report for this sweep.'}</p>
      )}
      {report && hasSearchHistory(sweep) && (
        <section>
          <h2>Search history</h2>
          <SearchHistoryChart sweepId={id} metric={report.metric} />
        </section>
      )}
      <section>
        <h2>Trials</h2>
        {/*
          A finished sweep's trials are asked for only once its report has arrived: the server answers requests one
          after the other, and on a 100,000-trial sweep the trials page (~200 ms of server time) sent first would
          delay the report, hence the first chart, by as much.
        */}
        {deferTrials ? (
          <p className="muted">Trials load after the report…</p>
        ) : (
          <TrialsTable
            sweepId={id}
            penalties={configPenalties(sweep)}
            metric={report?.metric ?? String(sweep.config.metric ?? '')}
            lossName={sweep.config.model === 'logistic' ? 'logloss' : 'mse'}
            refreshKey={trialsVersion}
          />
        )}
      </section>
    </article>
  );
}

/** Searches (tpe, random) and adaptive grids have a history worth a chart; a fixed grid has none. */
function hasSearchHistory(sweep: SweepInfo): boolean {
  const { search, lambdas } = sweep.config as {
    search?: { strategy?: string };
    lambdas?: { auto?: { adaptive?: boolean } };
  };
  return (search?.strategy ?? 'grid') !== 'grid' || lambdas?.auto?.adaptive === true;
}

function configPenalties(sweep: SweepInfo): PenaltyKind[] {
  const penalties = sweep.config.penalties;
  return Array.isArray(penalties) ? (penalties as PenaltyKind[]) : ['none', 'l1', 'l2', 'elasticnet'];
}

interface HeaderProps {
  sweep: SweepInfo;
  dataset: DatasetInfo | null;
  onCancel: () => void;
}

function SweepHeader({ sweep, dataset, onCancel }: HeaderProps) {
  const config = sweep.config;
  const search = config.search as { strategy?: string; trials?: number } | undefined;
  return (
    <header className="sweep-header">
      <div className="toolbar">
        <h1 data-testid="sweep-name">{sweep.name}</h1>
        <StatusBadge status={sweep.status} />
        <ProgressBar progress={sweep.progress} />
        {RUNNING.has(sweep.status) && (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
      <p className="muted">
        {dataset ? `${dataset.name} v${dataset.version} (${dataset.rows} rows)` : sweep.datasetId} ·{' '}
        {String(config.model ?? '')} · metric {String(config.metric ?? '')} · {search?.strategy ?? 'grid'} search
        {search?.strategy === 'random' && ` (${search.trials?.toLocaleString()} trials)`} · solver{' '}
        {config.solver?.kind ?? 'cd'} · created {formatDate(sweep.createdAt)}
        {sweep.finishedAt && ` · finished ${formatDate(sweep.finishedAt)}`}
      </p>
      <ExportBar sweepId={sweep.id} sweepName={sweep.name} />
      <ModelActions sweep={sweep} />
    </header>
  );
}

function ReportView({ sweepId, report }: { sweepId: string; report: SweepReport }) {
  const bestIndex = Math.max(
    0,
    report.penalties.findIndex((p) => p.penalty === report.best?.penalty && p.l1Ratio === report.best?.l1Ratio),
  );
  const [shown, setShown] = useState(bestIndex);
  const penalty = report.penalties[shown];
  return (
    <>
      <section>
        <h2>Chosen model</h2>
        <BestModel report={report} />
        <h3>Warnings</h3>
        <Warnings warnings={report.warnings} />
      </section>
      <section>
        <h2>Validation curves</h2>
        <div className="tabs" role="tablist">
          {report.penalties.map((p, i) => (
            <button
              key={`${p.penalty}-${p.l1Ratio}`}
              type="button"
              role="tab"
              aria-selected={i === shown}
              className={i === shown ? 'tab active' : 'tab'}
              onClick={() => setShown(i)}
            >
              {penaltyLabel(p.penalty, p.l1Ratio)}
            </button>
          ))}
        </div>
        {penalty && <PenaltyPanel key={shown} sweepId={sweepId} report={report} penalty={penalty} />}
      </section>
      {report.mlp && (
        <section data-testid="mlp-section">
          <h2>Learning curves (network)</h2>
          <p>
            Network [{report.mlp.network.hidden.join(', ')}] {report.mlp.network.activation}; best epoch of the chosen
            trial: {report.mlp.bestEpoch ?? '—'}.
          </p>
          <MlpCurvesChart curves={report.mlp.learningCurves} loss={report.metric === 'logloss' ? 'logloss' : 'mse'} />
          <p className="verdict">{report.mlp.verdict}</p>
        </section>
      )}
      <section>
        <h2>Penalty comparison</h2>
        <ComparisonTable report={report} />
      </section>
    </>
  );
}
