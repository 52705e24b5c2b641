import { Injectable, NotFoundException } from '@nestjs/common';
import { Page } from '../common/page';
import { SweepRepository } from '../sweeps/sweep.repository';
import { FoldResultEntity } from './fold-result.entity';
import { TrialEntity } from './trial.entity';
import { TrialListQuery, TrialRepository } from './trial.repository';

export type FoldJson = Omit<FoldResultEntity, 'id' | 'trialId' | 'trial'>;
export type TrialJson = Omit<TrialEntity, 'sweepId' | 'sweep'> & { folds: FoldJson[] };

@Injectable()
export class TrialsService {
  constructor(
    private readonly sweeps: SweepRepository,
    private readonly trials: TrialRepository,
  ) {}

  /** A page of a sweep's trials, each with its per-fold results (fold 0 = the full-data fit), gd learning curves on request. */
  async page(sweepId: string, query: TrialListQuery, options = { learningCurves: false }): Promise<Page<TrialJson>> {
    if (!(await this.sweeps.findSummaryById(sweepId))) throw new NotFoundException(`sweep ${sweepId} not found`);
    const { items, total } = await this.trials.page(sweepId, query);
    const folds = await this.trials.foldsOf(
      items.map((trial) => trial.id),
      options,
    );
    const foldsByTrial = new Map<number, FoldJson[]>();
    for (const { id: _id, trialId, trial: _trial, ...fold } of folds) {
      const list = foldsByTrial.get(trialId) ?? [];
      list.push(fold);
      foldsByTrial.set(trialId, list);
    }
    const withFolds = items.map(({ sweepId: _sweepId, sweep: _sweep, ...trial }) => ({
      ...trial,
      folds: foldsByTrial.get(trial.id) ?? [],
    }));
    return { items: withFolds, total, page: query.page, pageSize: query.pageSize };
  }
}
