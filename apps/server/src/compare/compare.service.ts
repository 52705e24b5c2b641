import { Injectable, NotFoundException } from '@nestjs/common';
import type { PenaltyKind } from '@regsweep/engine';
import type { SweepReport } from '@regsweep/sweep';
import type { ComparedSweepRow, CurvePointRow } from '../store/store-types';
import { SweepStore } from '../store/sweep-store';
import { FINISHED_STATUSES } from '../sweeps/sweep-status';
import { LruCache } from '../common/lru-cache';
import type { ComparedBest, ComparedCurve, ComparedSweep, Comparison } from './comparison';
import { configDifferences } from './config-differences';

/** A compared sweep as answered, with its config (the differences are computed across the sweeps asked together). */
interface ComparedInputs {
  sweep: ComparedSweep;
  config: ComparedSweepRow['sweep']['config'];
}

/**
 * Finished sweeps kept as compared (each about 100 bytes per curve point: some 10 KB for two 50-λ curves). A finished
 * sweep's compared fields never change: its trials are final and PATCH changes only tags and notes, which a
 * comparison does not show.
 */
const CACHED_SWEEPS = 200;
/** Answers (JSON text) of comparisons of finished sweeps only, by their ids in the order asked. */
const CACHED_ANSWERS = 32;

@Injectable()
export class CompareService {
  private readonly finished = new LruCache<ComparedInputs>(CACHED_SWEEPS);
  private readonly answers = new LruCache<string>(CACHED_ANSWERS);

  constructor(private readonly store: SweepStore) {}

  /**
   * The comparison as the API sends it, JSON text: kept when every sweep in it has finished (it cannot change then),
   * so asking again costs neither the reads nor the serialization (about 86 KB for 10 sweeps of 100 points).
   */
  async compareJson(ids: readonly string[]): Promise<string> {
    const key = ids.join(',');
    const cached = this.answers.get(key);
    if (cached !== undefined) return cached;
    const comparison = await this.compare(ids);
    const answer = JSON.stringify(comparison);
    if (comparison.sweeps.every((sweep) => FINISHED_STATUSES.includes(sweep.status))) this.answers.set(key, answer);
    return answer;
  }

  /**
   * The sweeps side by side, in the order asked; an id that is not a sweep answers 404 and nothing else. Finished
   * sweeps come from the cache after their first comparison; the others (and unfinished ones) from the store.
   */
  async compare(ids: readonly string[]): Promise<Comparison> {
    const compared = new Map<string, ComparedInputs>();
    for (const id of ids) {
      const hit = this.finished.get(id);
      if (hit) compared.set(id, hit);
    }
    const toRead = ids.filter((id) => !compared.has(id));
    if (toRead.length > 0) {
      for (const [id, inputs] of await this.read(toRead)) {
        compared.set(id, inputs);
        if (FINISHED_STATUSES.includes(inputs.sweep.status)) this.finished.set(id, inputs);
      }
    }
    const rows = ids.map((id) => compared.get(id)!);
    return { sweeps: rows.map((row) => row.sweep), differences: configDifferences(rows.map((row) => row.config)) };
  }

  private async read(ids: readonly string[]): Promise<Map<string, ComparedInputs>> {
    const { sweeps, points } = await this.store.compareSweeps(ids);
    const byId = new Map(sweeps.map((row) => [row.sweep.id, row]));
    const missing = ids.filter((id) => !byId.has(id));
    if (missing.length > 0) throw new NotFoundException(`no sweep with id ${missing.join(', ')}`);
    const mlpSweeps = new Set(sweeps.filter((row) => row.sweep.config.model === 'mlp').map((row) => row.sweep.id));
    const curves = curvesBySweep(points, mlpSweeps);
    return new Map(
      sweeps.map((row) => [
        row.sweep.id,
        { sweep: comparedSweep(row, curves.get(row.sweep.id) ?? []), config: row.sweep.config },
      ]),
    );
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
