/**
 * The sweep list's filters, sorts and tracking fields (issue 15, "Find") as a SweepStore contract: each case on a
 * fresh database of each driver (store-drivers.ts), through the interface only. Five sweeps differ in every field a
 * filter reads; each filter, its OR (a list) and their AND are checked against the sweeps chosen by hand.
 */
import type { SweepConfig, SweepReport } from '@regsweep/sweep';
import type { SweepStatus } from '../src/sweeps/sweep.entity';
import type { SweepFilters, SweepListQuery } from '../src/store/store-types';
import { baseConfig } from './fakes';
import { DRIVERS, openStore, type StoreUnderTest } from './store-drivers';

const at = (second: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, second));

interface Row {
  name: string;
  dataset: 'small1' | 'small2' | 'other';
  config: Partial<SweepConfig>;
  status: SweepStatus;
  best?: number;
  tags?: string[];
  scheduled?: boolean;
}

/** Sweep k (1-based) is created at second k. */
const ROWS: Row[] = [
  {
    name: 'Alpha lasso',
    dataset: 'small1',
    config: { penalties: ['l1'] },
    status: 'succeeded',
    best: 2,
    tags: ['baseline', 'paper'],
  },
  { name: 'beta ridge', dataset: 'small2', config: { penalties: ['l2', 'none'] }, status: 'failed', tags: ['paper'] },
  {
    name: 'gamma logit',
    dataset: 'other',
    config: { model: 'logistic', penalties: ['l1', 'elasticnet'] },
    status: 'succeeded',
    best: 0.5,
    scheduled: true,
  },
  {
    name: 'ALPHA-2',
    dataset: 'other',
    config: { model: 'multinomial', penalties: ['l2'] },
    status: 'running',
    tags: ['baseline'],
  },
  {
    name: 'delta_%',
    dataset: 'small1',
    config: { model: 'mlp', penalties: ['none'] },
    status: 'queued',
    scheduled: true,
  },
];

