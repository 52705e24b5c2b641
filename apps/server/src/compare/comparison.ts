/**
 * The JSON of GET /api/compare: sweeps side by side and the config fields that differ. Types only (no Nest, no
 * TypeORM), so that the dashboard imports this file (type-only) instead of keeping a copy.
 */
import type { PenaltyKind } from '@regsweep/engine';
import type { SweepStatus } from '../sweeps/sweep-status';
import type { ConfigDifference } from './config-differences';

/** One validation curve of a compared sweep: a (penalty, l1Ratio) curve, by decreasing λ. */
export interface ComparedCurve {
  curve: number;
  penalty: PenaltyKind;
  l1Ratio: number;
  points: { lambda: number; validation: number | null; validationSd: number | null }[];
}

/** The chosen model of a compared sweep, as the compare table shows it. */
export interface ComparedBest {
  penalty: PenaltyKind;
  l1Ratio: number;
  lambda: number;
  validation: { mean: number; sd: number | null };
  /** The chosen model's held-out scores by metric (null without a test split). */
  test: Record<string, number> | null;
  nonzeros: number;
}

export interface ComparedSweep {
  id: string;
  name: string;
  status: SweepStatus;
  model: string;
  metric: string;
  selection: string;
  dataset: { id: string; name: string; version: number; checksum: string | null };
  best: ComparedBest | null;
  curves: ComparedCurve[];
}

/** Sweeps side by side, and the config fields (flattened paths) whose values differ, one value per sweep. */
export interface Comparison {
  sweeps: ComparedSweep[];
  differences: ConfigDifference[];
}
