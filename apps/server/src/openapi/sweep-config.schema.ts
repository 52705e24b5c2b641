/**
 * The sweep config (SPEC §2) as an OpenAPI schema: the body of POST /api/sweeps and a schedule's `sweep`. The bounds
 * are those libs/sweep validates (its constants imported, so they cannot drift); which split and solver fields go
 * with which kind is checked there too, and answered 400 like any other problem.
 */
import {
  LAMBDA_SCALES,
  MAX_CONCURRENCY,
  MAX_EPOCHS,
  MAX_LAMBDA_COUNT,
  MAX_TASK_TIMEOUT_SECONDS,
  MAX_TEST_FRACTION,
  MAX_TRIALS,
  METRICS,
  MODELS,
  PENALTY_KINDS,
  PRUNER_KINDS,
  SEARCH_REFITS,
  SEARCH_STRATEGIES,
  SOLVER_KINDS,
  SPLIT_KINDS,
} from '@regsweep/sweep';

const openUnit = { type: 'number', exclusiveMinimum: true, minimum: 0, exclusiveMaximum: true, maximum: 1 };
const seed = { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER };
const lambdaCount = { type: 'integer', minimum: 1, maximum: MAX_LAMBDA_COUNT };
const positive = { type: 'number', exclusiveMinimum: true, minimum: 0 };

/** A network or solver field of model mlp: its value, or swept as {choices: [...]} or {range: {min, max, scale}}. */
const sweepable = (value: object) => ({
  anyOf: [
    value,
    {
      type: 'object',
      additionalProperties: false,
      required: ['choices'],
      properties: { choices: { type: 'array', minItems: 1, items: value } },
    },
    {
      type: 'object',
      additionalProperties: false,
      required: ['range'],
      properties: {
        range: {
          type: 'object',
          additionalProperties: false,
          required: ['min', 'max'],
          properties: { min: positive, max: positive, scale: { type: 'string', enum: [...LAMBDA_SCALES] } },
        },
      },
    },
  ],
});

export const SWEEP_CONFIG_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'dataset', 'model'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 200 },
    dataset: { type: 'string', minLength: 1, maxLength: 1000, description: 'a built-in or uploaded name, or an id' },
    target: { type: 'string', minLength: 1, maxLength: 1000, description: "default: the dataset's target" },
    model: { type: 'string', enum: [...MODELS] },
    penalties: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string', enum: [...PENALTY_KINDS] } },
    l1Ratios: { type: 'array', maxItems: 100, uniqueItems: true, items: openUnit, description: 'for elasticnet' },
    lambdas: {
      type: 'object',
      additionalProperties: false,
      description: 'one of: auto (glmnet grid), range, explicit values',
      properties: {
        auto: {
          type: 'object',
          additionalProperties: false,
          properties: {
            count: lambdaCount,
            minRatio: openUnit,
            adaptive: { type: 'boolean', description: 'extend the grid a decade at a time while λmin sits at an end' },
          },
        },
        range: {
          type: 'object',
          additionalProperties: false,
          required: ['min', 'max'],
          properties: {
            min: { type: 'number', exclusiveMinimum: true, minimum: 0 },
            max: { type: 'number', exclusiveMinimum: true, minimum: 0 },
            count: lambdaCount,
            scale: { type: 'string', enum: [...LAMBDA_SCALES] },
          },
        },
        values: { type: 'array', minItems: 1, maxItems: MAX_LAMBDA_COUNT, items: { type: 'number', minimum: 0 } },
      },
    },
    split: {
      type: 'object',
      additionalProperties: false,
      properties: {
        kind: { type: 'string', enum: [...SPLIT_KINDS] },
        folds: { type: 'integer', minimum: 2 },
        shuffle: { type: 'boolean' },
        seed,
        validationFraction: openUnit,
        foldIds: { type: 'array', minItems: 2, maxItems: 1_000_000, items: { type: 'integer', minimum: 1 } },
      },
    },
    testFraction: { type: 'number', minimum: 0, maximum: MAX_TEST_FRACTION },
    search: {
      type: 'object',
      additionalProperties: false,
      properties: {
        strategy: { type: 'string', enum: [...SEARCH_STRATEGIES] },
        refit: {
          type: 'string',
          enum: [...SEARCH_REFITS],
          description:
            'model mlp only (default chosen): train the full-data network for the trials the report reads (chosen), or for every trial (every)',
        },
        trials: { type: 'integer', minimum: 1, maximum: MAX_TRIALS },
        seed,
        pruner: {
          type: 'object',
          required: ['kind'],
          description:
            'tpe only; median: startupTrials, warmupSteps, minTrials; asha: minResource, reductionFactor, minEarlyStoppingRate; hyperband: minResource, maxResource (default: the steps of the first complete trial), reductionFactor',
          properties: {
            kind: { type: 'string', enum: [...PRUNER_KINDS] },
            startupTrials: { type: 'integer', minimum: 0 },
            warmupSteps: { type: 'integer', minimum: 0 },
            minTrials: { type: 'integer', minimum: 1 },
            minResource: { type: 'integer', minimum: 1 },
            maxResource: { type: 'integer', minimum: 1 },
            reductionFactor: { type: 'integer', minimum: 2 },
            minEarlyStoppingRate: { type: 'integer', minimum: 0 },
          },
          additionalProperties: false,
        },
      },
    },
    solver: {
      type: 'object',
      additionalProperties: false,
      properties: {
        kind: { type: 'string', enum: [...SOLVER_KINDS] },
        tolerance: { type: 'number', exclusiveMinimum: true, minimum: 0 },
        maxIterations: { type: 'integer', minimum: 1, maximum: 1e9 },
        learningRate: sweepable(positive),
        epochs: { type: 'integer', minimum: 1, maximum: MAX_EPOCHS },
        momentum: { type: 'number', minimum: 0, exclusiveMaximum: true, maximum: 1, description: 'sgd only' },
        batchSize: sweepable({ type: 'integer', minimum: 1 }),
        seed,
        earlyStopping: {
          type: 'object',
          additionalProperties: false,
          required: ['patience'],
          properties: { patience: { type: 'integer', minimum: 1 }, minDelta: { type: 'number', minimum: 0 } },
        },
      },
    },
    network: {
      type: 'object',
      additionalProperties: false,
      description: 'model mlp only',
      properties: {
        hidden: sweepable({ type: 'array', maxItems: 4, items: { type: 'integer', minimum: 1 } }),
        activation: sweepable({ type: 'string', enum: ['relu', 'tanh', 'logistic'] }),
        output: { type: 'string', enum: ['linear', 'logistic', 'softmax'] },
      },
    },
    multinomial: {
      type: 'object',
      additionalProperties: false,
      description: 'model multinomial only',
      properties: {
        grouped: { type: 'boolean', description: 'glmnet type.multinomial "grouped": one group per feature' },
      },
    },
    standardize: { type: 'boolean' },
    metric: { type: 'string', enum: [...METRICS] },
    selection: { type: 'string', enum: ['min', '1se'] },
    concurrency: { type: 'integer', minimum: 1, maximum: MAX_CONCURRENCY },
    taskTimeoutSeconds: { type: 'number', exclusiveMinimum: true, minimum: 0, maximum: MAX_TASK_TIMEOUT_SECONDS },
  },
};
