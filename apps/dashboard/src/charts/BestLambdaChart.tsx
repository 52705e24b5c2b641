/** The best λ of each scheduled run over time (log axis), to read drift off directly. */
import { useMemo } from 'react';
import type uPlot from 'uplot';
import type { ScheduleRun } from '../api/types';
import { formatNumber } from '../format';
import { formatTicks } from './axes';
import { colors } from './palette';
import { UPlotChart, type ChartOptions } from './UPlotChart';

export function BestLambdaChart({ runs }: { runs: readonly ScheduleRun[] }) {
  const data = useMemo<uPlot.AlignedData>(() => {
    const points = runs
      .filter((run) => run.best && run.best.lambda > 0 && (run.finishedAt ?? run.startedAt))
      .map((run) => ({
        time: Date.parse((run.finishedAt ?? run.startedAt) as string) / 1000,
        lambda: run.best!.lambda,
      }))
      .sort((a, b) => a.time - b.time);
    return [points.map((p) => p.time), points.map((p) => p.lambda)];
  }, [runs]);
  const options = useMemo<ChartOptions>(
    () => ({
      scales: { x: { time: true }, y: { distr: 3 } },
      axes: [
        // Runs a few seconds apart (a seconds-level cron) would otherwise get a tick every 200 ms.
        { grid: { stroke: colors.grid }, space: 120 },
        { label: 'best λ', grid: { stroke: colors.grid }, size: 70, values: formatTicks },
      ],
      series: [
        {},
        {
          label: 'best λ',
          stroke: colors.validation,
          width: 2,
          points: { show: true, size: 6 },
          value: (_u, v) => formatNumber(v),
        },
      ],
    }),
    [],
  );
  if (data[0].length === 0) return <p className="muted">No finished runs with a best λ yet.</p>;
  return (
    <div className="best-lambda-chart" data-points={data[0].length}>
      <UPlotChart options={options} data={data} label="best λ over time" height={220} testId="best-lambda-chart" />
    </div>
  );
}
