import type { MlpLayout } from './layout';
import { batchRows, trainingWorkspace } from './train';
import type { MlpSolverConfig } from './types';
import type { MlpWorkspace } from './workspace';

/** Shapes kept at once; a random search over a few layouts reuses each of them from task to task. */
const KEPT_SHAPES = 8;

/**
 * The training workspaces a caller keeps from fold task to fold task (FoldWorkspace.mlp: one per worker thread):
 * one per layout and batch size, as large as the most training and validation rows asked for, so a task reuses
 * the WebAssembly instance and its memory instead of making them. A reused workspace gives the same bits as a
 * new one: every fit writes the parameters, moments, plan and rows it reads (as the fits of one task always did).
 */
export class MlpWorkspaces {
  private readonly kept = new Map<string, MlpWorkspace>();

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
