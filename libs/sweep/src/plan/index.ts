export { planSweep, groupIntoCurves } from './plan-sweep';
export { searchSpace } from './search-space';
export { trialKey, taskKey } from './keys';
export { penaltyRatio, penaltyCurves } from './penalty-ratio';
export {
  ADAPTIVE_DECADE_LIMIT,
  limitReachedAt,
  nextExtension,
  pointsPerDecade,
  type CurveState,
  type ExtensionDirection,
  type GridExtension,
} from './adaptive-grid';
export { nextRefinement, REFINE_LIMIT, REFINE_POINTS, REFINE_TOLERANCE, type RefinementState } from './grid-refinement';
export { mergeCurveResults } from './merge-curve-results';
export { fitsClassLabels, glmModel, mlpCurveOf, mlpCurves, plannedFolds, refitsChosen } from './mlp-plan';
export { pathSpecOf, trainingEpochs, withEpochRungs } from './path-spec';
export {
  chooseConcurrency,
  estimateMultiplyAdds,
  threadsBeforePlan,
  usesEveryPoolThread,
  MAX_INLINE_MULTIPLY_ADDS,
  MIN_PARALLEL_MULTIPLY_ADDS,
  type ConcurrencyChoice,
  type ConcurrencyInput,
} from './choose-concurrency';
