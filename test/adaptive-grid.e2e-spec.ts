/* eslint-disable @typescript-eslint/no-explicit-any -- HTTP answers are untyped JSON here */
/**
 * Adaptive λ grids end to end: the diabetes four-penalty example (examples/diabetes-penalties.yaml), adaptive by
 * default, through the API on real workers and SQLite. Ridge and elastic net have lambdaMin at the small end of their
 * auto grids; the runner extends them a decade at a time until it is inside, then refines between lambdaMin's
 * neighbours, and the report lists what it added and why. The merged curves are checked against one long engine path
 * over the same λ.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { cvStatistics, evaluateFold, makeSplitPlan, validationFolds } from '@regsweep/engine';
import { loadDataset } from '@regsweep/datasets';
import { closeRelative, startTestApp, waitForSweep, type TestApp } from './helpers/test-app';

jest.setTimeout(300_000);

let t: TestApp;
let report: any;
let sweep: any;
let sweepId: string;
const example = parse(readFileSync(join(__dirname, '../examples/diabetes-penalties.yaml'), 'utf8'));
const config = example;

beforeAll(async () => {
  t = await startTestApp();
  const { body } = await t.http.post('/api/sweeps').send(config).expect(202);
  sweepId = body.id;
  sweep = await waitForSweep(t.http, sweepId, 240_000);
  report = (await t.http.get(`/api/sweeps/${sweepId}/report`).expect(200)).body;
});
afterAll(async () => {
  await t?.close();
});

const penalty = (name: string) => report.penalties.find((p: any) => p.penalty === name);

describe('the diabetes four-penalty example with an adaptive grid', () => {
  it('succeeds, with every added task counted in the progress', () => {
    expect(sweep.status).toBe('succeeded');
    const added = report.penalties.reduce((sum: number, p: any) => sum + (p.adaptive?.added.length ?? 0), 0);
    // 4 curves × 11 tasks (folds 0..10), and 11 more per extension or refinement.
    expect(sweep.progress).toEqual({ done: 44 + 11 * added, total: 44 + 11 * added });
  });

  it('extends ridge and elastic net at the small end, lists the added λ, and leaves no edge warning for them', () => {
    for (const name of ['l2', 'elasticnet']) {
      const curve = penalty(name);
      expect(curve.adaptive.limitReached).toBeNull();
      const small = curve.adaptive.added.filter((step: any) => step.direction === 'small');
      expect(small.length).toBeGreaterThan(0);
      for (const step of small) expect(step.reason).toMatch(/smallest λ of the curve/);
      const added = curve.adaptive.added.flatMap((step: any) => step.lambdas);
      expect(curve.curve).toHaveLength(100 + added.length);
      const lambdas = curve.curve.map((point: any) => point.lambda);
      for (const lambda of added) expect(lambdas).toContain(lambda);
      expect(lambdas).toEqual([...lambdas].sort((a: number, b: number) => b - a));
      expect(curve.overfitting.edge).toBe('none');
      expect(curve.lambdaMin).toBeGreaterThan(lambdas[lambdas.length - 1]);
      // Below the auto grid's end: found by the extension.
      expect(curve.lambdaMin).toBeLessThan(Math.min(...curve.curve.slice(0, 100).map((p: any) => p.lambda)));
    }
    expect(report.warnings.filter((w: string) => /^(l2|elasticnet).*(end of the grid|small end)/.test(w))).toEqual([]);
  });

  it('refines around an interior lambdaMin until the limit or until a finer λ cannot change the choice', () => {
    for (const name of ['l1', 'l2', 'elasticnet']) {
      const curve = penalty(name);
      const interior = curve.adaptive.added.filter((step: any) => step.direction === 'interior');
      for (const step of interior) {
        expect(step.reason).toMatch(/was interior/);
        expect(step.lambdas).toHaveLength(4); // REFINE_POINTS on each side
      }
      expect(interior.length).toBeLessThanOrEqual(curve.adaptive.refineLimit);
      const i = curve.curve.findIndex((point: any) => point.lambda === curve.lambdaMin);
      expect(i).toBeGreaterThan(0);
      expect(i).toBeLessThan(curve.curve.length - 1);
      if (interior.length === curve.adaptive.refineLimit) continue;
      // Stopped early: the better neighbour is within 0.01 · validationSd of the minimum (grid-refinement.ts).
      const [up, best, down] = [curve.curve[i - 1], curve.curve[i], curve.curve[i + 1]];
      expect(Math.min(up.validation, down.validation) - best.validation).toBeLessThanOrEqual(0.01 * best.validationSd);
    }
  });

  it('serves every added λ as a trial with its 11 fold results', async () => {
    const added = penalty('l2').adaptive.added.flatMap((step: any) => step.lambdas);
    const { body } = await t.http
      .get(`/api/sweeps/${sweepId}/trials`)
      .query({ penalty: 'l2', sort: 'lambda', order: 'asc', pageSize: 1000, include: 'folds' })
      .expect(200);
    expect(body.total).toBe(100 + added.length);
    const served = body.items.filter((trial: any) => added.includes(trial.lambda));
    expect(served.map((trial: any) => trial.lambda).sort()).toEqual([...added].sort());
    for (const trial of served) expect(trial.folds).toHaveLength(11);
  });

  it('matches one long engine path over the merged λ (warm-started extensions and refinements change nothing)', () => {
    const data = loadDataset('diabetes');
    const split = makeSplitPlan(data.rows, config.split, config.testFraction);
    const ridge = penalty('l2');
    const lambdas = Float64Array.from(ridge.curve.map((point: any) => point.lambda));
    const spec = {
      model: 'linear' as const,
      penalty: { kind: 'l2' as const, l1Ratio: 0 },
      lambdas,
      standardize: true,
      solver: { kind: 'cd' as const, tolerance: 1e-7, maxIterations: 100_000 },
    };
    const folds = validationFolds(split).map((fold) => evaluateFold(data, fold, spec, 'mse'));
    const stats = cvStatistics(folds, lambdas, 'mse');
    const worst = Math.max(
      ...ridge.curve.map((point: any, j: number) => Math.abs(point.validation / stats.validationMean[j] - 1)),
    );
    // The example's solver tolerance (glmnet's thresh 1e-7) bounds how far two warm-start histories can land apart.
    expect(worst).toBeLessThan(1e-5);
    expect(closeRelative(ridge.lambdaMin, stats.lambdaMin, 1e-12)).toBe(true);
  });
});
