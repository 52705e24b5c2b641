/** The sweeps list's filters ↔ the URL ↔ the API query (apps/dashboard/src/sweep-filters.ts). */
import {
  apiQuery,
  filtersFromQuery,
  hasFilters,
  queryFromFilters,
  SWEEP_LIST_DEFAULTS,
} from '../../apps/dashboard/src/sweep-filters';

describe('sweeps list filters in the URL', () => {
  it('is empty for the defaults, and the defaults for an empty or garbled query', () => {
    expect(queryFromFilters(SWEEP_LIST_DEFAULTS)).toBe('');
    expect(filtersFromQuery('')).toEqual(SWEEP_LIST_DEFAULTS);
    expect(filtersFromQuery('page=-3&order=sideways&sort=')).toEqual(SWEEP_LIST_DEFAULTS);
    expect(hasFilters(SWEEP_LIST_DEFAULTS)).toBe(false);
    expect(hasFilters({ ...SWEEP_LIST_DEFAULTS, sort: 'name', page: 4 })).toBe(false);
  });

  it('round-trips every field, lists tidied, in a fixed order', () => {
    const filters = {
      ...SWEEP_LIST_DEFAULTS,
      name: ' lasso , ridge ',
      tag: 'paper,,baseline',
      status: ['running', 'failed'],
      dataset: 'diabetes',
      model: 'linear',
      penalty: 'l1',
      createdFrom: '2026-01-02',
      createdTo: '2026-01-05',
      scheduleId: '00000000-0000-4000-8000-000000000000',
      sort: 'bestValidation',
      order: 'asc' as const,
      page: 3,
    };
    const query = queryFromFilters(filters);
    expect(query).toBe(
      'name=lasso%2Cridge&tag=paper%2Cbaseline&status=running%2Cfailed&dataset=diabetes&model=linear&penalty=l1&' +
        'createdFrom=2026-01-02&createdTo=2026-01-05&scheduleId=00000000-0000-4000-8000-000000000000&' +
        'sort=bestValidation&order=asc&page=3',
    );
    expect(filtersFromQuery(query)).toEqual({ ...filters, name: 'lasso,ridge', tag: 'paper,baseline' });
    expect(hasFilters(filters)).toBe(true);
  });

  it('reads repeated parameters as one list, as the API does', () => {
    expect(filtersFromQuery('status=running&status=failed,queued&tag=a&tag=b')).toMatchObject({
      status: ['running', 'failed', 'queued'],
      tag: 'a,b',
    });
  });

  it('asks the API for the UTC midnights of the dates: from that day on, before the other', () => {
    const query = apiQuery({ ...SWEEP_LIST_DEFAULTS, createdFrom: '2026-01-02', createdTo: 'not a date' });
    expect(query).toMatchObject({ createdFrom: '2026-01-02T00:00:00.000Z', createdTo: undefined, sort: 'createdAt' });
    expect(apiQuery(SWEEP_LIST_DEFAULTS)).toEqual({
      name: undefined,
      tag: undefined,
      status: undefined,
      dataset: undefined,
      model: undefined,
      penalty: undefined,
      createdFrom: undefined,
      createdTo: undefined,
      scheduleId: undefined,
      sort: 'createdAt',
      order: 'desc',
      page: 1,
    });
  });
});
