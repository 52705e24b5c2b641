/** Axis settings shared by the λ charts. */
import type uPlot from 'uplot';
import { colors } from './palette';

function isDecade(value: number): boolean {
  const exponent = Math.log10(value);
  return Math.abs(exponent - Math.round(exponent)) < 1e-9;
}

/**
 * A log axis marks 1–9 in every decade; over three or more decades that is a wall of lines, so
 * then only the powers of ten keep a tick, a label and a grid line.
 */
const decadesWhenWide: uPlot.Axis.Filter = (_chart, splits) =>
  splits.filter(isDecade).length >= 3 ? splits.map((value) => (isDecade(value) ? value : null)) : splits;

export function lambdaAxis(): uPlot.Axis {
  return {
    label: 'λ (log scale)',
    grid: { stroke: colors.grid },
    ticks: { stroke: colors.grid },
    filter: decadesWhenWide,
  };
}
