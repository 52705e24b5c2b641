/**
 * The conclusion runs in time slices (common/in-time-slices.ts) and keeps two floats per fold row
 * (runner/curve-results-builder.ts); the report's JSON is written in slices (store/report-json.ts). Correctness only,
 * through the real server: the stored report of a real sweep, some of whose fits did not converge, equals the
 * report built the old way, from every stored row whole (stored-results.ts, fitWarnings on every fit), and the
 * sliced JSON text (and its UTF-8 bytes, which SQLite stores) equals JSON.stringify's.
 */
import { cvStatistics } from '@regsweep/engine';
import { buildReport, planSweep, type CurveResults, type SweepReport } from '@regsweep/sweep';
import { DatasetsService } from '../apps/server/src/datasets/datasets.service';
import { curveResultsFromRows } from '../apps/server/src/runner/stored-results';
import { reportJsonBytesInSlices, reportJsonInSlices } from '../apps/server/src/store/report-json';
import { SweepStore } from '../apps/server/src/store/sweep-store';
import { startTestApp, waitForSweep, type TestApp } from './helpers/test-app';

jest.setTimeout(120_000);

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

it('stores the report the whole rows give, warnings of unconverged fits included, as JSON.stringify writes it', async () => {
  const { body } = await t.http
    .post('/api/sweeps')
    .send({
      name: 'sliced',
      dataset: 'diabetes',
      model: 'linear',
      penalties: ['l1', 'elasticnet', 'l2'],
      l1Ratios: [0.5],
      // The fixed grid: the report is rebuilt below from the planned curves alone (adaptive extensions and their
      // merge are adaptive-grid.e2e-spec.ts's subject).
      lambdas: { auto: { count: 300, minRatio: 0.00001, adaptive: false } },
      split: { kind: 'kfold', folds: 5, seed: 4 },
      // Few passes: the small-λ fits stop unconverged, so the fit warnings have something to count.
      solver: { kind: 'cd', maxIterations: 3, tolerance: 1e-12 },
    })
    .expect(202);
  expect(await waitForSweep(t.http, body.id)).toMatchObject({ status: 'succeeded' });
  const stored = (await t.http.get(`/api/sweeps/${body.id}/report`).expect(200)).body as SweepReport;

  const store = t.app.get(SweepStore);
  const datasets = t.app.get(DatasetsService);
  const sweep = (await store.findSweep(body.id))!;
  const data = await datasets.loadForSweep(await datasets.getEntity(sweep.datasetId), sweep.config.target);
  const plan = planSweep(body.id, sweep.config, data);
  const results: CurveResults[] = [];
  for (const curve of plan.curves) {
    const whole = curveResultsFromRows(curve, await store.curveFoldRows(body.id, curve.index), data.names);
    results.push({ ...whole, statistics: cvStatistics(whole.folds, curve.lambdas, sweep.config.metric) });
  }
  const fromWholeRows = buildReport({
    sweepId: body.id,
    config: sweep.config,
    results,
    featureNames: data.names,
    data,
    testRows: plan.split.testRows,
    failures: [],
  });

  expect(fromWholeRows.warnings.some((warning) => warning.includes('did not converge'))).toBe(true);
  expect(stored).toEqual(JSON.parse(JSON.stringify(fromWholeRows)));
  expect(await reportJsonInSlices(fromWholeRows)).toBe(JSON.stringify(fromWholeRows));
  // The bytes SQLite stores (as TEXT): the same text in UTF-8, the warnings' "λ" included.
  const bytes = await reportJsonBytesInSlices(fromWholeRows);
  expect(bytes.toString('utf8')).toBe(JSON.stringify(fromWholeRows));
  expect(bytes.length).toBeGreaterThan(JSON.stringify(fromWholeRows).length);
});
