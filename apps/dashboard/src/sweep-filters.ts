/**
 * The sweeps list's filters and sort as the page's URL keeps them (`#/sweeps?status=running,failed&tag=paper`), so
 * a reload, a bookmark or the back button shows the same list. The URL's parameters are the API's own
 * (`GET /api/sweeps`, SPEC §7): a comma list means any of its values.
 */

/** Every field as the inputs hold it: text, comma lists as typed, '' for "any". */
export interface SweepListFilters {
  name: string;
  tag: string;
  status: string[];
  dataset: string;
  model: string;
  penalty: string;
  /** YYYY-MM-DD (a date input's value): created on or after that day, UTC. */
  createdFrom: string;
  /** YYYY-MM-DD: created before that day, UTC. */
  createdTo: string;
  scheduleId: string;
  sort: string;
  order: 'asc' | 'desc';
  page: number;
}

export const SWEEP_LIST_DEFAULTS: SweepListFilters = {
  name: '',
  tag: '',
  status: [],
  dataset: '',
  model: '',
  penalty: '',
  createdFrom: '',
  createdTo: '',
  scheduleId: '',
  sort: 'createdAt',
  order: 'desc',
  page: 1,
};

export const SORTS: [string, string][] = [
  ['createdAt', 'created'],
  ['name', 'name'],
  ['bestValidation', 'best validation'],
];

const TEXT_FIELDS = [
  'name',
  'tag',
  'dataset',
  'model',
  'penalty',
  'createdFrom',
  'createdTo',
  'scheduleId',
  'sort',
] as const;

/** The filters a URL query (the part after `?`) holds; what it lacks or garbles keeps its default. */
export function filtersFromQuery(query: string): SweepListFilters {
  const params = new URLSearchParams(query);
  const filters: SweepListFilters = { ...SWEEP_LIST_DEFAULTS, status: [] };
  for (const field of TEXT_FIELDS) filters[field] = params.getAll(field).join(',');
  filters.sort ||= SWEEP_LIST_DEFAULTS.sort;
  filters.status = params.getAll('status').flatMap(splitList);
  filters.order = params.get('order') === 'asc' ? 'asc' : 'desc';
  const page = Number(params.get('page'));
  filters.page = Number.isInteger(page) && page >= 1 ? page : 1;
  return filters;
}

/** The URL query of `filters`: only what differs from the defaults, in a fixed order (the same list, the same URL). */
export function queryFromFilters(filters: SweepListFilters): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(parameters(filters, (date) => date || undefined))) {
    const fallback = SWEEP_LIST_DEFAULTS[key as keyof SweepListFilters];
    if (value !== undefined && String(value) !== String(fallback)) params.set(key, String(value));
  }
  return params.toString();
}

/** Whether `filters` leave out any sweep (sort, order and page aside). */
export function hasFilters(filters: SweepListFilters): boolean {
  const { sort, order, page } = SWEEP_LIST_DEFAULTS;
  return queryFromFilters({ ...filters, sort, order, page }) !== '';
}

/**
 * The `GET /api/sweeps` query of `filters` (undefined: not sent). The dates of the inputs become the UTC midnights
 * the API compares with: "from 2026-01-02" is from that day's start, "before 2026-01-05" up to that day's start.
 */
export function apiQuery(filters: SweepListFilters): Record<string, string | number | undefined> {
  return parameters(filters, (date) => (/^\d{4}-\d{2}-\d{2}$/.test(date) ? `${date}T00:00:00.000Z` : undefined));
}

/** The parameters of `filters`, the URL's and the API's alike but for how a date is written (`day`). */
function parameters(
  filters: SweepListFilters,
  day: (date: string) => string | undefined,
): Record<string, string | number | undefined> {
  const list = (text: string) => splitList(text).join(',') || undefined;
  return {
    name: list(filters.name),
    tag: list(filters.tag),
    status: filters.status.join(',') || undefined,
    dataset: list(filters.dataset),
    model: filters.model || undefined,
    penalty: filters.penalty || undefined,
    createdFrom: day(filters.createdFrom),
    createdTo: day(filters.createdTo),
    scheduleId: filters.scheduleId || undefined,
    sort: filters.sort,
    order: filters.order,
    page: filters.page,
  };
}

/** A comma list as typed: parts trimmed, empty ones dropped. */
export function splitList(text: string): string[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}
