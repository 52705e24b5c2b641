/**
 * The response bodies of the API as OpenAPI 3.0 schemas, registered as components (openapi-document.ts) and named
 * by `$ref` in the controllers' decorators. The contract test (test/openapi-contract.e2e-spec.ts) validates real
 * answers of every endpoint against them.
 */
import { COMPARISON } from './compare.schemas';
import { EXPORTED_MODEL, PREDICTIONS } from './model.schemas';
import { REPORT } from './report.schema';
import { FIRING, SCHEDULE, SCHEDULE_RUN } from './schedule.schemas';
import { BEST_SUMMARY, dateTime, integer, nullable, number, ref, string, SWEEP_STATUS } from './schema-parts';
import { SWEEP_CONFIG_SCHEMA } from './sweep-config.schema';

/** `{items, total, page, pageSize}` of `item`. */
export function pageOf(item: object, extra: Record<string, object> = {}) {
  return {
    type: 'object',
    required: ['items', 'total', 'page', 'pageSize', ...Object.keys(extra)],
    properties: { items: { type: 'array', items: item }, total: integer, page: integer, pageSize: integer, ...extra },
  };
}

const PROBLEM = {
  type: 'object',
  additionalProperties: false,
  required: ['statusCode', 'message', 'errors'],
  properties: {
    statusCode: integer,
    message: string,
    errors: {
      type: 'array',
      maxItems: 20,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['path', 'message'],
        properties: { path: { ...string, example: 'split.folds' }, message: string },
      },
    },
    errorsOmitted: { ...integer, description: 'problems found beyond the 20 listed' },
    status: { ...string, description: 'health check only' },
    database: { ...string, description: 'health check only' },
  },
};

const HEALTH = {
  type: 'object',
  additionalProperties: false,
  required: ['status', 'database'],
  properties: { status: { type: 'string', enum: ['ok'] }, database: { type: 'string', enum: ['ok'] } },
};

const DATASET = {
  type: 'object',
  additionalProperties: false,
  required: [
    'id',
    'name',
    'version',
    'target',
    'task',
    'rows',
    'features',
    'classes',
    'builtin',
    'source',
    'createdAt',
  ],
  properties: {
    id: { type: 'string', format: 'uuid' },
    name: string,
    version: { type: 'integer', minimum: 1 },
    target: string,
    task: { type: 'string', enum: ['regression', 'binary', 'multiclass'] },
    rows: { type: 'integer', minimum: 1 },
    features: { type: 'array', items: string },
    classes: nullable({
      type: 'array',
      items: string,
      description: 'task multiclass: the labels, sorted; a numeric target uploaded for multinomial: its integer codes',
    }),
    builtin: { type: 'boolean' },
    source: nullable({ ...string, description: 'provenance of a built-in, or the file name (never a server path)' }),
    createdAt: dateTime,
  },
};

const SWEEP = {
  type: 'object',
  required: [
    'id',
    'name',
    'status',
    'datasetId',
    'datasetVersion',
    'config',
    'tags',
    'notes',
    'progress',
    'error',
    'createdAt',
  ],
  properties: {
    id: { type: 'string', format: 'uuid' },
    name: string,
    status: SWEEP_STATUS,
    datasetId: string,
    datasetVersion: integer,
    datasetChecksum: nullable({ ...string, description: 'sha256 of the dataset values the sweep ran on' }),
    regsweepVersion: nullable({ ...string, description: 'the regsweep version the sweep was submitted to' }),
    concurrency: nullable({
      type: 'object',
      required: ['threads', 'reason'],
      properties: {
        threads: {
          type: 'integer',
          minimum: 0,
          description: '0: run inline on the main thread, no worker thread (a tiny sweep of the CLI)',
        },
        reason: string,
        estimatedMultiplyAdds: { type: 'number', description: 'the estimate of the work the choice came from' },
      },
      description:
        "the tasks the sweep's run ran at once and why: the config's concurrency, else (the CLI only) inline when the " +
        'estimated work is below what a thread costs, else one thread when it is below what a second thread costs, ' +
        'else the pool size; null until a run has planned',
    }),
    config: ref('SweepConfig'),
    tags: { type: 'array', items: string, description: 'the user’s tags, in the order given (PATCH)' },
    notes: { ...string, description: 'free-text notes (PATCH); "" when none' },
    progress: {
      type: 'object',
      required: ['done', 'total'],
      properties: { done: integer, total: integer },
      description: 'finished tasks (one curve on one fold) of all',
    },
    error: nullable(string),
    scheduleId: nullable(string),
    createdAt: dateTime,
    startedAt: nullable(dateTime),
    finishedAt: nullable(dateTime),
    best: BEST_SUMMARY,
  },
};

