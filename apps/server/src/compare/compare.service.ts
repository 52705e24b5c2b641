import { Injectable, NotFoundException } from '@nestjs/common';
import type { PenaltyKind } from '@regsweep/engine';
import type { SweepReport } from '@regsweep/sweep';
import type { ComparedSweepRow, CurvePointRow } from '../store/store-types';
import { SweepStore } from '../store/sweep-store';
import type { ComparedBest, ComparedCurve, ComparedSweep, Comparison } from './comparison';
import { configDifferences } from './config-differences';

@Injectable()
export class CompareService {
  constructor(private readonly store: SweepStore) {}

  /** The sweeps side by side, in the order asked; an id that is not a sweep answers 404 and nothing else. */
  async compare(ids: readonly string[]): Promise<Comparison> {
    const { sweeps, points } = await this.store.compareSweeps(ids);
    const byId = new Map(sweeps.map((row) => [row.sweep.id, row]));
    const missing = ids.filter((id) => !byId.has(id));
    if (missing.length > 0) throw new NotFoundException(`no sweep with id ${missing.join(', ')}`);
    const mlpSweeps = new Set(sweeps.filter((row) => row.sweep.config.model === 'mlp').map((row) => row.sweep.id));
    const curves = curvesBySweep(points, mlpSweeps);
    const rows = ids.map((id) => byId.get(id)!);
    return {
      sweeps: rows.map((row) => comparedSweep(row, curves.get(row.sweep.id) ?? [])),
      differences: configDifferences(rows.map((row) => row.sweep.config)),
    };
  }
}

function comparedSweep({ sweep, best, datasetName }: ComparedSweepRow, curves: ComparedCurve[]): ComparedSweep {
  return {
    id: sweep.id,
    name: sweep.name,
    status: sweep.status,
    model: sweep.config.model,
    metric: sweep.config.metric,
    selection: sweep.config.selection,
    dataset: { id: sweep.datasetId, name: datasetName, version: sweep.datasetVersion, checksum: sweep.datasetChecksum },
    best: best ? comparedBest(best) : null,
    curves,
  };
}

function comparedBest(best: NonNullable<SweepReport['best']>): ComparedBest {
  // Only the numeric scores: a multinomial test also holds its confusion matrix, which the report shows.
  const scores = Object.entries(best.test ?? {}).filter(
    (entry): entry is [string, number] => typeof entry[1] === 'number',
  );
  return {
    penalty: best.penalty,
    l1Ratio: best.l1Ratio,
    lambda: best.lambda,
    validation: { mean: best.validation.mean, sd: best.validation.sd },
    test: scores.length > 0 ? Object.fromEntries(scores) : null,
    nonzeros: best.nonzeros,
  };
}

/**
 * The trial rows (by sweep, curve, λ index) as curves per sweep, each by decreasing λ, grouped as the report groups
 * them (runner/conclude-sweep.ts): one curve per (penalty, l1Ratio), its adaptive grid's extension and refinement
 * curves merged in; an mlp sweep's plan curves each on their own (each trains its own network). A curve is named by
 * its first plan curve.
 */
function curvesBySweep(points: readonly CurvePointRow[], mlpSweeps: ReadonlySet<string>): Map<string, ComparedCurve[]> {
  const bySweep = new Map<string, Map<string, ComparedCurve>>();
  for (const point of points) {
    let curves = bySweep.get(point.sweepId);
    if (!curves) bySweep.set(point.sweepId, (curves = new Map()));
    const key = mlpSweeps.has(point.sweepId) ? `curve ${point.curve}` : `${point.penalty} ${point.l1Ratio}`;
    let curve = curves.get(key);
    if (!curve) {
      // The trial rows hold the penalties of a validated config.
      curve = { curve: point.curve, penalty: point.penalty as PenaltyKind, l1Ratio: point.l1Ratio, points: [] };
      curves.set(key, curve);
    }
    curve.curve = Math.min(curve.curve, point.curve);
    curve.points.push({ lambda: point.lambda, validation: point.validationMean, validationSd: point.validationSd });
  }
  const result = new Map<string, ComparedCurve[]>();
  for (const [sweepId, curves] of bySweep) {
    const list = [...curves.values()].sort((a, b) => a.curve - b.curve);
    for (const curve of list) curve.points.sort((a, b) => b.lambda - a.lambda);
    result.set(sweepId, list);
  }
  return result;
}
