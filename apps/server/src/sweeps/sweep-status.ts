/** A sweep's status (apart from sweep.entity.ts, so code that only needs the names does not load TypeORM). */
export type SweepStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
export const FINISHED_STATUSES: readonly SweepStatus[] = ['succeeded', 'failed', 'cancelled'];