const SUBMITTED = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'status'],
  properties: { id: { type: 'string', format: 'uuid' }, status: SWEEP_STATUS },
};

const FOLD = {
  type: 'object',
  required: ['fold', 'trainSize', 'validationSize', 'train', 'validation', 'status'],
  properties: {
    fold: { ...integer, description: '1-based; 0 is the fit on all fitting rows' },
    trainSize: integer,
    validationSize: integer,
    train: nullable(number),
    validation: nullable(number),
    iterations: integer,
    converged: { type: 'boolean' },
    status: string,
    reason: nullable(string),
    learningCurve: nullable({
      type: 'object',
      properties: {
        epochs: { type: 'array', items: integer },
        train: { type: 'array', items: nullable(number) },
        validation: { type: 'array', items: nullable(number) },
      },
    }),
  },
};

const TRIAL = {
  type: 'object',
  required: ['id', 'penalty', 'l1Ratio', 'lambda', 'status', 'trainMean', 'validationMean'],
  properties: {
    id: integer,
    key: string,
    curve: integer,
    lambdaIndex: integer,
    penalty: { type: 'string', enum: ['none', 'l1', 'l2', 'elasticnet'] },
    l1Ratio: number,
    lambda: number,
    status: { type: 'string', enum: ['ok', 'not_converged', 'diverged', 'failed', 'pending', 'pruned'] },
    trainMean: nullable(number),
    validationMean: nullable(number),
    validationSd: nullable(number),
    gap: nullable(number),
    nonzeros: nullable(integer),
    intercept: nullable(number),
    coefficients: nullable({
      type: 'object',
      description: 'with include=coefficients: {feature: value}; model multinomial: {class: {feature: value}}',
      additionalProperties: { oneOf: [nullable(number), { type: 'object', additionalProperties: nullable(number) }] },
    }),
    intercepts: nullable({
      type: 'object',
      description: 'model multinomial, with include=coefficients: {class: value}',
      additionalProperties: nullable(number),
    }),
    iterations: nullable(integer),
    converged: nullable({ type: 'boolean' }),
    reason: nullable(string),
    prunedStep: nullable({
      ...integer,
      description:
        'status pruned: the folds finished when the pruner stopped it (gd and mlp trials: the epoch of fold 1, or k × epochs when stopped after fold k)',
    }),
    prunedValue: nullable({
      ...number,
      description:
        "status pruned: the running CV mean that pruned it (gd and mlp trials stopped inside fold 1: fold 1's validation loss at that epoch)",
    }),
    folds: { type: 'array', items: ref('FoldResult') },
  },
};

/** components.schemas of the document. */
export const RESPONSE_SCHEMAS: Record<string, object> = {
  Problem: PROBLEM,
  Health: HEALTH,
  Dataset: DATASET,
  DatasetPage: pageOf(ref('Dataset')),
  SweepConfig: SWEEP_CONFIG_SCHEMA,
  Sweep: SWEEP,
  SweepPage: pageOf(ref('Sweep')),
  SweepSubmitted: SUBMITTED,
  FoldResult: FOLD,
  Trial: TRIAL,
  TrialPage: pageOf(ref('Trial')),
  Report: REPORT,
  Comparison: COMPARISON,
  ExportedModel: EXPORTED_MODEL,
  Predictions: PREDICTIONS,
  Schedule: SCHEDULE,
  SchedulePage: pageOf(ref('Schedule')),
  ScheduleRun: SCHEDULE_RUN,
  ScheduleRunPage: pageOf(ref('ScheduleRun'), {
    skipped: { ...integer, description: 'ticks that started nothing (previous run still going, or paused)' },
    failed: { ...integer, description: 'ticks whose sweep could not be submitted' },
  }),
  ScheduleFiring: FIRING,
  ScheduleFiringPage: pageOf(ref('ScheduleFiring')),
};
