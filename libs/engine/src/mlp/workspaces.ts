import type { Dataset, FoldRows } from '../types';
import { scaledFold, type ScaledFold } from './inputs';
import type { MlpLayout } from './layout';
import { batchRows, trainingWorkspace } from './train';
import type { MlpSolverConfig } from './types';
import type { MlpWorkspace } from './workspace';

/** Shapes kept at once; a random search over a few layouts reuses each of them from task to task. */
const KEPT_SHAPES = 8;
/** Scaled folds kept at once: a sweep's K folds and its full-data fold, trial after trial. */
const KEPT_FOLDS = 12;

/** A fold's scaled rows and what they were made from (the dataset's key, its y's meaning, the rows). */
interface KeptFold {
  readonly key: string;
  readonly trainRows: Int32Array;
  readonly validationRows: Int32Array;
  readonly scaled: ScaledFold;
}

function sameRows(a: Int32Array, b: Int32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The training workspaces a caller keeps from fold task to fold task (FoldWorkspace.mlp: one per worker thread):
 * one per layout and batch size, as large as the most training and validation rows asked for, so a task reuses
 * the WebAssembly instance and its memory instead of making them. A reused workspace gives the same bits as a
 * new one: every fit writes the parameters, moments, plan and rows it reads (as the fits of one task always did).
 */
export class MlpWorkspaces {
  private readonly kept = new Map<string, MlpWorkspace>();
  private readonly folds: KeptFold[] = [];

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
    if (this.folds.length >= KEPT_FOLDS) this.folds.shift();
    this.folds.push({ key, trainRows: fold.trainRows.slice(), validationRows: fold.validationRows.slice(), scaled });
    return scaled;
  }

  /** A workspace trainMlp can train `layout` on `rows` training rows in, scoring `validationRows` between epochs. */
  forTask(layout: MlpLayout, solver: MlpSolverConfig, rows: number, validationRows: number): MlpWorkspace {
    const batch = batchRows(solver, rows);
    const key = `${layout.sizes.join(',')}/${batch}`;
    const held = this.kept.get(key);
    const trainingRows = batch < rows ? rows : 0;
    if (held && held.trainingRows >= trainingRows && held.validationRows >= validationRows) return held;
    const grown = trainingWorkspace(
      layout,
      solver,
      Math.max(rows, held?.trainingRows ?? 0),
      Math.max(validationRows, held?.validationRows ?? 0),
    );
    // Most recently made last: the oldest shape goes first when there are too many.
    this.kept.delete(key);
    if (this.kept.size >= KEPT_SHAPES) this.kept.delete(this.kept.keys().next().value as string);
    this.kept.set(key, grown);
    return grown;
  }
}
