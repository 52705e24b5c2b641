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
  // uPlot filters labels, ticks and grid lines separately.
  return {
    label: 'λ (log scale)',
    filter: decadesWhenWide,
    grid: { stroke: colors.grid, filter: decadesWhenWide },
    ticks: { stroke: colors.grid, filter: decadesWhenWide },
  };
}

/** Tick labels in the dashboard's number format (uPlot's default repeats "0.001" on narrow ranges). */
export const formatTicks: uPlot.Axis.Values = (_chart, splits) =>
  splits.map((value) => (value == null ? '' : formatTick(value)));

function formatTick(value: number): string {
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  return magnitude >= 1e5 || magnitude < 1e-3 ? value.toExponential(1) : String(Number(value.toPrecision(3)));
}
