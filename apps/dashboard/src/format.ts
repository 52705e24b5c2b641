/** Number and date formatting shared by tables and charts. */

/** Four significant digits, switching to exponent form for very small or large magnitudes. */
export function formatNumber(value: number | null | undefined, digits = 4): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e5 || magnitude < 1e-3) return value.toExponential(digits - 1);
  return Number(value.toPrecision(digits)).toString();
}

export function penaltyLabel(penalty: string, l1Ratio: number): string {
  return penalty === 'elasticnet' ? `elasticnet (r = ${formatNumber(l1Ratio, 3)})` : penalty;
}

export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toLocaleString();
}
