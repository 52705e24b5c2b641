/** OpenAPI schemas of the schedule answers (the bodies are documented by the DTO classes). */
const nullableNumber = { type: 'number', nullable: true } as const;
const dateTime = { type: 'string', format: 'date-time' } as const;

function page(item: object, extra: Record<string, object> = {}) {
  return {
    type: 'object',
    properties: {
      items: { type: 'array', items: item },
      total: { type: 'integer' },
      page: { type: 'integer' },
      pageSize: { type: 'integer' },
      ...extra,
    },
  };
}

export const SCHEDULE_SCHEMA = {
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uuid' },
    name: { type: 'string' },
    cron: { type: 'string', example: '0 3 * * *' },
    timezone: { type: 'string', example: 'UTC' },
    enabled: { type: 'boolean' },
    overlap: { type: 'string', enum: ['skip', 'queue'] },
    sweep: { type: 'object', description: 'the validated sweep config, defaults applied' },
    createdAt: dateTime,
    updatedAt: dateTime,
    nextRunAt: { ...dateTime, nullable: true, description: 'the next tick; null while paused' },
  },
};

export const SCHEDULE_PAGE_SCHEMA = page(SCHEDULE_SCHEMA);

const RUN_SCHEMA = {
  type: 'object',
  properties: {
    sweepId: { type: 'string', format: 'uuid' },
    status: { type: 'string', enum: ['queued', 'running', 'succeeded', 'failed', 'cancelled'] },
    createdAt: dateTime,
    startedAt: { ...dateTime, nullable: true },
    finishedAt: { ...dateTime, nullable: true },
    datasetId: { type: 'string', description: 'the exact dataset version the run used' },
    datasetVersion: { type: 'integer' },
    error: { type: 'string', nullable: true },
    best: {
      type: 'object',
      nullable: true,
      description: "the report's best model (null until the sweep succeeds)",
      properties: {
        penalty: { type: 'string' },
        l1Ratio: { type: 'number' },
        lambda: { type: 'number' },
        validation: { ...nullableNumber, description: 'mean validation metric at that λ' },
      },
    },
    gap: { ...nullableNumber, description: 'overfitting gap of the best model (validation − train)' },
    lambdaDrift: {
      ...nullableNumber,
      description: 'log10(best λ) − log10(best λ of the previous run with a best model); null for the first run',
    },
  },
};

export const RUNS_PAGE_SCHEMA = page(RUN_SCHEMA, {
  skipped: { type: 'integer', description: 'ticks that started nothing (previous run still going, or paused)' },
  failed: { type: 'integer', description: 'ticks whose sweep could not be submitted' },
});

export const FIRINGS_PAGE_SCHEMA = page({
  type: 'object',
  properties: {
    id: { type: 'integer' },
    firedAt: dateTime,
    outcome: { type: 'string', enum: ['started', 'skipped', 'queued', 'failed'] },
    sweepId: { type: 'string', nullable: true },
    reason: { type: 'string', nullable: true },
  },
});

export const INVALID_INPUT_SCHEMA = {
  type: 'object',
  properties: {
    statusCode: { type: 'integer', example: 400 },
    message: { type: 'string' },
    errors: {
      type: 'array',
      items: { type: 'object', properties: { path: { type: 'string', example: 'cron' }, message: { type: 'string' } } },
    },
  },
};
