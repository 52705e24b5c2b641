import type { SweepReport } from '@regsweep/sweep';
import type { Repository } from 'typeorm';
import type { SqliteService } from '../../database/sqlite.service';
import type { SweepEntity } from '../../sweeps/sweep.entity';
import { bestSummary } from '../best-summary';
import type { ComparisonRows, CurvePointRow, SweepListItem } from '../store-types';
import { SUMMARY_COLUMNS } from './sweep-rows';

/**
 * The reads across sweeps (a comparison, a dataset's sweeps): each is one statement per table, whatever the number
 * of sweeps, so a comparison of 20 sweeps costs what one of 2 does (no query per sweep).
 */
export class ComparisonReads {
  constructor(
    private readonly sweeps: Repository<SweepEntity>,
    private readonly sqlite: SqliteService,
  ) {}

  async compare(ids: readonly string[]): Promise<ComparisonRows> {
    const { entities, raw } = await this.summaryQuery()
      .innerJoin('sweep.dataset', 'dataset')
      .addSelect('dataset.name', 'datasetName')
      .where('sweep.id IN (:...ids)', { ids })
      .getRawAndEntities<{ best: string | null; datasetName: string }>();
    const sweeps = entities.map((sweep, i) => ({
      sweep,
      best: raw[i].best === null ? null : (JSON.parse(raw[i].best) as SweepReport['best']),
      datasetName: raw[i].datasetName,
    }));
    // json_each: one prepared statement for any number of ids; the (sweepId, curve, lambdaIndex) index gives the order.
    const points = this.sqlite
      .statement(
        'SELECT sweepId, curve, penalty, l1Ratio, lambda, validationMean, validationSd FROM trial ' +
          'WHERE sweepId IN (SELECT value FROM json_each(?)) ORDER BY sweepId, curve, lambdaIndex',
      )
      .all(JSON.stringify(ids)) as CurvePointRow[];
    return { sweeps, points };
  }

  async datasetSweeps(
    datasetName: string,
    page: number,
    pageSize: number,
  ): Promise<{ items: SweepListItem[]; total: number }> {
    // No join here: a joined count is COUNT(DISTINCT id) in TypeORM, which reads every row instead of an index.
    const builder = this.summaryQuery().where('sweep.datasetId IN (SELECT id FROM dataset WHERE name = :datasetName)', {
      datasetName,
    });
    const total = await builder.getCount();
    const { entities, raw } = await builder
      .orderBy('sweep.createdAt', 'ASC')
      .addOrderBy('sweep.id', 'ASC')
      .offset((page - 1) * pageSize)
      .limit(pageSize)
      .getRawAndEntities<{ best: string | null }>();
    return { items: entities.map((sweep, i) => ({ sweep, best: bestSummary(raw[i].best) })), total };
  }

  /** Sweep rows without their report, with the `best` column. */
  private summaryQuery() {
    return this.sweeps
      .createQueryBuilder('sweep')
      .select(SUMMARY_COLUMNS.map((column) => `sweep.${column}`))
      .addSelect('sweep.best', 'best');
  }
}
