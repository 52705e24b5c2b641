/**
 * Typed client of the public REST API (SPEC §4). The dashboard talks to the server only through here;
 * every request carries the API token of the header's setting when one is set (api/token.ts).
 */
import { SseParser, type SseMessage } from './sse';
import { authorizationHeader } from './token';
import type {
  ApiFieldError,
  Comparison,
  DatasetInfo,
  Page,
  PageQuery,
  ScheduleInfo,
  ScheduleRunsPage,
  SweepConfigBody,
  SweepInfo,
  SweepReport,
  SweepStatus,
  TrialJson,
  TrialQuery,
} from './types';

/** A non-2xx answer. `errors` holds the server's `{path, message}` list for a 400. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors: ApiFieldError[] = [],
  ) {
    super(message);
  }

  /** A 401: the server wants an API token, or refused the one set (ErrorMessage then points to the setting). */
  get needsToken(): boolean {
    return this.status === 401;
  }
}

type Query = Record<string, string | number | boolean | undefined>;

function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const init: RequestInit = { method, headers: { Accept: 'application/json', ...authorizationHeader() } };
  if (body instanceof FormData) init.body = body;
  else if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { ...init.headers, 'Content-Type': 'application/json' };
  }
  const response = await fetch(path, init);
  const text = await response.text();
  const json: unknown = text ? safeParse(text) : undefined;
  if (!response.ok) throw toApiError(response.status, json, text);
  return json as T;
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function toApiError(status: number, json: unknown, text: string): ApiError {
  if (json && typeof json === 'object') {
    const { message, errors } = json as { message?: unknown; errors?: unknown };
    const list = Array.isArray(errors) ? (errors as ApiFieldError[]) : [];
    const messageText = Array.isArray(message) ? message.join('; ') : String(message ?? `HTTP ${status}`);
    return new ApiError(status, messageText, list);
  }
  return new ApiError(status, text || `HTTP ${status}`);
}

// ---- datasets ----

/** The dataset list may be paged or a plain array depending on the endpoint; both are accepted. */
export async function listDatasets(): Promise<DatasetInfo[]> {
  const answer = await request<Page<DatasetInfo> | DatasetInfo[]>(
    'GET',
    withQuery('/api/datasets', { pageSize: 1000 }),
  );
  return Array.isArray(answer) ? answer : answer.items;
}

export function uploadDataset(file: File, name: string, target: string): Promise<DatasetInfo> {
  const form = new FormData();
  form.set('file', file);
  form.set('name', name);
  if (target) form.set('target', target);
  return request('POST', '/api/datasets', form);
}

// ---- sweeps ----

/** `filters`: the list's filters as the API reads them (sweep-filters.ts apiQuery; a comma list means any). */
export function listSweeps(query: PageQuery & Query = {}): Promise<Page<SweepInfo>> {
  return request('GET', withQuery('/api/sweeps', { ...query }));
}

/** Every sweep on any version of a dataset (its name or an id), oldest first. */
export function listDatasetSweeps(dataset: string, pageSize = 1000): Promise<Page<SweepInfo>> {
  return request('GET', withQuery(`/api/datasets/${encodeURIComponent(dataset)}/sweeps`, { pageSize }));
}

/** 2 to 20 sweeps side by side. */
export function compareSweeps(ids: readonly string[]): Promise<Comparison> {
  return request('GET', withQuery('/api/compare', { sweeps: ids.join(',') }));
}

/** PATCH /api/sweeps/:id: replaces the tags and/or the notes given. */
export function updateSweepTracking(id: string, tracking: { tags?: string[]; notes?: string }): Promise<SweepInfo> {
  return request('PATCH', `/api/sweeps/${encodeURIComponent(id)}`, tracking);
}

export function getSweep(id: string): Promise<SweepInfo> {
  return request('GET', `/api/sweeps/${encodeURIComponent(id)}`);
}

export function createSweep(config: SweepConfigBody): Promise<{ id: string; status: SweepStatus }> {
  return request('POST', '/api/sweeps', config);
}

