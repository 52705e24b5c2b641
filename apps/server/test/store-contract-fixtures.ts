/** The store contract's fixtures (store-contract.spec.ts, store-drivers-agree.spec.ts): a small plan and its results. */
import type { FoldPathResult, PointFit } from '@regsweep/engine';
import type { TaskPlan, TrialPlan } from '@regsweep/sweep';
import type { SweepStore } from '../src/store/sweep-store';
import type { SweepFilters } from '../src/store/store-types';
import { baseConfig } from './fakes';
import type { StoreUnderTest } from './store-drivers';

export const FEATURES = ['a', 'b'];
// Doubles that a decimal or single-precision round trip would change: the store must give back these bits.
export const AWKWARD = [0.1 + 0.2, 5e-324, -1.7976931348623157e308, 1 / 3, 2 ** -1074 * 3];

/** Two curves (l1, l2) of three λ each, on folds 1 and 2 and the full data (fold 0). */
export function plan(sweepId: string): { trials: TrialPlan[]; tasks: TaskPlan[] } {
  const trials: TrialPlan[] = [];
  const tasks: TaskPlan[] = [];
  (['l1', 'l2'] as const).forEach((penalty, curve) => {
    [10, 1, 0.1 + 0.2].forEach((lambda, lambdaIndex) =>
      trials.push({
        key: `${sweepId}/${curve}/${lambdaIndex}`,
        curve,
        lambdaIndex,
        penalty,
        l1Ratio: 1 - curve,
        lambda,
      }),
    );
    for (const fold of [0, 1, 2]) tasks.push({ key: `${sweepId}/task/${curve}/${fold}`, curve, fold });
  });
  return { trials, tasks };
}

export function fit(j: number, overrides: Partial<PointFit> = {}): PointFit {
  return {
    lambda: [10, 1, 0.3][j],
    intercept: AWKWARD[j],
    coefficients: new Float64Array([AWKWARD[j + 1], j === 0 ? 0 : -AWKWARD[j + 2]]),
    nonzeros: j === 0 ? 1 : 2,
    objective: 1,
    iterations: 10 + j,
    converged: j !== 2,
    status: j === 2 ? 'not_converged' : 'ok',
    ...(j === 2 ? { reason: 'maxIterations reached' } : {}),
    ...overrides,
  };
}

export function pathResult(fold: number, fits = [fit(0), fit(1), fit(2)]): FoldPathResult {
  return {
    fold,
    trainSize: 8,
    validationSize: fold === 0 ? 0 : 4,
    fits,
    train: new Float64Array([AWKWARD[0] * fold, AWKWARD[3], NaN]),
    validation: new Float64Array([fold === 0 ? NaN : AWKWARD[1], Infinity, AWKWARD[4]]),
  };
}

/** `db`: a store and a dataset its sweeps can refer to. */
export type SweepsUnderTest = Pick<StoreUnderTest, 'store' | 'datasetId'>;

export async function newSweep(db: SweepsUnderTest, name = 'sweep', createdAt = new Date('2026-01-02T03:04:05.678Z')) {
  return db.store.createSweep({
    name,
    datasetId: db.datasetId,
    datasetVersion: 1,
    config: baseConfig({ name }),
    scheduleId: null,
    createdAt,
  });
}

/** A planned sweep with every task of curve 0 finished, in the runner's order of calls. */
export async function plannedSweep(store: SweepStore, db: SweepsUnderTest) {
  const sweep = await newSweep(db);
  const { trials, tasks } = plan(sweep.id);
  const ids = await store.storePlan(sweep.id, trials, tasks);
  const curveIds = (curve: number) => trials.filter((t) => t.curve === curve).map((t) => ids.get(t.key)!);
  return { sweep, trials, tasks, ids, curveIds };
}

export function finished(sweepId: string, taskKey: string, trialIds: number[], fold: number, progressDone: number) {
  return { sweepId, taskKey, trialIds, result: pathResult(fold), featureNames: FEATURES, progressDone };
}

/** The sweeps list's total under `filters` (a page of 5, newest first). */
export async function listTotal(store: SweepStore, filters: SweepFilters): Promise<number> {
  return (await store.listSweeps({ page: 1, pageSize: 5, sort: 'createdAt', order: 'desc', ...filters })).total;
}
