/**
 * Search history (tpe/random searches, adaptive grids): the best validation so far against the trial number, and the
 * pruned trials marked on that line where they were stopped (search-history.ts).
 */
import { useEffect, useMemo, useState } from 'react';
import type uPlot from 'uplot';
import { listTrials } from '../api/client';
import type { TrialJson } from '../api/types';
import { formatNumber } from '../format';
import { formatTicks } from './axes';
import { colors } from './palette';
import { searchHistory } from './search-history';
import { UPlotChart, type ChartOptions } from './UPlotChart';

/** The server's largest page; a longer history shows its first trials. */
const PAGE_SIZE = 1000;

export function SearchHistoryChart({ sweepId, metric }: { sweepId: string; metric: string }) {
  const [trials, setTrials] = useState<TrialJson[] | null>(null);
  useEffect(() => {
    listTrials(sweepId, { pageSize: PAGE_SIZE }).then(
      (page) => setTrials(page.items),
      () => setTrials([]),
    );
  }, [sweepId]);
  const history = useMemo(() => searchHistory(trials ?? [], metric), [trials, metric]);
  const data = useMemo<uPlot.AlignedData>(() => {
    const pruned = new Set(history.pruned);
    return [
      history.numbers,
      history.bestSoFar,
      history.numbers.map((n, k) => (pruned.has(n) ? history.bestSoFar[k] : null)),
    ];
  }, [history]);
  const options = useMemo<ChartOptions>(
    () => ({
      scales: { x: { time: false } },
      axes: [
        { label: 'trial', grid: { stroke: colors.grid } },
        { label: `best ${metric} so far`, grid: { stroke: colors.grid }, size: 70, values: formatTicks },
      ],
      series: [
        {},
        { label: 'best so far', stroke: colors.validation, width: 2, value: (_u, v) => formatNumber(v) },
        { label: 'pruned', stroke: colors.train, width: 0, points: { show: true, size: 8 }, paths: () => null },
      ],
    }),
    [metric],
  );
  if (trials === null) return <p className="muted">Loading the search history…</p>;
  if (trials.length === 0) return <p className="muted">No trials yet.</p>;
  return (
    <div className="search-history" data-trials={history.numbers.length} data-pruned={history.pruned.length}>
      <UPlotChart options={options} data={data} label="search history" height={220} testId="search-history-chart" />
      <p className="muted">
        {history.pruned.length} of {history.numbers.length} trials pruned
        {history.pruned.length > 0 ? ` (trials ${history.pruned.join(', ')})` : ''}.
      </p>
    </div>
  );
}
