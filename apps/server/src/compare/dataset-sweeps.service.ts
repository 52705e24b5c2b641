import { Injectable, NotFoundException } from '@nestjs/common';
import type { Page } from '../common/page';
import { DatasetsService } from '../datasets/datasets.service';
import { SweepStore } from '../store/sweep-store';
import { toSweepJson, type SweepJson } from '../sweeps/sweeps.service';

/** A dataset's history: the sweeps on every version of its name, for the dataset page's best-over-time chart. */
@Injectable()
export class DatasetSweepsService {
  constructor(
    private readonly datasets: DatasetsService,
    private readonly store: SweepStore,
  ) {}

  /** `reference`: a dataset id (any version: the name counts) or a name. */
  async list(reference: string, page: number, pageSize: number): Promise<Page<SweepJson>> {
    const dataset = await this.datasets.findByReference(reference);
    if (!dataset) throw new NotFoundException(`no dataset named or with id "${reference}"`);
    const { items, total } = await this.store.listDatasetSweeps(dataset.name, page, pageSize);
    return { items: items.map(({ sweep, best }) => toSweepJson(sweep, best)), total, page, pageSize };
  }
}
