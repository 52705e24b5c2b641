/** objectiveGradient against central finite differences of objectiveValue, at random points, both families. */
import { prepareTrainingSet } from '../src/data/training-set';
import { objectiveGradient, objectiveValue, type ObjectiveTerms } from '../src/objective';
import type { Model } from '../src/types';
import { allRows } from './helpers/read-csv';
import { normalSource, syntheticDataset } from './helpers/synthetic';

describe.each(['linear', 'logistic'] as Model[])('%s objective gradient', (model) => {
  const data = syntheticDataset({ rows: 50, cols: 6, model, seed: 41 });
  const terms: ObjectiveTerms[] = [
    { model, lambda: 0, l1Ratio: 0 },
    { model, lambda: 0.3, l1Ratio: 1 },
    { model, lambda: 0.3, l1Ratio: 0 },
    { model, lambda: 0.2, l1Ratio: 0.4 },
  ];
  for (const standardize of [true, false]) {
    const set = prepareTrainingSet(data, allRows(data), standardize);
    for (const term of terms) {
      it(`λ=${term.lambda} r=${term.l1Ratio} standardize=${standardize}`, () => {
        const draw = normalSource(42 + term.l1Ratio * 10);
        for (let trial = 0; trial < 5; trial++) {
          // Random point with every β̃_j well away from 0, where the L1 term is differentiable.
          const intercept = draw();
          const beta = Float64Array.from({ length: set.p }, () => (draw() > 0 ? 1 : -1) * (0.2 + Math.abs(draw())));
          const analytic = new Float64Array(set.p + 1);
          objectiveGradient(set, term, intercept, beta, analytic);
          const h = 1e-6;
          for (let k = 0; k <= set.p; k++) {
            const at = (shift: number): number => {
              const b = Float64Array.from(beta);
              if (k === 0) return objectiveValue(set, term, intercept + shift, b);
              b[k - 1] += shift;
              return objectiveValue(set, term, intercept, b);
            };
            const numeric = (at(h) - at(-h)) / (2 * h);
            expect(Math.abs(analytic[k] - numeric)).toBeLessThan(1e-6 * Math.max(1, Math.abs(numeric)));
          }
        }
      });
    }
  }
});