describe.each(DRIVERS)('sweep filters on %s', (driver) => {
  let db: StoreUnderTest;
  let ids: string[];
  let datasets: Record<Row['dataset'], string>;
  let scheduleId: string;

  beforeEach(async () => {
    db = await openStore(driver);
    datasets = {
      small1: db.datasetId,
      small2: await db.addDataset('small', 2),
      other: await db.addDataset('other', 1),
    };
    scheduleId = await db.addSchedule('nightly');
    ids = [];
    for (const [i, row] of ROWS.entries()) {
      const sweep = await db.store.createSweep({
        name: row.name,
        datasetId: datasets[row.dataset],
        datasetVersion: row.dataset === 'small2' ? 2 : 1,
        config: baseConfig({ name: row.name, ...row.config }),
        scheduleId: row.scheduled ? scheduleId : null,
        createdAt: at(i + 1),
      });
      ids.push(sweep.id);
      if (row.status === 'running') await db.store.markSweepRunning(sweep.id, at(10), 1, 0);
      if (row.status === 'succeeded' || row.status === 'failed') {
        const best =
          row.best === undefined
            ? null
            : { penalty: 'l1', l1Ratio: 1, lambda: 1, validation: { mean: row.best, sd: 0 } };
        const report = { sweepId: sweep.id, best, penalties: [] } as unknown as SweepReport;
        await db.store.finishSweep(sweep.id, { status: row.status, finishedAt: at(20), report });
      }
      if (row.tags) expect(await db.store.setSweepTracking(sweep.id, { tags: row.tags })).toBe(true);
    }
  });
  afterEach(() => db.close());

  /** The sweeps (1-based numbers of ROWS) the filters select, oldest first. */
  async function chosen(filters: SweepFilters): Promise<number[]> {
    const { items, total } = await db.store.listSweeps({
      page: 1,
      pageSize: 100,
      sort: 'createdAt',
      order: 'asc',
      ...filters,
    });
    expect(total).toBe(items.length);
    return items.map((item) => ids.indexOf(item.sweep.id) + 1);
  }

  it('filters by name: contains, ASCII case ignored, % and _ literal, a list is OR', async () => {
    expect(await chosen({ name: ['alpha'] })).toEqual([1, 4]);
    expect(await chosen({ name: ['LASSO', 'ridge'] })).toEqual([1, 2]);
    expect(await chosen({ name: ['%'] })).toEqual([5]);
    expect(await chosen({ name: ['_'] })).toEqual([5]);
    expect(await chosen({ name: ['zeta'] })).toEqual([]);
  });

  it('filters by tag, status, model, penalty and schedule, each as a list meaning any of its values', async () => {
    expect(await chosen({ tag: ['paper'] })).toEqual([1, 2]);
    expect(await chosen({ tag: ['baseline', 'paper'] })).toEqual([1, 2, 4]);
    expect(await chosen({ tag: ['Paper'] })).toEqual([]);
    expect(await chosen({ status: ['succeeded'] })).toEqual([1, 3]);
    expect(await chosen({ status: ['running', 'queued'] })).toEqual([4, 5]);
    expect(await chosen({ model: ['linear'] })).toEqual([1, 2]);
    expect(await chosen({ model: ['logistic', 'mlp'] })).toEqual([3, 5]);
    expect(await chosen({ penalty: ['l2'] })).toEqual([2, 4]);
    expect(await chosen({ penalty: ['none', 'elasticnet'] })).toEqual([2, 3, 5]);
    expect(await chosen({ scheduleId: [scheduleId] })).toEqual([3, 5]);
    expect(await chosen({ scheduleId: ['00000000-0000-4000-8000-000000000000'] })).toEqual([]);
  });

  it('filters by dataset name or id, across its versions', async () => {
    expect(await chosen({ dataset: ['small'] })).toEqual([1, 2, 5]);
    expect(await chosen({ dataset: [datasets.small2] })).toEqual([1, 2, 5]);
    expect(await chosen({ dataset: [datasets.other] })).toEqual([3, 4]);
    expect(await chosen({ dataset: ['other', 'small'] })).toEqual([1, 2, 3, 4, 5]);
  });

  it('filters by creation time: from inclusive, to exclusive', async () => {
    expect(await chosen({ createdFrom: at(2) })).toEqual([2, 3, 4, 5]);
    expect(await chosen({ createdTo: at(2) })).toEqual([1]);
    expect(await chosen({ createdFrom: at(2), createdTo: at(4) })).toEqual([2, 3]);
  });

  it('ANDs the fields', async () => {
    expect(await chosen({ tag: ['paper'], status: ['failed'] })).toEqual([2]);
    expect(await chosen({ dataset: ['small'], model: ['linear'], penalty: ['l1'] })).toEqual([1]);
    expect(await chosen({ name: ['alpha'], tag: ['baseline'], scheduleId: [scheduleId] })).toEqual([]);
    expect(await chosen({ name: ['a'], status: ['succeeded', 'queued'], createdFrom: at(3) })).toEqual([3, 5]);
  });

  it('sorts by name (byte order), created time and best validation (sweeps without one last), both ways', async () => {
    const order = async (sort: SweepListQuery['sort'], direction: 'asc' | 'desc') =>
      (await db.store.listSweeps({ page: 1, pageSize: 10, sort, order: direction })).items.map(
        (item) => ids.indexOf(item.sweep.id) + 1,
      );
    expect(await order('name', 'asc')).toEqual([4, 1, 2, 5, 3]);
    expect(await order('name', 'desc')).toEqual([3, 5, 2, 1, 4]);
    expect(await order('createdAt', 'desc')).toEqual([5, 4, 3, 2, 1]);
    const ascending = await order('bestValidation', 'asc');
    expect(ascending.slice(0, 2)).toEqual([3, 1]);
    expect(ascending.slice(2).sort()).toEqual([2, 4, 5]);
    const descending = await order('bestValidation', 'desc');
    expect(descending.slice(0, 2)).toEqual([1, 3]);
    expect(descending.slice(2).sort()).toEqual([2, 4, 5]);
  });

  it('pages a filtered list: total counts the filtered sweeps, pages follow the sort', async () => {
    const page = (n: number) =>
      db.store.listSweeps({ page: n, pageSize: 2, sort: 'createdAt', order: 'asc', tag: ['baseline', 'paper'] });
    const [first, second, third] = [await page(1), await page(2), await page(3)];
    expect([first.total, second.total, third.total]).toEqual([3, 3, 3]);
    expect(first.items.map((item) => item.sweep.name)).toEqual(['Alpha lasso', 'beta ridge']);
    expect(second.items.map((item) => item.sweep.name)).toEqual(['ALPHA-2']);
    expect(third.items).toEqual([]);
  });

  it('sets tags and notes: replaced as given, an absent one kept, shown by every read, unknown sweep refused', async () => {
    const [first] = ids;
    expect(await db.store.setSweepTracking('no-such-sweep', { notes: 'x' })).toBe(false);
    expect(await db.store.findSweep(ids[2])).toMatchObject({ tags: null, notes: null });
    expect(await db.store.findSweep(first)).toMatchObject({ tags: ['baseline', 'paper'], notes: null });

    const notes = 'λ too small on fold 3.\nRe-run with "minRatio: 1e-3"; 100% sure — 🙂';
    expect(await db.store.setSweepTracking(first, { notes })).toBe(true);
    expect(await db.store.setSweepTracking(first, { tags: ['paper', 'final'] })).toBe(true);
    expect(await db.store.findSweep(first)).toMatchObject({ tags: ['paper', 'final'], notes });
    expect((await db.store.findSweepSummary(first))?.sweep).toMatchObject({ tags: ['paper', 'final'], notes });
    const [listed] = (await db.store.listSweeps({ page: 1, pageSize: 1, sort: 'createdAt', order: 'asc' })).items;
    expect(listed.sweep).toMatchObject({ id: first, tags: ['paper', 'final'], notes });
    expect(await chosen({ tag: ['final'] })).toEqual([1]);
    expect(await chosen({ tag: ['baseline'] })).toEqual([4]);

    expect(await db.store.setSweepTracking(first, { tags: [], notes: '' })).toBe(true);
    expect(await db.store.findSweep(first)).toMatchObject({ tags: [], notes: '' });
    expect(await chosen({ tag: ['paper', 'final'] })).toEqual([2]);
  });
});
