/** The order a sweep's tasks go out in (runner/task-order.ts), on real plans of the small dataset. */
import { planSweep, type SweepConfig } from '@regsweep/sweep';
import type { RunContext } from '../src/runner/run-context';
import { longestFirst, mlpTaskWork } from '../src/runner/task-order';
import { baseConfig, mlpSearchOnSmall, smallDataset } from './fakes';

const SWEEP_ID = '00000000-0000-4000-8000-000000000001';

/** What longestFirst reads of a run: its config, plan and data. */
function runOf(config: SweepConfig): RunContext {
  const data = smallDataset();
  return { config, data, plan: planSweep(SWEEP_ID, config, data) } as RunContext;
}

const MLP_SEARCH = mlpSearchOnSmall();

it('estimates an MLP task as training rows × epochs × λ values × Σ weights per row', () => {
  const run = runOf(MLP_SEARCH);
  for (const task of run.plan.tasks) {
    const { mlp, lambdas } = run.plan.curves[task.curve];
    const sizes = [2, ...mlp!.network.hidden, 1]; // the small dataset's 2 inputs, one output
    const perRow = sizes.slice(1).reduce((sum, units, l) => sum + sizes[l] * units, 0);
    const { split } = run.plan;
    const rows = (split.folds.find((rows) => rows.fold === task.fold)?.trainRows ?? split.fitRows).length;
    expect(mlpTaskWork(run, task)).toBe(rows * 2 * lambdas.length * perRow);
  }
});

it('sends an MLP search’s tasks costliest first, equal estimates in plan order', () => {
  const run = runOf(MLP_SEARCH);
  const ordered = longestFirst(run, run.plan.tasks);
  expect(new Set(ordered)).toEqual(new Set(run.plan.tasks));
  const work = ordered.map((task) => mlpTaskWork(run, task));
  // One estimate per network: the plan's folds train alike-sized rows (search.refit chosen plans no fold 0).
  expect(new Set(work).size).toBe(3);
  for (let i = 1; i < ordered.length; i++) {
    expect(work[i]).toBeLessThanOrEqual(work[i - 1]);
    const [a, b] = [run.plan.tasks.indexOf(ordered[i - 1]), run.plan.tasks.indexOf(ordered[i])];
    if (work[i] === work[i - 1]) expect(b).toBeGreaterThan(a);
  }
  expect(ordered).not.toEqual(run.plan.tasks); // the plan's own order was not already this one
});

it('sends other sweeps’ full-data paths first, then the folds in plan order', () => {
  const run = runOf(baseConfig({ penalties: ['l1', 'l2', 'none'] }));
  const ordered = longestFirst(run, run.plan.tasks);
  const full = run.plan.tasks.filter((task) => task.fold === 0);
  expect(full.length).toBe(3);
  expect(ordered).toEqual([...full, ...run.plan.tasks.filter((task) => task.fold !== 0)]);
});
