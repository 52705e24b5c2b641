/** Train and validation loss per epoch of one gd fit (one fold of one trial). */
import { useMemo } from 'react';
import type uPlot from 'uplot';
import type { StoredLearningCurve } from '../api/types';
import { formatNumber } from '../format';
import { epochLossOptions } from './epoch-loss';
import { colors } from './palette';
import { UPlotChart, type ChartOptions } from './UPlotChart';

export function LearningCurveChart({ curve, loss }: { curve: StoredLearningCurve; loss: string }) {
  const data = useMemo<uPlot.AlignedData>(() => [curve.epochs, curve.train, curve.validation], [curve]);
  const options = useMemo<ChartOptions>(
    () =>
      epochLossOptions(loss, [
        { label: `train ${loss}`, stroke: colors.train, width: 2, value: (_u, v) => formatNumber(v) },
        { label: `validation ${loss}`, stroke: colors.validation, width: 2, value: (_u, v) => formatNumber(v) },
      ]),
    [loss],
  );
  return <UPlotChart options={options} data={data} label="learning curve" height={220} testId="learning-curve" />;
}