export function cancelSweep(id: string): Promise<unknown> {
  return request('POST', `/api/sweeps/${encodeURIComponent(id)}/cancel`);
}

/** "Run again": the identical config on the same dataset version, as a new sweep. */
export function rerunSweep(id: string): Promise<{ id: string; status: SweepStatus }> {
  return request('POST', `/api/sweeps/${encodeURIComponent(id)}/rerun`);
}

export type ModelFileFormat = 'json' | 'onnx' | 'onnx-float32';

/** The sweep's best model file (regsweep JSON, or ONNX in double or float32) as it comes, with the token header. */
export async function getModelFile(id: string, file: ModelFileFormat): Promise<Blob> {
  const query = file === 'onnx-float32' ? { format: 'onnx', precision: 'float32' } : { format: file };
  const response = await fetch(withQuery(`/api/sweeps/${encodeURIComponent(id)}/model`, query), {
    headers: { ...authorizationHeader() },
  });
  if (!response.ok) {
    const text = await response.text();
    throw toApiError(response.status, text ? safeParse(text) : undefined, text);
  }
  return response.blob();
}

export function listTrials(id: string, query: TrialQuery = {}): Promise<Page<TrialJson>> {
  return request('GET', withQuery(`/api/sweeps/${encodeURIComponent(id)}/trials`, { ...query }));
}

/**
 * The report, asking the server for at most `maxPoints` curve points per penalty. A server
 * that does not know `maxPoints` and refuses it (400) is asked again without it; thinning the
 * curve to draw it is then the caller's job (see charts/thin.ts).
 */
export async function getReport(id: string, maxPoints?: number): Promise<SweepReport> {
  const path = `/api/sweeps/${encodeURIComponent(id)}/report`;
  if (maxPoints === undefined) return request('GET', path);
  try {
    return await request('GET', withQuery(path, { maxPoints }));
  } catch (error) {
    if (error instanceof ApiError && error.status === 400) return request('GET', path);
    throw error;
  }
}

export function sweepEventsUrl(id: string): string {
  return `/api/sweeps/${encodeURIComponent(id)}/events`;
}

/**
 * Reads the sweep's server-sent events until the server ends the stream or `signal` aborts it.
 * fetch() instead of EventSource so that the token goes in the Authorization header, as on every
 * other request, also when the server closes reads (and never into a URL, where logs would keep it).
 */
export async function streamSweepEvents(
  id: string,
  onMessage: (message: SseMessage) => void,
  signal: AbortSignal,
): Promise<void> {
  const response = await fetch(sweepEventsUrl(id), {
    headers: { Accept: 'text/event-stream', ...authorizationHeader() },
    signal,
  });
  if (!response.ok || !response.body) {
    const text = await response.text();
    throw toApiError(response.status, text ? safeParse(text) : undefined, text);
  }
  const parser = new SseParser(onMessage);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    parser.push(value);
  }
}

// ---- schedules (may not exist on older servers: callers treat 404 as "no schedules") ----

export async function listSchedules(): Promise<ScheduleInfo[] | null> {
  try {
    const answer = await request<Page<ScheduleInfo> | ScheduleInfo[]>('GET', '/api/schedules');
    return Array.isArray(answer) ? answer : answer.items;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

export function createSchedule(body: Omit<ScheduleInfo, 'id'>): Promise<ScheduleInfo> {
  return request('POST', '/api/schedules', body);
}

export function updateSchedule(id: string, patch: Partial<Omit<ScheduleInfo, 'id'>>): Promise<ScheduleInfo> {
  return request('PATCH', `/api/schedules/${encodeURIComponent(id)}`, patch);
}

export function deleteSchedule(id: string): Promise<unknown> {
  return request('DELETE', `/api/schedules/${encodeURIComponent(id)}`);
}

export function listScheduleRuns(id: string, pageSize = 100): Promise<ScheduleRunsPage> {
  return request('GET', withQuery(`/api/schedules/${encodeURIComponent(id)}/runs`, { pageSize }));
}
