/** The number of nonzero coefficients of the full-data fit against λ (log axis), as a step line. */
import { useMemo } from 'react';
import uPlot from 'uplot';
import type { PenaltyReport } from '../api/types';
import { formatNumber } from '../format';
import { lambdaAxis } from './axes';
import { colors } from './palette';
import { MAX_CURVE_POINTS } from './ValidationCurveChart';
import { thinPoints } from './thin';
import { UPlotChart, type ChartOptions } from './UPlotChart';

export function NonzerosChart({ report }: { report: PenaltyReport }) {
  const data = useMemo<uPlot.AlignedData>(() => {
    const points = thinPoints(
      report.curve.filter((p) => p.lambda > 0),
      MAX_CURVE_POINTS,
    ).reverse();
    return [points.map((p) => p.lambda), points.map((p) => p.nonzeros)];
  }, [report]);
  const options = useMemo<ChartOptions>(
    () => ({
      scales: { x: { time: false, distr: 3 }, y: { range: (_u, _min, max) => [0, Math.max(1, max)] } },
      axes: [lambdaAxis(), { label: 'nonzeros', grid: { stroke: colors.grid }, size: 70 }],
      series: [
        { label: 'λ', value: (_u, v) => formatNumber(v) },
        {
          label: 'nonzero coefficients',
          stroke: colors.validation,
          width: 2,
          paths: uPlot.paths.stepped?.({ align: 1 }),
        },
      ],
    }),
    [],
  );
  return <UPlotChart options={options} data={data} label="nonzero coefficients" height={180} />;
}
