/**
 * Compared sweeps' validation curves of one penalty, overlaid: one series per sweep (its colour is the sweep's
 * colour on the whole page), on the union of their λs; a sweep without a value at a λ is bridged (spanGaps).
 */
import { useMemo } from 'react';
import type uPlot from 'uplot';
import type { ComparedCurve } from '../api/types';
import { formatNumber } from '../format';
import { formatTicks, lambdaAxis } from './axes';
import { colors, seriesColor } from './palette';
import { thinPoints } from './thin';
import { UPlotChart, type ChartOptions } from './UPlotChart';

const MAX_COMPARE_POINTS = 1000;

/** One line of the chart: a sweep's curve, drawn in the colour of the sweep's place in the comparison. */
export interface ComparedLine {
  label: string;
  sweepIndex: number;
  curve: ComparedCurve;
}

export function CompareCurvesChart({
  lines,
  metric,
  testId,
}: {
  lines: readonly ComparedLine[];
  metric: string;
  testId?: string;
}) {
  const data = useMemo<uPlot.AlignedData>(() => {
    // uPlot wants x ascending; λ = 0 cannot sit on a log axis.
    const lambdas = [...new Set(lines.flatMap((line) => line.curve.points.map((point) => point.lambda)))]
      .filter((lambda) => lambda > 0)
      .sort((a, b) => a - b);
    const xs = thinPoints(lambdas, MAX_COMPARE_POINTS);
    return [
      xs,
      ...lines.map((line) => {
        const byLambda = new Map(line.curve.points.map((point) => [point.lambda, point.validation]));
        return xs.map((lambda) => byLambda.get(lambda) ?? null);
      }),
    ];
  }, [lines]);
  const key = lines.map((line) => `${line.sweepIndex}:${line.label}`).join('|');
  const options = useMemo<ChartOptions>(
    () => ({
      scales: { x: { time: false, distr: 3 } },
      axes: [
        lambdaAxis(),
        { label: `validation ${metric}`, grid: { stroke: colors.grid }, size: 70, values: formatTicks },
      ],
      series: [
        { label: 'λ', value: (_u, v) => formatNumber(v) },
        ...lines.map((line) => ({
          label: line.label,
          stroke: seriesColor(line.sweepIndex),
          width: 2,
          spanGaps: true,
          points: { show: false },
          value: (_u: uPlot, v: number | null) => formatNumber(v),
        })),
      ],
    }),
    [key, metric],
  );
  return (
    <div
      className="compare-chart"
      data-series={lines.length}
      data-colors={lines.map((l) => seriesColor(l.sweepIndex)).join(' ')}
    >
      <UPlotChart options={options} data={data} label="compared validation curves" testId={testId} />
    </div>
  );
}
