/**
 * One contract for every SweepStore driver (SQLite, PostgreSQL), as Optuna tests its storages: each test runs on a
 * fresh database of each driver (store-drivers.ts) and only through the SweepStore interface, plus row counts read
 * from the database itself. store-drivers-agree.spec.ts runs one script on both and compares every answer.
 */
import type { SweepReport } from '@regsweep/sweep';
import { AWKWARD, finished, fit, listTotal, newSweep, pathResult, plannedSweep } from './store-contract-fixtures';
import { DRIVERS, openStore, type Driver, type StoreUnderTest } from './store-drivers';

describe.each([...DRIVERS, 'sqlite-writer'] satisfies Driver[])('SweepStore on %s', (driver) => {
  let db: StoreUnderTest;
  beforeEach(async () => {
    db = await openStore(driver);
  });
  afterEach(() => db.close());

  it('stores a sweep as queued and keeps its config, dates and report exactly', async () => {
    const sweep = await newSweep(db);
    expect(sweep).toMatchObject({ name: 'sweep', status: 'queued', progressDone: 0, progressTotal: 0, error: null });
    expect(await db.store.findSweep(sweep.id)).toEqual({ ...sweep, report: null });
    expect(await db.store.findReport(sweep.id)).toBeNull();
    expect(await db.store.findReport('no-such-sweep')).toBeUndefined();
    expect(await db.store.findSweep('no-such-sweep')).toBeNull();

    await db.store.markSweepRunning(sweep.id, new Date('2026-01-02T03:05:00.001Z'), 6, 2);
    const report = {
      sweepId: sweep.id,
      best: { penalty: 'l1', l1Ratio: 1, lambda: AWKWARD[0], validation: { mean: AWKWARD[3], sd: 0 } },
      zebra: AWKWARD,
      alpha: 'keys stay in this order',
    } as unknown as SweepReport;
    await db.store.finishSweep(sweep.id, { status: 'succeeded', finishedAt: new Date('2026-01-02T04:00:00Z'), report });
    expect(JSON.stringify(await db.store.findReport(sweep.id))).toBe(JSON.stringify(report));
    expect(await db.store.findSweepSummary(sweep.id)).toEqual({
      sweep: expect.objectContaining({
        status: 'succeeded',
        progressDone: 2,
        progressTotal: 6,
        startedAt: new Date('2026-01-02T03:05:00.001Z'),
        finishedAt: new Date('2026-01-02T04:00:00Z'),
      }),
      best: { penalty: 'l1', l1Ratio: 1, lambda: AWKWARD[0], validation: AWKWARD[3] },
    });
  });

  it('keeps a sweep’s provenance: the regsweep version given at creation, the dataset checksum recorded later', async () => {
    const sweep = await db.store.createSweep({
      name: 'provenance',
      datasetId: db.datasetId,
      datasetVersion: 1,
      config: (await newSweep(db)).config,
      scheduleId: null,
      createdAt: new Date('2026-01-02T03:04:05.678Z'),
      regsweepVersion: '1.2.3-test',
    });
    expect(sweep).toMatchObject({ regsweepVersion: '1.2.3-test', datasetChecksum: null });
    await db.store.recordDatasetChecksum(sweep.id, 'sha256:abc');
    expect(await db.store.findSweep(sweep.id)).toMatchObject({
      regsweepVersion: '1.2.3-test',
      datasetChecksum: 'sha256:abc',
    });
    expect((await db.store.findSweepSummary(sweep.id))?.sweep).toMatchObject({ datasetChecksum: 'sha256:abc' });
    expect(await db.store.findSweep((await newSweep(db, 'old')).id)).toMatchObject({ regsweepVersion: null });
  });

  it('keeps the threads a run chose and why, null before (sweep.concurrency)', async () => {
    const sweep = await newSweep(db, 'threads');
    expect(sweep.concurrency).toBeNull();
    const choice = { threads: 1, reason: 'estimated 3.6e+8 multiply-adds < 1.5e+9', estimatedMultiplyAdds: 3.6e8 };
    await db.store.recordConcurrency(sweep.id, choice);
    expect((await db.store.findSweep(sweep.id))?.concurrency).toEqual(choice);
    expect((await db.store.findSweepSummary(sweep.id))?.sweep.concurrency).toEqual(choice);
    const listed = await db.store.listSweeps({ page: 1, pageSize: 10, sort: 'createdAt', order: 'asc' });
    expect(listed.items.find((item) => item.sweep.id === sweep.id)?.sweep.concurrency).toEqual(choice);
  });

  it('lists sweeps paged, sorted, filtered by status; unfinished ones oldest first', async () => {
    const b = await newSweep(db, 'b', new Date('2026-01-01T00:00:02Z'));
    const a = await newSweep(db, 'a', new Date('2026-01-01T00:00:03Z'));
    const c = await newSweep(db, 'C', new Date('2026-01-01T00:00:01Z'));
    await db.store.finishSweep(a.id, { status: 'failed', finishedAt: new Date('2026-01-01T00:01:00Z'), error: 'x' });
    const names = async (sort: 'name' | 'finishedAt', order: 'asc' | 'desc', page = 1) =>
      (await db.store.listSweeps({ page, pageSize: 2, sort, order })).items.map((item) => item.sweep.name);
    // Byte order ('C' < 'a' < 'b'), as SQLite compares text; NULLs first ascending, last descending.
    expect([...(await names('name', 'asc')), ...(await names('name', 'asc', 2))]).toEqual(['C', 'a', 'b']);
    expect(await names('name', 'desc')).toEqual(['b', 'a']);
    expect((await names('finishedAt', 'asc', 2))[0]).toBe('a');
    expect((await names('finishedAt', 'desc'))[0]).toBe('a');
    const failed = await db.store.listSweeps({
      page: 1,
      pageSize: 10,
      sort: 'createdAt',
      order: 'asc',
      status: ['failed'],
    });
    expect(failed.total).toBe(1);
    expect(failed.items[0]).toEqual({ sweep: expect.objectContaining({ id: a.id, error: 'x' }), best: null });
    expect(await db.store.findUnfinishedSweepIds()).toEqual([c.id, b.id]);
    await db.store.markSweepRunning(b.id, new Date(), 1, 0);
    await db.store.requeueSweep(b.id);
    expect((await db.store.findSweep(b.id))!.status).toBe('queued');
  });

  it('stores a plan once: a second storePlan (a resume) adds nothing and answers the same ids', async () => {
    const { sweep, trials, tasks, ids } = await plannedSweep(db.store, db);
    expect(ids.size).toBe(trials.length);
    // Ids follow the plan's order.
    const inOrder = trials.map((t) => ids.get(t.key)!);
    expect([...inOrder].sort((x, y) => x - y)).toEqual(inOrder);
    expect(await db.store.storePlan(sweep.id, trials, tasks)).toEqual(ids);
    expect(await db.count('trial', sweep.id)).toBe(6);
    expect(await db.count('task', sweep.id)).toBe(6);
    const states = await db.store.taskStates(sweep.id);
    expect([...states.values()]).toEqual(new Array(6).fill({ status: 'pending', attempts: 0 }));
  });

  it('counts task starts, retries and resets', async () => {
    const { sweep, tasks } = await plannedSweep(db.store, db);
    const [first, second] = tasks;
    expect(await db.store.markTaskStarted(first.key)).toBe(1);
    await db.store.markTaskForRetry(first.key, 'worker died');
    expect(await db.store.markTaskStarted(first.key)).toBe(2);
    expect(await db.store.markTaskStarted(second.key)).toBe(1);
    await db.store.resetRunningTasks(sweep.id, { uncount: true });
    let states = await db.store.taskStates(sweep.id);
    expect(states.get(first.key)).toEqual({ status: 'pending', attempts: 1 });
    expect(states.get(second.key)).toEqual({ status: 'pending', attempts: 0 });
    await db.store.markTaskStarted(second.key);
    await db.store.resetRunningTasks(sweep.id, { uncount: false });
    states = await db.store.taskStates(sweep.id);
    expect(states.get(second.key)).toEqual({ status: 'pending', attempts: 1 });
    await expect(db.store.markTaskStarted('no-such-task')).rejects.toThrow('is not stored');
  });

  it('stores a finished task bit for bit, and a second save of it overwrites instead of adding', async () => {
    const { sweep, tasks, curveIds } = await plannedSweep(db.store, db);
    const trialIds = curveIds(0);
    for (const fold of [1, 0]) {
      await db.store.markTaskStarted(tasks[fold].key);
      await db.store.saveFinishedTask(finished(sweep.id, tasks[fold].key, trialIds, fold, 2 - fold));
    }
    await db.store.saveFinishedTask(finished(sweep.id, tasks[1].key, trialIds, 1, 2));
    expect(await db.count('fold_result', sweep.id)).toBe(6);
    expect((await db.store.findSweep(sweep.id))!.progressDone).toBe(2);
    expect((await db.store.taskStates(sweep.id)).get(tasks[1].key)).toEqual({ status: 'done', attempts: 1 });

    const rows = await db.store.curveFoldRows(sweep.id, 0);
    expect(rows.map((row) => [row.fold, row.lambdaIndex])).toEqual([
      [0, 0],
      [0, 1],
      [0, 2],
      [1, 0],
      [1, 1],
      [1, 2],
    ]);
    const fold1 = rows[3];
    expect(fold1).toEqual({
      curve: 0,
      lambdaIndex: 0,
      lambda: 10,
      fold: 1,
      trainSize: 8,
      validationSize: 4,
      train: AWKWARD[0],
      validation: AWKWARD[1],
      iterations: 10,
      converged: 1,
      status: 'ok',
      reason: null,
      intercept: AWKWARD[0],
      nonzeros: 1,
      coefficients: null,
      intercepts: null,
      learningCurve: null, // only read when asked for (model mlp)
      networkParameters: null, // likewise
    });
    // Non-finite metrics are stored as NULL; the full-data fit's coefficients as JSON of the exact doubles.
    expect(rows[4]).toMatchObject({ train: AWKWARD[3], validation: null, lambda: 1 });
    expect(rows[2]).toMatchObject({ train: null, validation: AWKWARD[4], converged: 0, status: 'not_converged' });
    expect(JSON.parse(rows[1].coefficients!)).toEqual({ a: AWKWARD[2], b: -AWKWARD[3] });
    expect(rows[2].lambda).toBe(0.1 + 0.2);

    const page = await db.store.trialPage(
      sweep.id,
      { page: 1, pageSize: 3, order: 'asc' },
      { folds: true, coefficients: true, learningCurves: false },
    );
    expect(page.total).toBe(6);
    expect(page.items[2]).toMatchObject({
      status: 'not_converged',
      reason: 'maxIterations reached',
      converged: false,
      iterations: 12,
      nonzeros: 2,
      coefficients: { a: AWKWARD[3], b: -AWKWARD[4] },
    });
    expect(page.items[0].folds!.map((f) => [f.fold, f.converged, f.validation])).toEqual([
      [0, true, null],
      [1, true, AWKWARD[1]],
    ]);
  });

  it('stores a multinomial full-data path: {class: {feature: value}} coefficients and {class: value} intercepts', async () => {
    const { sweep, tasks, curveIds } = await plannedSweep(db.store, db);
    const classes = ['Iris "setosa"', 'b,c', 'ünï'];
    // Class-major coefficients (K·p = 3·2) and K intercepts per fit, awkward doubles and a non-finite one among them.
    const multinomialFit = (j: number) =>
      fit(j, {
        intercept: NaN,
        intercepts: new Float64Array([AWKWARD[j], -AWKWARD[j + 1], AWKWARD[j + 1] - AWKWARD[j]]),
        coefficients: new Float64Array([AWKWARD[j], 0, -AWKWARD[j + 2], AWKWARD[3], j === 2 ? NaN : 1, -2.5]),
      });
    await db.store.saveFinishedTask({
      ...finished(sweep.id, tasks[0].key, curveIds(0), 0, 1),
      result: pathResult(0, [multinomialFit(0), multinomialFit(1), multinomialFit(2)]),
      classes,
    });
    const rows = await db.store.curveFoldRows(sweep.id, 0);
    expect(rows).toHaveLength(3);
    expect(rows[1].intercept).toBeNull();
    expect(JSON.parse(rows[1].intercepts!)).toEqual({
      [classes[0]]: AWKWARD[1],
      [classes[1]]: -AWKWARD[2],
      [classes[2]]: AWKWARD[2] - AWKWARD[1],
    });
    expect(JSON.parse(rows[2].coefficients!)).toEqual({
      [classes[0]]: { a: AWKWARD[2], b: 0 },
      [classes[1]]: { a: -AWKWARD[4], b: AWKWARD[3] },
      [classes[2]]: { a: null, b: -2.5 },
    });

    const page = await db.store.trialPage(
      sweep.id,
      { page: 1, pageSize: 3, order: 'asc' },
      { folds: false, coefficients: true, learningCurves: false },
    );
    expect(page.items[0]).toMatchObject({
      intercept: null,
      intercepts: { [classes[0]]: AWKWARD[0], [classes[1]]: -AWKWARD[1], [classes[2]]: AWKWARD[1] - AWKWARD[0] },
      coefficients: { [classes[1]]: { a: -AWKWARD[2], b: AWKWARD[3] } },
    });
    // A trial of the other models has no `intercepts`; without include=coefficients neither has.
    const light = await db.store.trialPage(
      sweep.id,
      { page: 1, pageSize: 1, order: 'asc' },
      { folds: false, coefficients: false, learningCurves: false },
    );
    expect(light.items[0]).not.toHaveProperty('intercepts');
  });

  it('stores an mlp full-data network per trial bit for bit, once (a re-run overwrites), read when asked for', async () => {
    const { sweep, tasks, curveIds } = await plannedSweep(db.store, db);
    const trialIds = curveIds(0);
    // Doubles whose bits a text round trip could change (NaN, -0, subnormals), as the bytes must survive.
    const parameters = (j: number, shift = 0) => new Float64Array([AWKWARD[j] + shift, -0, NaN, AWKWARD[j + 1], 1]);
    const fullData = (shift: number) =>
      pathResult(0, [
        fit(0, { networkParameters: parameters(0, shift) }),
        fit(1, { networkParameters: parameters(1, shift) }),
        fit(2), // a full-data fit without a network (scored on test rows and stopped early): nothing stored
      ]);
    await db.store.saveFinishedTask({ ...finished(sweep.id, tasks[0].key, trialIds, 0, 1), result: fullData(1) });
    await db.store.saveFinishedTask({ ...finished(sweep.id, tasks[0].key, trialIds, 0, 1), result: fullData(0) });
    await db.store.saveFinishedTask(finished(sweep.id, tasks[1].key, trialIds, 1, 2));
    expect(await db.count('trial_network', sweep.id)).toBe(2);

    const rows = await db.store.curveFoldRows(sweep.id, 0, { networks: true });
    const bytes = (values: Float64Array) => Buffer.from(values.buffer);
    expect(rows.map((row) => [row.fold, row.networkParameters && Buffer.from(row.networkParameters)])).toEqual([
      [0, bytes(parameters(0))],
      [0, bytes(parameters(1))],
      [0, null],
      [1, null],
      [1, null],
      [1, null],
    ]);
    const unasked = await db.store.curveFoldRows(sweep.id, 0, { learningCurves: true });
    expect(unasked.map((row) => row.networkParameters)).toEqual([null, null, null, null, null, null]);
  });

  it('stores a failed task: failed fold rows, failed trials that a later full-data fit does not revive', async () => {
    const { sweep, tasks, curveIds } = await plannedSweep(db.store, db);
    const trialIds = curveIds(1);
    await db.store.markTaskStarted(tasks[4].key);
    await db.store.saveFailedTask({
      sweepId: sweep.id,
      taskKey: tasks[4].key,
      trialIds,
      fold: 1,
      trainSize: 8,
      validationSize: 4,
      reason: 'out of memory',
      progressDone: 1,
    });
    await db.store.saveFinishedTask(finished(sweep.id, tasks[3].key, trialIds, 0, 2));
    expect(await db.store.taskFailures(sweep.id)).toEqual([{ curve: 1, fold: 1, attempts: 1, error: 'out of memory' }]);
    const page = await db.store.trialPage(
      sweep.id,
      { page: 1, pageSize: 10, order: 'asc', penalty: 'l2' },
      { folds: true, coefficients: false, learningCurves: false },
    );
    expect(page.items.map((t) => [t.status, t.reason, t.nonzeros])).toEqual([
      ['failed', 'fold 1: out of memory', 1],
      ['failed', 'fold 1: out of memory', 2],
      ['failed', 'fold 1: out of memory', 2],
    ]);
    expect(page.items[0].folds!.find((f) => f.fold === 1)).toMatchObject({
      status: 'failed',
      reason: 'out of memory',
      train: null,
    });
  });

  it('sorts and filters the trials page on the stored cross-validation means, NULLs last', async () => {
    const { sweep, curveIds } = await plannedSweep(db.store, db);
    await db.store.saveCurveStatistics(curveIds(0), {
      trainMean: [1, 2, 3],
      validationMean: [AWKWARD[3], NaN, 0.5],
      validationSd: [0, 0, 0],
      gap: [AWKWARD[0], 0, -1],
    });
    const sorted = async (order: 'asc' | 'desc') =>
      (
        await db.store.trialPage(
          sweep.id,
          { page: 1, pageSize: 4, sort: 'validationMean', order },
          { folds: false, coefficients: false, learningCurves: false },
        )
      ).items.map((t) => t.validationMean);
    expect(await sorted('asc')).toEqual([AWKWARD[3], 0.5, null, null]);
    expect(await sorted('desc')).toEqual([0.5, AWKWARD[3], null, null]);
    const byPenalty = await db.store.trialPage(
      sweep.id,
      { page: 2, pageSize: 4, sort: 'penalty', order: 'desc' },
      { folds: false, coefficients: false, learningCurves: false },
    );
    expect(byPenalty.items.map((t) => t.penalty)).toEqual(['l1', 'l1']);
    expect(byPenalty.items.map((t) => t.gap)).toEqual([0, -1]);
  });

  it('reads several sweeps side by side in one statement per table: rows with best model and dataset, curve points', async () => {
    const first = await plannedSweep(db.store, db);
    await db.store.saveCurveStatistics(first.curveIds(0), {
      trainMean: [1, 2, 3],
      validationMean: [AWKWARD[3], NaN, 0.5],
      validationSd: [AWKWARD[0], 0, 0],
      gap: [0, 0, 0],
    });
    const best = {
      penalty: 'l1',
      l1Ratio: 1,
      lambda: 1,
      validation: { mean: 0.5, sd: 0 },
      nonzeros: 2,
      test: { mse: 0.25 },
    };
    const report = { sweepId: first.sweep.id, best } as unknown as SweepReport;
    await db.store.finishSweep(first.sweep.id, { status: 'succeeded', finishedAt: new Date(), report });
    const second = await newSweep(db, 'second', new Date('2026-01-03T00:00:00Z'));

    const { sweeps, points } = await db.store.compareSweeps([second.id, first.sweep.id, 'no-such-sweep']);
    const byId = new Map(sweeps.map((row) => [row.sweep.id, row]));
    expect(sweeps).toHaveLength(2);
    expect(byId.get(first.sweep.id)).toEqual({
      sweep: expect.objectContaining({ id: first.sweep.id, status: 'succeeded', config: first.sweep.config }),
      best,
      datasetName: 'small',
    });
    expect(byId.get(second.id)).toEqual({
      sweep: expect.objectContaining({ name: 'second' }),
      best: null,
      datasetName: 'small',
    });
    // Only the planned sweep has trials: curve, then λ index, with the stored means (NULL where not finite).
    expect(points).toEqual([
      ...[10, 1, 0.1 + 0.2].map((lambda, j) => ({
        sweepId: first.sweep.id,
        curve: 0,
        penalty: 'l1',
        l1Ratio: 1,
        lambda,
        validationMean: [AWKWARD[3], null, 0.5][j],
        validationSd: [AWKWARD[0], 0, 0][j],
      })),
      ...[10, 1, 0.1 + 0.2].map((lambda) => ({
        sweepId: first.sweep.id,
        curve: 1,
        penalty: 'l2',
        l1Ratio: 0,
        lambda,
        validationMean: null,
        validationSd: null,
      })),
    ]);
  });

  it('lists the sweeps of a dataset name oldest first, paged, each with its best summary', async () => {
    const late = await newSweep(db, 'late', new Date('2026-01-05T00:00:00Z'));
    const early = await newSweep(db, 'early', new Date('2026-01-04T00:00:00Z'));
    const page = await db.store.listDatasetSweeps('small', 1, 1);
    expect(page.total).toBe(2);
    expect(page.items).toEqual([{ sweep: expect.objectContaining({ id: early.id }), best: null }]);
    expect((await db.store.listDatasetSweeps('small', 2, 1)).items[0].sweep.id).toBe(late.id);
    expect(await db.store.listDatasetSweeps('no-such-dataset', 1, 10)).toEqual({ items: [], total: 0 });
  });

  it('never takes the progress back when tasks finish out of order (their rows are written in interleaved slices)', async () => {
    const { sweep, tasks, curveIds } = await plannedSweep(db.store, db);
    await db.store.saveFinishedTask(finished(sweep.id, tasks[0].key, curveIds(0), 0, 2));
    await db.store.saveFinishedTask(finished(sweep.id, tasks[1].key, curveIds(0), 1, 1));
    expect((await db.store.findSweep(sweep.id))!.progressDone).toBe(2);
  });

  it('lets two connections (two processes) store the same task at once: one set of rows, every start counted', async () => {
    const other = await db.second();
    const { sweep, tasks, curveIds } = await plannedSweep(db.store, db);
    const task = finished(sweep.id, tasks[1].key, curveIds(0), 1, 1);
    // Progress 1..4 from two connections at once: whatever order the transactions commit in, it ends at 4.
    await Promise.all(
      [db.store, other, db.store, other].map((store, i) => store.saveFinishedTask({ ...task, progressDone: i + 1 })),
    );
    expect(await db.count('fold_result', sweep.id)).toBe(3);
    expect((await db.store.findSweep(sweep.id))!.progressDone).toBe(4);
    const attempts = await Promise.all(
      Array.from({ length: 8 }, (_, i) => (i % 2 ? other : db.store).markTaskStarted(tasks[2].key)),
    );
    expect([...attempts].sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  // The SQLite store keeps a filter's count while the file's rows are unchanged (sweep-rows.ts): it must move with them.
  it('answers the new list total under a filter after a new sweep, a status change and new tags', async () => {
    const BASELINE_SUCCEEDED = { tag: ['baseline'], status: ['succeeded' as const] };
    const first = await newSweep(db, 'first');
    await db.store.setSweepTracking(first.id, { tags: ['baseline'] });
    await db.store.finishSweep(first.id, { status: 'succeeded', finishedAt: new Date() });
    expect(await listTotal(db.store, BASELINE_SUCCEEDED)).toBe(1);
    expect(await listTotal(db.store, BASELINE_SUCCEEDED)).toBe(1);

    const second = await newSweep(db, 'second');
    expect(await listTotal(db.store, {})).toBe(2);
    await db.store.setSweepTracking(second.id, { tags: ['baseline', 'paper'] });
    expect(await listTotal(db.store, BASELINE_SUCCEEDED)).toBe(1);
    await db.store.finishSweep(second.id, { status: 'succeeded', finishedAt: new Date() });
    expect(await listTotal(db.store, BASELINE_SUCCEEDED)).toBe(2);

    await db.store.setSweepTracking(first.id, { tags: [] });
    expect(await listTotal(db.store, BASELINE_SUCCEEDED)).toBe(1);
    expect(await listTotal(db.store, { tag: ['paper'] })).toBe(1);
  });
});
