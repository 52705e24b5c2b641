/** The layout the loss-per-epoch charts share (one fit's learning curve, and the networks' overlay). */
import type uPlot from 'uplot';
import { formatTicks } from './axes';
import { colors } from './palette';
import type { ChartOptions } from './UPlotChart';

/** The epochs across, the loss up in the dashboard's number format, and `series` after the epoch column. */
export function epochLossOptions(loss: string, series: uPlot.Series[]): ChartOptions {
  return {
    scales: { x: { time: false } },
    axes: [
      { label: 'epoch', grid: { stroke: colors.grid } },
      { label: loss, grid: { stroke: colors.grid }, size: 70, values: formatTicks },
    ],
    series: [{ label: 'epoch' }, ...series],
  };
}
