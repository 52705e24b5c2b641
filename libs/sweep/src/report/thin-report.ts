import type { CurvePoint, PenaltyReport, SweepReport } from '../types';

/**
 * The report with each penalty's curve cut down to about `maxPoints` points, for drawing: a random search of
 * 100,000 trials has curves of tens of thousands of points that no chart can show. The first and last points
 * (the grid's edges) and the points at lambdaMin and lambda1se are always kept; the rest are evenly spaced by
 * index, so the curve keeps its shape on the log-λ axis the points were sampled on.
 */
export function thinReport(report: SweepReport, maxPoints: number): SweepReport {
  if (report.penalties.every((penalty) => penalty.curve.length <= maxPoints)) return report;
  return { ...report, penalties: report.penalties.map((penalty) => thinPenalty(penalty, maxPoints)) };
}

function thinPenalty(penalty: PenaltyReport, maxPoints: number): PenaltyReport {
  const { curve } = penalty;
  if (curve.length <= maxPoints) return penalty;
  const keep = new Set<number>([0, curve.length - 1]);
  for (const lambda of [penalty.lambdaMin, penalty.lambda1se]) {
    const index = curve.findIndex((point) => point.lambda === lambda);
    if (index >= 0) keep.add(index);
  }
  const slots = Math.max(maxPoints - keep.size, 0);
  for (let k = 1; k <= slots; k++) keep.add(Math.round((k * (curve.length - 1)) / (slots + 1)));
  const thinned: CurvePoint[] = [...keep].sort((a, b) => a - b).map((index) => curve[index]);
  return { ...penalty, curve: thinned };
}
