/**
 * Runs in a Piscina worker thread: one task = one curve's λ path fitted on one fold.
 * The dataset arrives as SharedArrayBuffers (shared with the main thread, not copied); only the fold's row indices
 * and the path spec travel with each message. Workers never touch the database.
 */
import { evaluateFold } from '@regsweep/engine';
import type { FoldPathResult, FoldRows, MetricName, PathSpec } from '@regsweep/engine';
import { actOutFault, type FaultKind } from './fault-injection';

export interface FoldTaskMessage {
  /** Column-major float64 design matrix, rows × cols. */
  readonly x: SharedArrayBuffer;
  /** Float64 response, length rows. */
  readonly y: SharedArrayBuffer;
  readonly rows: number;
  readonly cols: number;
  readonly names: readonly string[];
  /** The same for every task on the same shared memory, so the thread's cached whole-data sums are found without hashing it. */
  readonly key?: string;
  readonly fold: FoldRows;
  readonly spec: PathSpec;
  readonly metric: MetricName;
  /** Tests only (fault-injection.ts): the fault this task acts out instead of fitting. */
  readonly fault?: FaultKind;
}

export default function runFoldTask(message: FoldTaskMessage): FoldPathResult {
  if (message.fault) actOutFault(message.fault);
  const { rows, cols, names, key } = message;
  const data = { x: { rows, cols, names, values: new Float64Array(message.x) }, y: new Float64Array(message.y), key };
  return evaluateFold(data, message.fold, message.spec, message.metric);
}
