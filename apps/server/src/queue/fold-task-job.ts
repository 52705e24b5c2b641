/**
 * What a fold task is as a BullMQ job: everything a worker needs besides the data itself, which it fetches once
 * by dataset id (a dataset id names one version) and checks against the checksum the server computed.
 */
import type { FoldRows, MetricName, PathSpec } from '@regsweep/engine';
import { createHash } from 'node:crypto';
import type { SweepSplit } from '../runner/fold-task.worker';

export interface FoldTaskJob {
  /** For the worker's logs. */
  readonly sweepId: string;
  readonly datasetId: string;
  /** The response column, when the sweep chose another than the dataset's declared target. */
  readonly target?: string;
  /** SHA-256 of the x bytes then the y bytes, as the server loaded them. */
  readonly checksum: string;
  readonly fold: FoldRows;
  readonly spec: PathSpec;
  readonly metric: MetricName;
  readonly timeoutMs: number;
  /** The sweep's split: on large data the worker sums the sweep's cross products once (worker-cross-products.ts). */
  readonly split?: SweepSplit;
}

/** The job's name: what the dashboards of BullMQ show. */
export const FOLD_TASK_JOB = 'fold-task';

export function valuesChecksum(x: ArrayBufferLike, y: ArrayBufferLike): string {
  return createHash('sha256').update(new Uint8Array(x)).update(new Uint8Array(y)).digest('hex');
}
