/**
 * The coefficient path: each coefficient (original feature scale, full-data fit) against λ on a
 * log axis. Points come from the trials of one penalty sorted by λ.
 */
import { useMemo } from 'react';
import type uPlot from 'uplot';
import type { PathPoint } from '../api/types';
import { formatNumber } from '../format';
import { formatTicks, lambdaAxis } from './axes';
import { colors, seriesColor } from './palette';
import { UPlotChart, type ChartOptions } from './UPlotChart';

interface Props {
  points: readonly PathPoint[];
  testId?: string;
}

export function CoefficientPathChart({ points, testId }: Props) {
  const names = useMemo(() => Object.keys(points[0]?.coefficients ?? {}), [points]);
  const data = useMemo<uPlot.AlignedData>(() => {
    const sorted = points.filter((p) => p.lambda > 0).sort((a, b) => a.lambda - b.lambda);
    return [sorted.map((p) => p.lambda), ...names.map((name) => sorted.map((p) => p.coefficients[name] ?? null))];
  }, [points, names]);
  const options = useMemo<ChartOptions>(
    () => ({
      scales: { x: { time: false, distr: 3 } },
      axes: [lambdaAxis(), { label: 'coefficient', grid: { stroke: colors.grid }, size: 70, values: formatTicks }],
      series: [
        { label: 'λ', value: (_u, v) => formatNumber(v) },
        ...names.map((name, i) => ({
          label: name,
          stroke: seriesColor(i),
          width: 1.5,
          value: (_u: uPlot, v: number | null) => formatNumber(v),
        })),
      ],
      legend: { live: true },
    }),
    [names],
  );
  if (names.length === 0) return <p className="muted">No coefficients to draw.</p>;
  return <UPlotChart options={options} data={data} label="coefficient path" testId={testId} height={280} />;
}
