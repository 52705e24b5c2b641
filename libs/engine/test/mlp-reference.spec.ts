/** The MLP engine against scikit-learn 1.2's own backprop and optimizers (fixtures in fixtures/mlp). */
import { packParameters } from '../src/mlp/layout';
import { objectiveAndSmoothGradient } from '../src/mlp/evaluate';
import {
  errorsAtInit,
  largestRelativeError,
  networkOf,
  readMlpReference,
  referenceRows,
  referenceSetup,
  trainSteps,
} from './helpers/mlp-fixture';

const cases = readMlpReference();

describe.each(cases.map((reference) => [reference.name, reference] as const))('%s', (_name, reference) => {
  const setup = referenceSetup(reference, networkOf(reference), referenceRows(reference));
  const { network, layout, start, rows, penalty } = setup;

  it('loss and gradients at the initial weights agree within 1e-9 relative', () => {
    const errors = errorsAtInit(setup, reference.atInit);
    expect(errors.loss).toBeLessThan(1e-9);
    expect(errors.gradient).toBeLessThan(1e-9);
  });

  for (const training of reference.training) {
    describe(`${training.optimizer}, ${training.steps} full-batch steps`, () => {
      it('the weights after the last step agree within 1e-6 and the zero count matches', () => {
        const fit = trainSteps(setup, training, training.steps);
        expect(fit.status).toBe('ok');
        expect(fit.epochsRun).toBe(training.steps);
        const expected = packParameters(layout, training.final.weights, training.final.biases);
        expect(largestRelativeError(fit.parameters, expected, 1)).toBeLessThan(1e-6);
        expect(fit.sparsity.zeroWeights).toBe(training.zeroWeights);
      });

      it('the objective before each step agrees within 1e-9 relative', () => {
        const gradient = new Float64Array(layout.parameterCount);
        training.lossBeforeEachStep.forEach((expected, step) => {
          const fit = trainSteps(setup, training, step);
          const loss =
            step === 0 ? objectiveAndSmoothGradient(network, layout, start, rows, penalty, gradient) : fit.objective;
          expect(Math.abs(loss - expected) / expected).toBeLessThan(1e-9);
        });
      });
    });
  }
});
