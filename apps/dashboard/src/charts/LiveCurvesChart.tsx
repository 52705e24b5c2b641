/**
 * While a sweep runs: the validation value of every curve against λ, averaged over the folds
 * finished so far (unweighted). One chart, one series per penalty, on the union of their λs.
 */
import { useMemo } from 'react';
import type uPlot from 'uplot';
import type { LiveCurve } from '../api/live-trials';
import { formatNumber } from '../format';
import { formatTicks, lambdaAxis } from './axes';
import { colors, seriesColor } from './palette';
import { thinPoints } from './thin';
import { UPlotChart, type ChartOptions } from './UPlotChart';

const MAX_LIVE_POINTS = 1000;

/** `curves` must be a new array whenever the curves have changed (they are mutated in place as events arrive). */
export function LiveCurvesChart({ curves }: { curves: readonly LiveCurve[] }) {
  const data = useMemo<uPlot.AlignedData>(() => {
    const lambdas = [...new Set(curves.flatMap((curve) => [...curve.points.keys()]))]
      .filter((l) => l > 0)
      .sort((a, b) => a - b);
    const xs = thinPoints(lambdas, MAX_LIVE_POINTS);
    return [
      xs,
      ...curves.map((curve) =>
        xs.map((lambda) => {
          const point = curve.points.get(lambda);
          return point ? point.sum / point.count : null;
        }),
      ),
    ];
  }, [curves]);
  const labels = curves.map((curve) => `${curve.label} (${curve.folds.size} folds received)`).join('|');
  const options = useMemo<ChartOptions>(
    () => ({
      scales: { x: { time: false, distr: 3 } },
      axes: [
        lambdaAxis(),
        { label: 'validation (partial)', grid: { stroke: colors.grid }, size: 70, values: formatTicks },
      ],
      series: [
        { label: 'λ', value: (_u, v) => formatNumber(v) },
        ...labels.split('|').map((label, i) => ({
          label,
          stroke: seriesColor(i),
          width: 2,
          spanGaps: true,
          points: { show: false },
          value: (_u: uPlot, v: number | null) => formatNumber(v),
        })),
      ],
    }),
    [labels],
  );
  if (curves.length === 0 || data[0].length === 0)
    return <p className="muted">Waiting for the first folds to finish…</p>;
  return (
    <UPlotChart options={options} data={data} label="partial validation curves" height={260} testId="live-chart" />
  );
}
