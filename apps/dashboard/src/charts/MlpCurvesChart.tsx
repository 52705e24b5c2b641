/**
 * An mlp sweep's learning curves overlaid (report.mlp.learningCurves): the chosen trial and its λ neighbours, fold
 * averages, validation solid and train dashed in one colour per λ. Curves that stopped early end early (null after).
 */
import { useMemo } from 'react';
import type uPlot from 'uplot';
import type { SweepReport } from '../api/types';
import { formatNumber } from '../format';
import { epochLossOptions } from './epoch-loss';
import { seriesColor } from './palette';
import { UPlotChart, type ChartOptions } from './UPlotChart';

type Curves = NonNullable<SweepReport['mlp']>['learningCurves'];

export function MlpCurvesChart({ curves, loss }: { curves: Curves; loss: string }) {
  const data = useMemo<uPlot.AlignedData>(() => {
    const epochs = [...new Set(curves.flatMap((c) => c.epochs))].sort((a, b) => a - b);
    const column = (values: readonly number[], at: readonly number[]) => {
      const byEpoch = new Map(at.map((epoch, k) => [epoch, values[k]]));
      return epochs.map((epoch) => byEpoch.get(epoch) ?? null);
    };
    return [epochs, ...curves.flatMap((c) => [column(c.validation, c.epochs), column(c.train, c.epochs)])];
  }, [curves]);
  const options = useMemo<ChartOptions>(
    () =>
      epochLossOptions(
        loss,
        curves.flatMap((c, i) => {
          const name = `λ ${formatNumber(c.lambda)} (${c.role})`;
          const value = (_u: uPlot, v: number | null) => (v === null ? '—' : formatNumber(v));
          return [
            { label: `validation, ${name}`, stroke: seriesColor(i), width: 2, value },
            { label: `train, ${name}`, stroke: seriesColor(i), width: 1, dash: [6, 4], value },
          ];
        }),
      ),
    [curves, loss],
  );
  return <UPlotChart options={options} data={data} label="learning curves overlay" height={280} testId="mlp-curves" />;
}
