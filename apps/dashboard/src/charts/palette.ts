/** Colours of the charts: distinguishable, and readable on white. */
export const colors = {
  validation: '#1f6fb2',
  validationBand: 'rgba(31, 111, 178, 0.15)',
  train: '#e07b16',
  gap: '#7a7a7a',
  lambdaMin: '#c0392b',
  lambda1se: '#1e8449',
  grid: '#e6e6e6',
};

const series = [
  '#1f6fb2',
  '#e07b16',
  '#1e8449',
  '#c0392b',
  '#8e44ad',
  '#16a085',
  '#d35400',
  '#2c3e50',
  '#b7950b',
  '#7f8c8d',
];

/** The i-th colour of a many-series chart (coefficient paths), cycling. */
export function seriesColor(index: number): string {
  return series[index % series.length];
}
