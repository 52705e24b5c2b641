/** The report of a sweep (SPEC §4, libs/sweep's SweepReport) as an OpenAPI schema. */
import { integer, nullable, number, string } from './schema-parts';

const PENALTY_REF = {
  type: 'object',
  required: ['penalty', 'l1Ratio'],
  properties: { penalty: string, l1Ratio: number },
};

const BY_CLASS = { type: 'object', additionalProperties: number };
const BY_FEATURE = { type: 'object', additionalProperties: number };

/** The chosen multinomial model on the test rows: counts[actual][predicted], classes in label order. */
const CONFUSION = {
  type: 'object',
  required: ['classes', 'counts'],
  properties: {
    classes: { type: 'array', items: string },
    counts: { type: 'array', items: { type: 'array', items: integer } },
  },
};

export const REPORT = {
  type: 'object',
  required: ['sweepId', 'metric', 'selection', 'best', 'penalties', 'comparison', 'warnings'],
  properties: {
    sweepId: string,
    metric: string,
    selection: { type: 'string', enum: ['min', '1se'] },
    best: nullable({
      type: 'object',
      required: ['penalty', 'l1Ratio', 'lambda', 'validation', 'train', 'gap', 'nonzeros', 'intercept', 'coefficients'],
      properties: {
        penalty: string,
        l1Ratio: number,
        lambda: number,
        validation: { type: 'object', required: ['mean', 'sd'], properties: { mean: number, sd: nullable(number) } },
        train: { type: 'object', required: ['mean'], properties: { mean: number } },
        gap: number,
        nonzeros: integer,
        intercept: {
          description:
            'model multinomial: {class: value}, centred to sum to zero; null for a softmax network (K output biases)',
          oneOf: [nullable(number), BY_CLASS],
        },
        coefficients: {
          type: 'object',
          description: '{feature: value}; model multinomial: {class: {feature: value}}',
          additionalProperties: { oneOf: [number, BY_FEATURE] },
        },
        test: {
          type: 'object',
          description: 'with testFraction > 0: {metric: value}; model multinomial and softmax networks add `confusion`',
          additionalProperties: { oneOf: [number, CONFUSION] },
        },
      },
    }),
    penalties: {
      type: 'array',
      items: {
        type: 'object',
        required: ['penalty', 'l1Ratio', 'lambdaMin', 'lambda1se', 'curve', 'overfitting'],
        properties: {
          penalty: string,
          l1Ratio: number,
          lambdaMin: number,
          lambda1se: nullable(number),
          curve: {
            type: 'array',
            description: 'by decreasing λ',
            items: {
              type: 'object',
              required: ['lambda', 'train', 'validation', 'validationSd', 'gap', 'nonzeros'],
              properties: {
                lambda: number,
                train: number,
                validation: number,
                validationSd: nullable(number),
                gap: number,
                nonzeros: integer,
              },
            },
          },
          overfitting: {
            type: 'object',
            required: ['verdict', 'gapAtLambdaMin', 'edge'],
            properties: {
              verdict: string,
              gapAtLambdaMin: number,
              edge: { type: 'string', enum: ['none', 'small', 'large'] },
              overfitsAtSmallLambda: { type: 'boolean' },
              underfitsAtLargeLambda: { type: 'boolean' },
            },
          },
        },
      },
    },
    comparison: {
      type: 'array',
      items: {
        type: 'object',
        required: ['a', 'b', 'meanDifference', 'sdDifference', 'pValue'],
        properties: {
          a: PENALTY_REF,
          b: PENALTY_REF,
          meanDifference: number,
          sdDifference: nullable(number),
          pValue: nullable(number),
        },
      },
    },
    warnings: { type: 'array', items: string },
    failures: {
      type: 'array',
      items: {
        type: 'object',
        required: ['penalty', 'l1Ratio', 'fold', 'attempts', 'reason'],
        properties: { penalty: string, l1Ratio: number, fold: integer, attempts: integer, reason: string },
      },
    },
  },
};
