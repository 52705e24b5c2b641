/** Grid search: every λ of every curve's grid, in the grid's order. */
import type { Sampler, SearchPoint, SearchSpace } from './sampler';

export class GridSampler implements Sampler {
  readonly name = 'grid' as const;

  sample(space: SearchSpace): SearchPoint[] {
    return space.curves.flatMap(({ penalty, l1Ratio, lambdas }) => {
      if (lambdas.kind !== 'values') {
        throw new Error(`grid search needs a λ grid for ${penalty}, got a ${lambdas.kind} range`);
      }
      return Array.from(lambdas.values, (lambda) => ({ penalty, l1Ratio, lambda }));
    });
  }
}
