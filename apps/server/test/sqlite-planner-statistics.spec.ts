/**
 * SqlitePlannerStatistics on the real migrations' schema: without statistics SQLite reads a common status through
 * its index and sorts every match for a page of the sweeps list; once the sweep table is analyzed it walks the
 * createdAt index instead and stops at the page's end.
 */
import { SqlitePlannerStatistics } from '../src/database/sqlite-planner-statistics';
import { baseConfig } from './fakes';
import { openTestDatabase, type TestDatabase } from './test-database';

let db: TestDatabase;
beforeEach(async () => {
  db = await openTestDatabase();
});
afterEach(() => db.close());

const PAGE_SQL = "SELECT id FROM sweep WHERE status = 'succeeded' ORDER BY createdAt DESC, id DESC LIMIT 20";

function plan(): string {
  const rows = db.sqlite.statement(`EXPLAIN QUERY PLAN ${PAGE_SQL}`).all() as { detail: string }[];
  return rows.map((row) => row.detail).join(' | ');
}

it('analyzes the sweep table, so a page of a common status walks the createdAt index', async () => {
  for (let i = 0; i < 200; i++) {
    const sweep = await db.store.createSweep({
      name: `s${i}`,
      datasetId: db.small.id,
      datasetVersion: 1,
      config: baseConfig({ name: `s${i}` }),
      scheduleId: null,
      createdAt: new Date(Date.UTC(2026, 0, 1, 0, i)),
    });
    await db.store.finishSweep(sweep.id, { status: i % 10 ? 'succeeded' : 'failed', finishedAt: new Date() });
  }
  expect(plan()).toMatch(/USING (COVERING )?INDEX IDX_sweep_status/);

  const statistics = new SqlitePlannerStatistics(db.sqlite);
  statistics.refresh();
  const stats = db.sqlite.statement("SELECT stat FROM sqlite_stat1 WHERE idx = 'IDX_sweep_status'").get() as {
    stat: string;
  };
  expect(stats.stat).toBe('200 100'); // 200 rows, 100 per status value on average (two values)
  expect(plan()).toMatch(/SCAN sweep USING INDEX IDX_sweep_createdAt/);
});
