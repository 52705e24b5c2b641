/** The answer of `GET /api/compare` (compare.service.ts) as an OpenAPI 3.0 schema. */
import { integer, nullable, number, string, SWEEP_STATUS } from './schema-parts';

const CURVE = {
  type: 'object',
  additionalProperties: false,
  required: ['curve', 'penalty', 'l1Ratio', 'points'],
  properties: {
    curve: integer,
    penalty: string,
    l1Ratio: number,
    points: {
      type: 'array',
      description: 'by decreasing λ: the cross-validation mean and sd of the trial at each λ (null when not finite)',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['lambda', 'validation', 'validationSd'],
        properties: { lambda: number, validation: nullable(number), validationSd: nullable(number) },
      },
    },
  },
};

const COMPARED_BEST = nullable({
  type: 'object',
  additionalProperties: false,
  required: ['penalty', 'l1Ratio', 'lambda', 'validation', 'test', 'nonzeros'],
  properties: {
    penalty: string,
    l1Ratio: number,
    lambda: number,
    validation: {
      type: 'object',
      required: ['mean', 'sd'],
      properties: { mean: number, sd: nullable(number) },
    },
    test: nullable({
      type: 'object',
      description: 'the chosen model scored on the held-out rows, by metric (null without a test split)',
      additionalProperties: number,
    }),
    nonzeros: integer,
  },
});

const COMPARED_SWEEP = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'name', 'status', 'model', 'metric', 'selection', 'dataset', 'best', 'curves'],
  properties: {
    id: string,
    name: string,
    status: SWEEP_STATUS,
    model: string,
    metric: string,
    selection: string,
    dataset: {
      type: 'object',
      additionalProperties: false,
      required: ['id', 'name', 'version', 'checksum'],
      properties: { id: string, name: string, version: integer, checksum: nullable(string) },
    },
    best: COMPARED_BEST,
    curves: { type: 'array', items: CURVE },
  },
};

export const COMPARISON = {
  type: 'object',
  additionalProperties: false,
  required: ['sweeps', 'differences'],
  properties: {
    sweeps: { type: 'array', items: COMPARED_SWEEP, description: 'in the order asked' },
    differences: {
      type: 'array',
      description: 'the config fields (flattened paths of the stored, fully defaulted configs) that differ',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['path', 'values'],
        properties: {
          path: { ...string, example: 'split.folds' },
          values: { type: 'array', description: 'one per sweep, in order; null where absent', items: {} },
        },
      },
    },
  },
};
