/** The schedule answers (a schedule, its runs, its firings) as OpenAPI schemas. */
import { SCHEDULE_OVERLAPS } from '../schedules/schedule.entity';
import { BEST_SUMMARY, dateTime, integer, nullable, number, ref, string, SWEEP_STATUS } from './schema-parts';

export const SCHEDULE = {
  type: 'object',
  required: ['id', 'name', 'cron', 'timezone', 'enabled', 'overlap', 'sweep', 'createdAt', 'updatedAt', 'nextRunAt'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    name: string,
    cron: { ...string, example: '0 3 * * *' },
    timezone: { ...string, example: 'UTC' },
    enabled: { type: 'boolean' },
    overlap: { type: 'string', enum: [...SCHEDULE_OVERLAPS] },
    sweep: ref('SweepConfig'),
    createdAt: dateTime,
    updatedAt: dateTime,
    nextRunAt: nullable({ ...dateTime, description: 'the next tick; null while paused' }),
  },
};

export const SCHEDULE_RUN = {
  type: 'object',
  required: ['sweepId', 'status', 'createdAt', 'datasetId', 'datasetVersion', 'best', 'gap', 'lambdaDrift'],
  properties: {
    sweepId: { type: 'string', format: 'uuid' },
    status: SWEEP_STATUS,
    createdAt: dateTime,
    startedAt: nullable(dateTime),
    finishedAt: nullable(dateTime),
    datasetId: { ...string, description: 'the exact dataset version the run used' },
    datasetVersion: integer,
    error: nullable(string),
    best: BEST_SUMMARY,
    gap: nullable({ ...number, description: 'overfitting gap of the best model (validation − train)' }),
    lambdaDrift: nullable({ ...number, description: 'log10(best λ) − log10(best λ of the previous run with one)' }),
  },
};

export const FIRING = {
  type: 'object',
  required: ['id', 'firedAt', 'outcome', 'sweepId', 'reason'],
  properties: {
    id: integer,
    firedAt: dateTime,
    outcome: { type: 'string', enum: ['started', 'skipped', 'queued', 'failed'] },
    sweepId: nullable(string),
    reason: nullable(string),
  },
};
