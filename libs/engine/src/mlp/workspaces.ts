import type { Dataset, FoldRows } from '../types';
import { scaledFold, type ScaledFold } from './inputs';
import type { MlpLayout } from './layout';
import { batchRows, trainingWorkspace } from './train';
import type { MlpSolverConfig } from './types';
import type { MlpWorkspace } from './workspace';

/**
 * Bytes of scaled folds, and of workspace memory, a thread keeps at most by default (each): a bound on what a
 * long-lived worker holds after large datasets; a fold or workspace larger than this is used for its task, not kept.
 */
const KEPT_BYTES = 64 * 1024 * 1024;

/** A fold's scaled rows and what they were made from (the dataset's key, its y's meaning, the rows). */
interface KeptFold {
  readonly key: string;
  readonly trainRows: Int32Array;
  readonly validationRows: Int32Array;
  readonly scaled: ScaledFold;
  readonly bytes: number;
}

function sameRows(a: Int32Array, b: Int32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function foldBytes({ train, validation }: ScaledFold, rows: number): number {
  return 8 * (train.x.length + train.y.length + validation.x.length + validation.y.length) + 4 * rows;
}

/** The module memory of a workspace (its JavaScript buffers, without WebAssembly, are small and not counted). */
function workspaceBytes(workspace: MlpWorkspace): number {
  return workspace.wasm?.dense.byteLength() ?? 0;
}

/** Drops the oldest entries (first in insertion order) until `bytes` more fit in `limit`; false if they never do. */
function makeRoom<T>(entries: T[], bytesOf: (entry: T) => number, bytes: number, limit: number): boolean {
  if (bytes > limit) return false;
  let total = entries.reduce((sum, entry) => sum + bytesOf(entry), bytes);
  while (total > limit) total -= bytesOf(entries.shift() as T);
  return true;
}

/**
 * The training workspaces a caller keeps from fold task to fold task (FoldWorkspace.mlp: one per worker thread):
 * one per layout and batch size, as large as the most training and validation rows asked for, so a task reuses
 * the WebAssembly instance and its memory instead of making them. A reused workspace gives the same bits as a
 * new one: every fit writes the parameters, moments, plan and rows it reads (as the fits of one task always did).
 * Each kind is kept up to `keptBytes`, the oldest dropped first.
 */
export class MlpWorkspaces {
  private readonly workspaces: { readonly key: string; readonly workspace: MlpWorkspace }[] = [];
  private readonly folds: KeptFold[] = [];

  constructor(private readonly keptBytes = KEPT_BYTES) {}

  /**
   * The fold's scaling and scaled rows (inputs.ts scaledFold), kept for the next task on the same rows of the same
   * dataset: every trial of a sweep trains on the same folds. Only for a dataset with a key (equal keys promise equal
   * x and y; `softmax`: y holds the class indices a softmax network fits, not the dataset's values). Read-only:
   * training copies the rows it reorders.
   */
  scaledFold(data: Dataset, fold: FoldRows, standardize: boolean, softmax: boolean): ScaledFold {
    if (data.key === undefined) return scaledFold(data, fold, standardize);
    const key = `${data.key}/${standardize}/${softmax}`;
    const same = (kept: KeptFold) =>
      kept.key === key &&
      sameRows(kept.trainRows, fold.trainRows) &&
      sameRows(kept.validationRows, fold.validationRows);
    const found = this.folds.find(same);
    if (found) return found.scaled;
    const scaled = scaledFold(data, fold, standardize);
    const bytes = foldBytes(scaled, fold.trainRows.length + fold.validationRows.length);
    if (makeRoom(this.folds, (kept) => kept.bytes, bytes, this.keptBytes)) {
      const { trainRows, validationRows } = fold;
      this.folds.push({ key, trainRows: trainRows.slice(), validationRows: validationRows.slice(), scaled, bytes });
    }
    return scaled;
  }

  /** A workspace trainMlp can train `layout` on `rows` training rows in, scoring `validationRows` between epochs. */
  forTask(layout: MlpLayout, solver: MlpSolverConfig, rows: number, validationRows: number): MlpWorkspace {
    const batch = batchRows(solver, rows);
    const key = `${layout.sizes.join(',')}/${batch}`;
    const at = this.workspaces.findIndex((kept) => kept.key === key);
    const held = at >= 0 ? this.workspaces[at].workspace : undefined;
    const trainingRows = batch < rows ? rows : 0;
    if (held && held.trainingRows >= trainingRows && held.validationRows >= validationRows) return held;
    const grown = trainingWorkspace(
      layout,
      solver,
      Math.max(rows, held?.trainingRows ?? 0),
      Math.max(validationRows, held?.validationRows ?? 0),
    );
    if (at >= 0) this.workspaces.splice(at, 1);
    const bytesOf = (kept: { workspace: MlpWorkspace }) => workspaceBytes(kept.workspace);
    if (makeRoom(this.workspaces, bytesOf, workspaceBytes(grown), this.keptBytes)) {
      this.workspaces.push({ key, workspace: grown });
    }
    return grown;
  }
}
