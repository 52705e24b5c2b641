import { Injectable, NotFoundException } from '@nestjs/common';
import { Page } from '../common/page';
import type { TrialJson, TrialListQuery, TrialPageIncludes } from '../store/store-types';
import { SweepStore } from '../store/sweep-store';

export type { FoldJson, TrialJson } from '../store/store-types';

@Injectable()
export class TrialsService {
  constructor(private readonly store: SweepStore) {}

  /** A page of a sweep's trials; per-fold results (fold 0 = the full-data fit), coefficients and gd curves as asked. */
  async page(sweepId: string, query: TrialListQuery, includes: TrialPageIncludes): Promise<Page<TrialJson>> {
    if (!(await this.store.findSweepSummary(sweepId))) throw new NotFoundException(`sweep ${sweepId} not found`);
    const { items, total } = await this.store.trialPage(sweepId, query, includes);
    return { items, total, page: query.page, pageSize: query.pageSize };
  }
}
