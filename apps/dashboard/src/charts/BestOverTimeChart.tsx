/** A dataset's sweeps over time: each one's best validation score at its creation time, one series per version. */
import { useMemo } from 'react';
import type uPlot from 'uplot';
import type { SweepInfo } from '../api/types';
import { formatNumber } from '../format';
import { formatTicks } from './axes';
import { colors, seriesColor } from './palette';
import { UPlotChart, type ChartOptions } from './UPlotChart';

export function BestOverTimeChart({ sweeps }: { sweeps: readonly SweepInfo[] }) {
  const scored = sweeps.filter((sweep) => typeof sweep.best?.validation === 'number');
  const versions = [...new Set(scored.map((sweep) => sweep.datasetVersion ?? 1))].sort((a, b) => a - b);
  const data = useMemo<uPlot.AlignedData>(() => {
    // x: seconds since the epoch (uPlot's time scale), ascending; each sweep a point of its version's series only.
    const points = scored
      .map((sweep) => ({
        time: Date.parse(sweep.createdAt) / 1000,
        version: sweep.datasetVersion ?? 1,
        value: sweep.best!.validation!,
      }))
      .sort((a, b) => a.time - b.time);
    return [
      points.map((point) => point.time),
      ...versions.map((version) => points.map((point) => (point.version === version ? point.value : null))),
    ];
  }, [sweeps]);
  const key = versions.join(',');
  const options = useMemo<ChartOptions>(
    () => ({
      scales: { x: { time: true } },
      axes: [
        { grid: { stroke: colors.grid }, space: 120 },
        { label: 'best validation', grid: { stroke: colors.grid }, size: 70, values: formatTicks },
      ],
      series: [
        {},
        ...versions.map((version, i) => ({
          label: `version ${version}`,
          stroke: seriesColor(i),
          width: 1,
          spanGaps: true,
          points: { show: true, size: 7 },
          value: (_u: uPlot, v: number | null) => formatNumber(v),
        })),
      ],
    }),
    [key],
  );
  if (scored.length === 0) return <p className="muted">No finished sweep with a best model on this dataset yet.</p>;
  return (
    <div className="best-over-time-chart" data-points={scored.length} data-series={versions.length}>
      <UPlotChart
        options={options}
        data={data}
        label="best validation over time"
        height={240}
        testId="best-over-time-chart"
      />
    </div>
  );
}
