export { planSweep, groupIntoCurves } from './plan-sweep';
export { searchSpace } from './search-space';
export { trialKey, taskKey } from './keys';
export { penaltyRatio, penaltyCurves } from './penalty-ratio';
export { glmModel, mlpCurves } from './mlp-plan';
export { pathSpecOf } from './path-spec';
