/* eslint-disable @typescript-eslint/no-explicit-any -- HTTP answers are untyped JSON here */
/**
 * search.strategy tpe end to end: through the API on two real worker threads and SQLite. Trial n is asked from the
 * outcomes of trials 0 … n − 2 only, so two runs of the same config ask the same trials whatever order the workers
 * finish in; every trial's stored CV mean is checked against the engine run directly on the same folds.
 */
import { cvStatistics, evaluateFold, makeSplitPlan, validationFolds } from '@regsweep/engine';
import { loadDataset } from '@regsweep/datasets';
import { diabetesSearchSweep } from './helpers/sweep-configs';
import { closeRelative, startTestApp, waitForSweep, type TestApp } from './helpers/test-app';

jest.setTimeout(300_000);

const config = { ...diabetesSearchSweep('tpe-diabetes', { strategy: 'tpe', trials: 30, seed: 3 }), concurrency: 2 };

let t: TestApp;
const runs: { id: string; sweep: any; report: any; trials: any[] }[] = [];

beforeAll(async () => {
  t = await startTestApp();
  for (let run = 0; run < 2; run++) {
    const { body } = await t.http.post('/api/sweeps').send(config).expect(202);
    const sweep = await waitForSweep(t.http, body.id, 240_000);
    const report = (await t.http.get(`/api/sweeps/${body.id}/report`).expect(200)).body;
    const trials = (
      await t.http.get(`/api/sweeps/${body.id}/trials`).query({ pageSize: 1000, include: 'folds' }).expect(200)
    ).body.items;
    runs.push({ id: body.id, sweep, report, trials });
  }
});
afterAll(async () => {
  await t?.close();
});

const pointsOf = (trials: any[]) => trials.map((trial) => `${trial.penalty}|${trial.l1Ratio}|${trial.lambda}`).sort();

describe('a tpe search through the API', () => {
  it('runs its 30 trials, each on folds 1..5 and the full data', () => {
    const [{ sweep, trials }] = runs;
    expect(sweep.status).toBe('succeeded');
    expect(sweep.progress).toEqual({ done: 30 * 6, total: 30 * 6 });
    expect(trials).toHaveLength(30);
    for (const trial of trials) {
      expect(trial.folds).toHaveLength(6);
      expect(trial.lambda).toBeGreaterThanOrEqual(0.001);
      expect(trial.lambda).toBeLessThanOrEqual(1000);
    }
  });

  it('asks the same trials again with the same seed and concurrency', () => {
    expect(pointsOf(runs[1].trials)).toEqual(pointsOf(runs[0].trials));
  });

  it("stores each trial's CV mean as the engine computes it on the same folds", () => {
    const data = loadDataset('diabetes');
    const folds = validationFolds(makeSplitPlan(data.rows, config.split as any, 0));
    for (const trial of runs[0].trials.slice(0, 8)) {
      const spec = {
        model: 'linear' as const,
        penalty: { kind: trial.penalty, l1Ratio: trial.l1Ratio },
        lambdas: Float64Array.of(trial.lambda),
        standardize: true,
        solver: { kind: 'cd' as const, tolerance: 1e-7, maxIterations: 100_000 },
      };
      const stats = cvStatistics(
        folds.map((fold) => evaluateFold(data, fold, spec, 'mse')),
        spec.lambdas,
        'mse',
      );
      expect(closeRelative(trial.validationMean, stats.validationMean[0], 1e-6)).toBe(true);
    }
  });

  it('reports one curve per penalty over the λ the search asked, with the best trial as best', () => {
    const [{ report, trials }] = runs;
    const asked = report.penalties.reduce((sum: number, p: any) => sum + p.curve.length, 0);
    expect(asked).toBe(30);
    for (const curve of report.penalties) {
      const lambdas = curve.curve.map((point: any) => point.lambda);
      expect(lambdas).toEqual([...lambdas].sort((a: number, b: number) => b - a));
    }
    const bestTrial = Math.min(...trials.map((trial: any) => trial.validationMean));
    const bestCurve = report.penalties.find((p: any) => p.penalty === report.best.penalty);
    const atLambdaMin = bestCurve.curve.find((point: any) => point.lambda === bestCurve.lambdaMin);
    expect(closeRelative(atLambdaMin.validation, bestTrial, 1e-12)).toBe(true);
  });
});

