import { quadraticScratch, residualSquares, responseMoments } from '../data/cross-products-forms';
import type { Dataset, MetricName, PointFit } from '../types';
import type { GramFold } from './gram-fold';
import { ValidationBlock } from './validation-block';

/** A fold's mse or r2 scores from its sums, without predictions. */
export interface GramScorer {
  /** On the training rows, fit j: from the data term the solver keeps (mse = 2·loss), no pass over any sums. */
  train(j: number): number;
  /**
   * On the validation rows (NaN without them): SSE as the quadratic form vᵀS_v v of the validation sums,
   * O(nonzeros²), while the fit has no more nonzeros than there are validation rows; past that by predictions from
   * the rows (validation-block.ts), O(rows·nonzeros). (The training rows' form read two p×p matrices per λ; at
   * p = 1000 that traffic was what two threads fought over.)
   */
  validation(fit: PointFit): number;
}

/**
 * The scorer of a fold fitted from cross products, `validationRows` of `data` being the rows of its validation sums;
 * null for metrics that need predictions (mae, logistic ones).
 */
export function gramScorer(
  metric: MetricName,
  gram: GramFold,
  data: Dataset,
  validationRows: Int32Array,
): GramScorer | null {
  if (metric !== 'mse' && metric !== 'r2') return null;
  const { centre, responseCentre } = gram.full;
  const scratch = quadraticScratch(centre.length);
  let block: ValidationBlock | undefined; // built the first time a fit has more nonzeros than validation rows
  // mean squared residual → the metric; r2 = 1 − SSE/SST, SST = Σ(y − ȳ)² = Σỹ² − (Σỹ)²/m from the rows' sums,
  // a constant target scoring as in metrics.ts.
  const score = ({ count, sum, squares }: ReturnType<typeof responseMoments>, mse: number): number => {
    if (metric === 'mse') return mse;
    const sst = Math.max(squares - (sum * sum) / count, 0) / count;
    if (sst === 0) return mse === 0 ? 1 : 0;
    return 1 - mse / sst;
  };
  const train = responseMoments(gram.train);
  const validation = gram.validation ? responseMoments(gram.validation) : null;
  return {
    train: (j) => (train.count > 0 ? score(train, 2 * gram.trainLosses[j]) : NaN),
    validation: (fit) => {
      const s = gram.validation;
      if (!s || !validation || !(validation.count > 0)) return NaN;
      const sse =
        fit.nonzeros > validationRows.length
          ? (block ??= new ValidationBlock(data, validationRows)).residualSquares(fit.intercept, fit.coefficients)
          : residualSquares(s, centre, responseCentre, fit.intercept, fit.coefficients, scratch);
      return score(validation, sse / validation.count);
    },
  };
}
