/**
 * The validation curve of one penalty: validationMean against λ (log axis) with the ±1 sd band,
 * the train curve beside it, the gap (validation − train, right axis) and vertical marks at
 * lambdaMin and lambda1se.
 */
import { useMemo } from 'react';
import uPlot from 'uplot';
import type { PenaltyReport } from '../api/types';
import { formatNumber } from '../format';
import { formatTicks, lambdaAxis } from './axes';
import { colors } from './palette';
import { thinPoints } from './thin';
import { UPlotChart, type ChartOptions } from './UPlotChart';

export const MAX_CURVE_POINTS = 500;

interface Props {
  report: PenaltyReport;
  metric: string;
  /** The λ the report's selection rule picks on this curve (drawn thicker). */
  chosenLambda: number;
  testId?: string;
}

/** uPlot wants x ascending; the report's curve is by decreasing λ. λ = 0 cannot sit on a log axis. */
function curveData(report: PenaltyReport): uPlot.AlignedData {
  const marked = new Set([report.lambdaMin, report.lambda1se]);
  const points = thinPoints(
    report.curve.filter((point) => point.lambda > 0),
    MAX_CURVE_POINTS,
    (point) => marked.has(point.lambda),
  ).reverse();
  const sd = (p: (typeof points)[number]) => p.validationSd;
  return [
    points.map((p) => p.lambda),
    points.map((p) => p.validation),
    points.map((p) => (sd(p) === null ? null : p.validation + (sd(p) as number))),
    points.map((p) => (sd(p) === null ? null : p.validation - (sd(p) as number))),
    points.map((p) => p.train),
    points.map((p) => p.gap),
  ];
}

/** Draws a labelled vertical line at λ over the plotting area. */
function drawLambdaMark(chart: uPlot, lambda: number | null, color: string, label: string, width: number, row: number) {
  if (lambda === null || !(lambda > 0)) return;
  const x = chart.valToPos(lambda, 'x', true);
  const { top, height } = chart.bbox;
  const ctx = chart.ctx;
  ctx.save();
  ctx.strokeStyle = color;
  ctx.lineWidth = width * devicePixelRatio;
  ctx.setLineDash([6 * devicePixelRatio, 4 * devicePixelRatio]);
  ctx.beginPath();
  ctx.moveTo(x, top);
  ctx.lineTo(x, top + height);
  ctx.stroke();
  ctx.fillStyle = color;
  ctx.font = `${12 * devicePixelRatio}px system-ui, sans-serif`;
  // Labels sit on separate rows so that λmin and λ1se stay readable when they coincide.
  ctx.fillText(label, x + 4 * devicePixelRatio, top + (14 + 14 * row) * devicePixelRatio);
  ctx.restore();
}

function chartOptions(report: PenaltyReport, metric: string, chosenLambda: number): ChartOptions {
  return {
    scales: { x: { time: false, distr: 3 }, gap: { auto: true } },
    axes: [
      lambdaAxis(),
      { label: metric, grid: { stroke: colors.grid }, size: 70, values: formatTicks },
      { label: 'gap', scale: 'gap', side: 1, grid: { show: false }, size: 60, values: formatTicks },
    ],
    series: [
      { label: 'λ', value: (_u, v) => formatNumber(v) },
      { label: `validation ${metric}`, stroke: colors.validation, width: 2, value: (_u, v) => formatNumber(v) },
      { label: '+1 sd', stroke: colors.validationBand, width: 1, value: (_u, v) => formatNumber(v) },
      { label: '−1 sd', stroke: colors.validationBand, width: 1, value: (_u, v) => formatNumber(v) },
      { label: `train ${metric}`, stroke: colors.train, width: 2, value: (_u, v) => formatNumber(v) },
      { label: 'gap', scale: 'gap', stroke: colors.gap, width: 1, dash: [4, 4], value: (_u, v) => formatNumber(v) },
    ],
    bands: [{ series: [2, 3], fill: colors.validationBand }],
    legend: { live: true },
    hooks: {
      draw: [
        (chart) => {
          drawLambdaMark(
            chart,
            report.lambdaMin,
            colors.lambdaMin,
            'λmin',
            report.lambdaMin === chosenLambda ? 2 : 1,
            0,
          );
          drawLambdaMark(
            chart,
            report.lambda1se,
            colors.lambda1se,
            'λ1se',
            report.lambda1se === chosenLambda ? 2 : 1,
            1,
          );
        },
      ],
    },
  };
}

export function ValidationCurveChart({ report, metric, chosenLambda, testId }: Props) {
  const data = useMemo(() => curveData(report), [report]);
  const options = useMemo(() => chartOptions(report, metric, chosenLambda), [report, metric, chosenLambda]);
  return (
    <div
      className="curve-chart"
      data-lambda-min={report.lambdaMin}
      data-lambda-1se={report.lambda1se ?? ''}
      data-points={data[0].length}
    >
      <UPlotChart options={options} data={data} label={`validation curve of ${report.penalty}`} testId={testId} />
    </div>
  );
}
