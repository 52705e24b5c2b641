import type { ConcurrencyChoice } from '@regsweep/sweep';
import type { SweepEntity } from '../sweeps/sweep.entity';
import type { ComparisonRows, NewSweep, SweepEnd, SweepListItem, SweepListQuery, SweepTracking } from './store-types';
import { SweepStore } from './sweep-store';
import type { PageRows } from '../common/page';

/** The sweep table's own rows, as one driver reads and writes them (SweepStore documents each method). */
export interface SweepTableRows {
  create(sweep: NewSweep): Promise<SweepEntity>;
  recordDatasetChecksum(id: string, checksum: string): Promise<void>;
  recordConcurrency(id: string, choice: ConcurrencyChoice): Promise<void>;
  setTracking(id: string, tracking: SweepTracking): Promise<boolean>;
  find(id: string): Promise<SweepEntity | null>;
  findReport(id: string): Promise<SweepEntity['report'] | undefined>;
  findSummary(id: string): Promise<SweepListItem | null>;
  list(query: SweepListQuery): Promise<PageRows<SweepListItem>>;
  findUnfinishedIds(): Promise<string[]>;
  markRunning(id: string, startedAt: Date, progressTotal: number, progressDone: number): Promise<void>;
  beginConclusion(id: string): Promise<number>;
  requeue(id: string): Promise<void>;
  finish(id: string, end: SweepEnd): Promise<void>;
}

/** The comparison reads (compare page, dataset page), as one driver answers them: one statement per table. */
export interface ComparisonTableReads {
  compare(ids: readonly string[]): Promise<ComparisonRows>;
  datasetSweeps(datasetName: string, page: number, pageSize: number): Promise<PageRows<SweepListItem>>;
}

/**
 * The sweep-row half of SweepStore, the same for every driver: each call goes to the driver's SweepTableRows. The
 * drivers implement the rest (plan, tasks, results, reads), where their transactions differ.
 */
export abstract class SweepStoreOnRows extends SweepStore {
  protected abstract readonly sweepRows: SweepTableRows;
  protected abstract readonly comparisons: ComparisonTableReads;

  createSweep(sweep: NewSweep): Promise<SweepEntity> {
    return this.sweepRows.create(sweep);
  }
  recordDatasetChecksum(id: string, checksum: string): Promise<void> {
    return this.sweepRows.recordDatasetChecksum(id, checksum);
  }
  recordConcurrency(id: string, choice: ConcurrencyChoice): Promise<void> {
    return this.sweepRows.recordConcurrency(id, choice);
  }
  setSweepTracking(id: string, tracking: SweepTracking): Promise<boolean> {
    return this.sweepRows.setTracking(id, tracking);
  }
  findSweep(id: string): Promise<SweepEntity | null> {
    return this.sweepRows.find(id);
  }
  findReport(id: string): Promise<SweepEntity['report'] | undefined> {
    return this.sweepRows.findReport(id);
  }
  findSweepSummary(id: string): Promise<SweepListItem | null> {
    return this.sweepRows.findSummary(id);
  }
  listSweeps(query: SweepListQuery): Promise<PageRows<SweepListItem>> {
    return this.sweepRows.list(query);
  }
  findUnfinishedSweepIds(): Promise<string[]> {
    return this.sweepRows.findUnfinishedIds();
  }
  markSweepRunning(id: string, startedAt: Date, progressTotal: number, progressDone: number): Promise<void> {
    return this.sweepRows.markRunning(id, startedAt, progressTotal, progressDone);
  }
  beginConclusion(id: string): Promise<number> {
    return this.sweepRows.beginConclusion(id);
  }
  requeueSweep(id: string): Promise<void> {
    return this.sweepRows.requeue(id);
  }
  finishSweep(id: string, end: SweepEnd): Promise<void> {
    return this.sweepRows.finish(id, end);
  }
  compareSweeps(ids: readonly string[]): Promise<ComparisonRows> {
    return this.comparisons.compare(ids);
  }
  listDatasetSweeps(datasetName: string, page: number, pageSize: number): Promise<PageRows<SweepListItem>> {
    return this.comparisons.datasetSweeps(datasetName, page, pageSize);
  }
}
