/** The SQLite and PostgreSQL stores answer one script of SweepStore calls with the same values, serialized alike. */
import { AWKWARD, finished, plannedSweep } from './store-contract-fixtures';
import { DRIVERS, openStore } from './store-drivers';

describe('SQLite and PostgreSQL stores', () => {
  it('answer one script with the same values', async () => {
    const answers = [];
    for (const driver of DRIVERS) {
      const db = await openStore(driver);
      try {
        const { sweep, tasks, curveIds } = await plannedSweep(db.store, db);
        for (const curve of [0, 1]) {
          for (const fold of [0, 1, 2]) {
            const task = tasks[curve * 3 + fold];
            await db.store.markTaskStarted(task.key);
            await db.store.saveFinishedTask(finished(sweep.id, task.key, curveIds(curve), fold, curve * 3 + fold + 1));
          }
          await db.store.saveCurveStatistics(curveIds(curve), {
            trainMean: [1, AWKWARD[0], 3],
            validationMean: [AWKWARD[1], 2, NaN],
            validationSd: [0, 1, 2],
            gap: [0, 1, 2],
          });
        }
        const includes = { folds: true, coefficients: true, learningCurves: true };
        answers.push(
          JSON.stringify({
            curves: [await db.store.curveFoldRows(sweep.id, 0), await db.store.curveFoldRows(sweep.id, 1)],
            page: await db.store.trialPage(sweep.id, { page: 1, pageSize: 10, sort: 'gap', order: 'desc' }, includes),
            states: [...(await db.store.taskStates(sweep.id))].sort(),
            progress: (await db.store.findSweep(sweep.id))!.progressDone,
          }).replaceAll(sweep.id, '<sweep>'),
        );
      } finally {
        await db.close();
      }
    }
    expect(answers[1]).toBe(answers[0]);
  });
});