describe('a tpe search with the median pruner (one worker: trials run in order, so pruning is reproducible)', () => {
  const pruned = {
    ...config,
    name: 'tpe-median',
    search: { strategy: 'tpe', trials: 30, seed: 5, pruner: { kind: 'median', startupTrials: 3 } },
    concurrency: 1,
  };
  let sweep: any;
  let report: any;
  let trials: any[];

  beforeAll(async () => {
    const { body } = await t.http.post('/api/sweeps').send(pruned).expect(202);
    sweep = await waitForSweep(t.http, body.id, 240_000);
    report = (await t.http.get(`/api/sweeps/${body.id}/report`).expect(200)).body;
    trials = (await t.http.get(`/api/sweeps/${body.id}/trials`).query({ pageSize: 1000, include: 'folds' }).expect(200))
      .body.items;
  });

  /** The running CV mean over folds 1..step of a trial's stored fold rows (weights: validation sizes). */
  const runningMean = (trial: any, step: number) => {
    const folds = trial.folds.filter((f: any) => f.fold >= 1 && f.fold <= step);
    const weight = folds.reduce((sum: number, f: any) => sum + f.validationSize, 0);
    return folds.reduce((sum: number, f: any) => sum + f.validationSize * f.validation, 0) / weight;
  };

  it('stores pruned trials as pruned, with the step and the running mean that pruned them', () => {
    expect(sweep.status).toBe('succeeded');
    const stopped = trials.filter((trial) => trial.status === 'pruned');
    expect(stopped.length).toBeGreaterThan(0);
    for (const trial of stopped) {
      expect(trial.prunedStep).toBeGreaterThanOrEqual(1);
      expect(trial.prunedStep).toBeLessThan(5);
      expect(trial.folds.map((f: any) => f.fold)).toEqual(Array.from({ length: trial.prunedStep }, (_, k) => k + 1));
      expect(closeRelative(trial.prunedValue, runningMean(trial, trial.prunedStep), 1e-12)).toBe(true);
    }
    expect(sweep.progress.done).toBe(sweep.progress.total);
  });

  it('prunes exactly where the median rule says, against the trials completed before', () => {
    // Trials run in order (curve = trial order): trial n sees the complete trials among 0..n−1.
    const ordered = [...trials].sort((a, b) => a.curve - b.curve);
    ordered.forEach((trial, n) => {
      const complete = ordered.slice(0, n).filter((u) => u.status !== 'pruned');
      if (complete.length < 3) return expect(trial.status).not.toBe('pruned');
      const steps = trial.status === 'pruned' ? trial.prunedStep : 4;
      for (let step = 1; step <= steps; step++) {
        const atStep = complete.map((u) => runningMean(u, step)).sort((a, b) => a - b);
        const median = 0.5 * (atStep[Math.floor((atStep.length - 1) / 2)] + atStep[Math.ceil((atStep.length - 1) / 2)]);
        const best = Math.min(...Array.from({ length: step }, (_, k) => runningMean(trial, k + 1)));
        const prunedHere = trial.status === 'pruned' && step === trial.prunedStep;
        expect(best > median).toBe(prunedHere);
      }
    });
  });

  it('lists the pruned trials in the report and keeps them out of its curves', () => {
    const stopped = trials.filter((trial) => trial.status === 'pruned');
    expect(report.pruned).toHaveLength(stopped.length);
    const points = report.penalties.reduce((sum: number, p: any) => sum + p.curve.length, 0);
    expect(points).toBe(30 - stopped.length);
  });
});

describe('a tpe search over listed λ values (points repeat)', () => {
  it('runs each distinct point once, and its progress ends at its total', async () => {
    const listed = {
      ...config,
      name: 'tpe-values',
      penalties: ['l2'],
      lambdas: { values: [0.01, 0.1, 1, 10] },
      search: { strategy: 'tpe', trials: 12, seed: 2 },
    };
    const { body } = await t.http.post('/api/sweeps').send(listed).expect(202);
    const sweep = await waitForSweep(t.http, body.id, 240_000);
    expect(sweep.status).toBe('succeeded');
    const trials = (
      await t.http.get(`/api/sweeps/${body.id}/trials`).query({ pageSize: 1000, include: 'folds' }).expect(200)
    ).body.items;
    expect(trials.length).toBeLessThanOrEqual(4);
    expect(new Set(trials.map((trial: any) => trial.lambda)).size).toBe(trials.length);
    expect(sweep.progress).toEqual({ done: trials.length * 6, total: trials.length * 6 });
  });
});
