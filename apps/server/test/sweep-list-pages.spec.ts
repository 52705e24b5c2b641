/**
 * The sweeps list's pages under a filter most sweeps match, where the SQLite store walks the sort's index instead of
 * the filter's (sweep-rows.ts, sortIndexToWalk), and under one few match, where it does not: on both drivers, every
 * page holds the sweeps an independent sort of the stored rows puts there, ties on the sort broken by id, the last
 * pages (past the walk's break-even) included.
 */
import type { SweepEntity } from '../src/sweeps/sweep.entity';
import type { SweepListQuery } from '../src/store/store-types';
import { newSweep } from './store-contract-fixtures';
import { DRIVERS, openStore, type StoreUnderTest } from './store-drivers';

const SWEEPS = 12;
/** Sweeps 3 and 9 stay queued; the others succeed. Sweeps 5 and 6 share a creation time (a tie broken by id). */
const QUEUED = new Set([3, 9]);
const createdAt = (k: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, k === 6 ? 5 : k));

describe.each(DRIVERS)('sweep list pages on %s', (driver) => {
  let db: StoreUnderTest;
  let sweeps: SweepEntity[];
  beforeAll(async () => {
    db = await openStore(driver);
    sweeps = [];
    for (let k = 1; k <= SWEEPS; k++) {
      const sweep = await newSweep(db, `sweep ${String(13 - k).padStart(2, '0')}`, createdAt(k));
      if (!QUEUED.has(k)) await db.store.finishSweep(sweep.id, { status: 'succeeded', finishedAt: createdAt(k) });
      sweeps.push({ ...sweep, status: QUEUED.has(k) ? 'queued' : 'succeeded' });
    }
  });
  afterAll(() => db.close());

  /** Every page of `pageSize` in turn, concatenated. */
  async function allPages(query: Omit<SweepListQuery, 'page' | 'pageSize'>, pageSize: number): Promise<string[]> {
    const ids: string[] = [];
    for (let page = 1; ; page++) {
      const { items, total } = await db.store.listSweeps({ ...query, page, pageSize });
      ids.push(...items.map((item) => item.sweep.id));
      if (page * pageSize >= total) return ids;
    }
  }

  const byKey = (key: (sweep: SweepEntity) => string, order: 'asc' | 'desc') => (a: SweepEntity, b: SweepEntity) => {
    const [x, y] = order === 'asc' ? [a, b] : [b, a];
    return key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : x.id < y.id ? -1 : x.id > y.id ? 1 : 0;
  };
  const expected = (status: string, key: (sweep: SweepEntity) => string, order: 'asc' | 'desc') =>
    sweeps
      .filter((sweep) => sweep.status === status)
      .sort(byKey(key, order))
      .map((sweep) => sweep.id);

  it.each(['asc', 'desc'] as const)('pages the succeeded sweeps by creation time (%s)', async (order) => {
    const created = (sweep: SweepEntity) => sweep.createdAt.toISOString();
    const query = { sort: 'createdAt' as const, order, status: ['succeeded' as const] };
    expect(await allPages(query, 2)).toEqual(expected('succeeded', created, order));
    expect(await allPages({ ...query, status: ['queued'] }, 2)).toEqual(expected('queued', created, order));
  });

  it('pages the succeeded sweeps by name', async () => {
    const query = { sort: 'name' as const, order: 'asc' as const, status: ['succeeded' as const] };
    expect(await allPages(query, 3)).toEqual(expected('succeeded', (sweep) => sweep.name, 'asc'));
  });
});
