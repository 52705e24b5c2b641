/** The exported model (libs/models/src/model.ts) and the predict answer, as OpenAPI 3.0 schemas. */
import { integer, nullable, number, string } from './schema-parts';

const numbers = { type: 'array', items: number };

export const EXPORTED_MODEL = {
  type: 'object',
  additionalProperties: false,
  required: [
    'format',
    'formatVersion',
    'kind',
    'features',
    'target',
    'link',
    'classLabels',
    'penalty',
    'l1Ratio',
    'lambda',
    'standardize',
    'standardization',
    'provenance',
  ],
  properties: {
    format: { type: 'string', enum: ['regsweep-model'] },
    formatVersion: integer,
    kind: { type: 'string', enum: ['glm', 'mlp', 'multinomial'] },
    features: { type: 'array', items: string, description: 'the order of every per-feature array' },
    target: string,
    link: {
      type: 'string',
      enum: ['identity', 'logit', 'softmax'],
      description: 'logit: predictions are P(class 1); softmax: P(class k) = e^{η_k}/Σ_l e^{η_l}',
    },
    classLabels: nullable({
      type: 'array',
      items: { oneOf: [number, string] },
      description:
        'logit: [0, 1]; multinomial: the class labels (text), in the order of intercepts and coefficients; mlp with softmax output: the class labels (text) of its output units',
    }),
    grouped: { type: 'boolean', description: 'multinomial: glmnet\'s type.multinomial "grouped"' },
    intercepts: { ...numbers, description: 'multinomial: one per class, centred to sum to zero' },
    penalty: { type: 'string', enum: ['none', 'l1', 'l2', 'elasticnet'] },
    l1Ratio: number,
    lambda: number,
    standardize: { type: 'boolean' },
    standardization: {
      type: 'object',
      additionalProperties: false,
      required: ['means', 'scales'],
      properties: { means: numbers, scales: { ...numbers, description: '0 marks a constant column (glm)' } },
      description: 'column means and scales of the fit rows',
    },
    provenance: {
      type: 'object',
      additionalProperties: false,
      required: [
        'sweepId',
        'sweepName',
        'datasetId',
        'datasetName',
        'datasetVersion',
        'datasetChecksum',
        'regsweepVersion',
        'exportedBy',
      ],
      properties: {
        sweepId: string,
        sweepName: string,
        datasetId: string,
        datasetName: string,
        datasetVersion: integer,
        datasetChecksum: nullable(string),
        regsweepVersion: nullable({ ...string, description: 'the version that ran the sweep' }),
        exportedBy: { ...string, description: 'the version that exported the model' },
      },
    },
    intercept: { ...number, description: 'glm: on the original scale' },
    coefficients: {
      oneOf: [numbers, { type: 'array', items: numbers }],
      description: 'glm: on the original scale, in `features` order; multinomial: [class][feature], the same scale',
    },
    network: {
      type: 'object',
      required: ['hidden', 'activation', 'output'],
      properties: {
        hidden: { type: 'array', items: integer },
        activation: { type: 'string', enum: ['relu', 'tanh', 'logistic'] },
        output: { type: 'string', enum: ['linear', 'logistic', 'softmax'] },
      },
    },
    weights: {
      type: 'array',
      items: { type: 'array', items: numbers },
      description: 'mlp: [layer][input][unit]; a softmax output has one unit per class',
    },
    biases: { type: 'array', items: numbers, description: 'mlp: [layer][unit]' },
  },
};

export const PREDICTIONS = {
  type: 'object',
  additionalProperties: false,
  required: ['predictions'],
  properties: {
    predictions: {
      type: 'array',
      items: { oneOf: [number, numbers] },
      description:
        'one per row, in order: η for regression, P(class 1) for a binary classifier, P(class k) per class (in `classes` order) for a multinomial model or a softmax network',
    },
    classes: { type: 'array', items: string, description: 'multinomial, softmax network: the class labels' },
    labels: {
      type: 'array',
      items: string,
      description: 'multinomial, softmax network: each row’s most probable class',
    },
  },
};
