/**
 * The search space of a config: one entry per (penalty, l1Ratio), with where its λ come from.
 *   grid     the curve's own λ grid from the engine (auto grids computed on the fitting rows, i.e. every row
 *            but the test rows, like cv.glmnet's full-data grid; `none` gets [0])
 *   random   `lambdas.range` as a log-uniform range, or `lambdas.values` as a set to choose from; `none` gets 0
 *   tpe      as random, and for model mlp the swept network / solver fields as `fields`
 */
import {
  lambdaGrid,
  largestInnerProduct,
  multinomialDatasetOf,
  multinomialLambdaGrid,
  type Dataset,
  type PenaltyKind,
} from '@regsweep/engine';
import type { LambdaDomain, SearchSpace } from '../search/sampler';
import type { SweepConfig } from '../types';
import { fitsClassLabels, glmModel, mlpFieldDomains } from './mlp-plan';
import { penaltyCurves } from './penalty-ratio';

export function searchSpace(config: SweepConfig, data: Dataset, fitRows: Int32Array): SearchSpace {
  // λ_max of every penalty from one pass over the data: only its ratio r differs between penalties.
  let innerProduct: number | undefined;
  const largestInner = () => (innerProduct ??= largestInnerProduct(data, fitRows, config.standardize));
  // A softmax network's grid is the multinomial GLM's (its no-hidden-layer case), as other networks take their GLM's.
  const multinomial = fitsClassLabels(config) ? multinomialDatasetOf(data) : undefined;
  const multinomialGrid = (penalty: PenaltyKind, l1Ratio: number) =>
    multinomialLambdaGrid(
      config.lambdas,
      multinomial!,
      fitRows,
      { kind: penalty, l1Ratio },
      config.standardize,
      config.multinomial?.grouped ?? false,
    );
  const curves = penaltyCurves(config.penalties, config.l1Ratios).map(({ penalty, l1Ratio }) => {
    const lambdas: LambdaDomain =
      config.search.strategy === 'grid'
        ? {
            kind: 'values',
            values: multinomial
              ? multinomialGrid(penalty, l1Ratio)
              : lambdaGrid(
                  config.lambdas,
                  data,
                  fitRows,
                  glmModel(config),
                  { kind: penalty, l1Ratio },
                  config.standardize,
                  largestInner,
                ),
          }
        : randomDomain(config, penalty === 'none');
    return { penalty, l1Ratio, lambdas };
  });
  // An adaptive search asks the network's swept fields with each point; the planner draws them itself otherwise.
  return config.model === 'mlp' && config.search.strategy === 'tpe'
    ? { curves, fields: mlpFieldDomains(config) }
    : { curves };
}

function randomDomain(config: SweepConfig, unpenalized: boolean): LambdaDomain {
  const spec = config.lambdas;
  if (unpenalized) return { kind: 'values', values: [0] };
  if ('range' in spec) return { kind: 'logUniform', min: spec.range.min, max: spec.range.max };
  if ('values' in spec) return { kind: 'values', values: spec.values };
  // validateSweepConfig rejects this combination; reaching it means the config skipped validation.
  throw new Error('random search needs lambdas.range or lambdas.values');
}
