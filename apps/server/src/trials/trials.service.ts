import { Injectable, NotFoundException } from '@nestjs/common';
import { ReportCache } from '../sweeps/report-cache';
import type { TrialListQuery, TrialPageIncludes } from '../store/store-types';
import { SweepStore } from '../store/sweep-store';

export type { FoldJson, TrialJson } from '../store/store-types';

/** A finished sweep's rows never change again: its pages are served from memory after the first read. */
const FINISHED = new Set(['succeeded', 'failed', 'cancelled']);

/** Pages kept (most recently used), and the largest page text kept: at most 64 × 512 KB = 32 MB. */
const CACHED_PAGES = 64;
const CACHED_PAGE_CHARS = 512 * 1024;

@Injectable()
export class TrialsService {
  private readonly pages = new ReportCache(CACHED_PAGES);

  constructor(private readonly store: SweepStore) {}

  /**
   * A page of a sweep's trials as the API sends it, JSON text; per-fold results (fold 0 = the full-data fit),
   * coefficients and gd curves as asked. The sweep row is read without its report (findSweep), and a finished
   * sweep's pages are cached: a page of 100 was read, mapped and serialized on every request.
   */
  async pageJson(sweepId: string, query: TrialListQuery, includes: TrialPageIncludes): Promise<string> {
    const sweep = await this.store.findSweep(sweepId);
    if (!sweep) throw new NotFoundException(`sweep ${sweepId} not found`);
    const finished = FINISHED.has(sweep.status);
    const key = JSON.stringify([sweepId, query, includes]);
    const cached = finished ? this.pages.get(key) : undefined;
    if (cached) return cached;
    const { items, total } = await this.store.trialPage(sweepId, query, includes);
    const text = JSON.stringify({ items, total, page: query.page, pageSize: query.pageSize });
    if (finished && text.length <= CACHED_PAGE_CHARS) this.pages.set(key, text);
    return text;
  }
}
