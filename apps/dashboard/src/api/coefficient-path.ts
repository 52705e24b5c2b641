/**
 * Loads the per-λ coefficients of one penalty from the trials endpoint (filtered by penalty,
 * sorted by λ). Small curves are loaded whole; for a large random search only evenly spaced
 * clusters of consecutive trials are fetched, so the browser never downloads every trial.
 */
import { listTrials } from './client';
import type { PathPoint, PenaltyKind, TrialJson } from './types';

const PAGE_SIZE_MAX = 1000;
const CLUSTER_SIZE = 25;

export interface CoefficientPath {
  points: PathPoint[];
  /** Trials of this penalty in the sweep. */
  total: number;
  /** True when only a sample of the trials was fetched. */
  thinned: boolean;
}

/** Runs `tasks` with at most `limit` in flight (the browser has ~6 connections per host, one is the event stream). */
async function runLimited<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await tasks[index]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

/** Page numbers 1..pageCount spread evenly, `count` of them, first and last included. */
export function spreadPages(pageCount: number, count: number): number[] {
  if (pageCount <= count) return Array.from({ length: pageCount }, (_, i) => i + 1);
  const pages = new Set<number>();
  for (let i = 0; i < count; i++) pages.add(1 + Math.round((i * (pageCount - 1)) / (count - 1)));
  return [...pages];
}

export async function loadCoefficientPath(
  sweepId: string,
  penalty: PenaltyKind,
  l1Ratio: number,
  maxPoints = 1000,
): Promise<CoefficientPath> {
  const query = { penalty, sort: 'lambda' as const, order: 'asc' as const };
  const probe = await listTrials(sweepId, { ...query, page: 1, pageSize: 1 });
  const total = probe.total;
  const thinned = total > maxPoints;
  const pageSize = thinned ? CLUSTER_SIZE : PAGE_SIZE_MAX;
  const pageCount = Math.ceil(total / pageSize);
  const pages = thinned
    ? spreadPages(pageCount, Math.floor(maxPoints / CLUSTER_SIZE))
    : spreadPages(pageCount, pageCount);
  const answers = await runLimited(
    pages.map((page) => () => listTrials(sweepId, { ...query, page, pageSize, include: 'coefficients' })),
    3,
  );
  const points = answers
    .flatMap((answer) => answer.items)
    .filter((trial: TrialJson) => trial.coefficients && Math.abs(trial.l1Ratio - l1Ratio) < 1e-12)
    .map((trial) => ({ lambda: trial.lambda, coefficients: flatCoefficients(trial.coefficients!) }));
  return { points, total, thinned };
}

/** {feature: value} as it is; a multinomial trial's {class: {feature: value}} as one series per "class: feature". */
export function flatCoefficients(coefficients: object): Record<string, number> {
  const flat: Record<string, number> = {};
  for (const [key, value] of Object.entries(coefficients)) {
    if (value !== null && typeof value === 'object') {
      for (const [name, v] of Object.entries(value as Record<string, number>)) flat[`${key}: ${name}`] = v;
    } else flat[key] = value as number;
  }
  return flat;
}

/** Every trial of the sweep, page by page (for the trials export). */
export async function loadAllTrials(
  sweepId: string,
  onProgress?: (loaded: number, total: number) => void,
): Promise<TrialJson[]> {
  const trials: TrialJson[] = [];
  for (let page = 1; ; page++) {
    const answer = await listTrials(sweepId, {
      page,
      pageSize: PAGE_SIZE_MAX,
      sort: 'lambda',
      order: 'desc',
      include: 'folds,coefficients',
    });
    trials.push(...answer.items);
    onProgress?.(trials.length, answer.total);
    if (answer.items.length === 0 || trials.length >= answer.total) return trials;
  }
}
