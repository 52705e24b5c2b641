/** The MLP engine against scikit-learn 1.2's own backprop and optimizers (fixtures in fixtures/mlp). */
import { mlpLayout, packParameters } from '../src/mlp/layout';
import { objectiveAndSmoothGradient } from '../src/mlp/evaluate';
import { trainMlp } from '../src/mlp/train';
import type { MlpSolverConfig } from '../src/mlp/types';
import { networkOf, readMlpReference, referenceRows, type MlpTrainingCase } from './helpers/mlp-fixture';

const cases = readMlpReference();

/** Largest |a − b| / max(|b|, floor) over the entries. */
function largestRelativeError(actual: Float64Array, expected: Float64Array, floor: number): number {
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    worst = Math.max(worst, Math.abs(actual[i] - expected[i]) / Math.max(Math.abs(expected[i]), floor));
  }
  return worst;
}

function solverOf(training: MlpTrainingCase, steps: number): MlpSolverConfig {
  return {
    kind: training.optimizer,
    learningRate: training.learningRate,
    momentum: 0,
    epochs: steps,
    seed: 0,
    beta1: training.beta1,
    beta2: training.beta2,
    epsilon: training.epsilon,
  };
}

describe.each(cases.map((reference) => [reference.name, reference] as const))('%s', (_name, reference) => {
  const network = networkOf(reference);
  const rows = referenceRows(reference);
  const layout = mlpLayout(rows.cols, network);
  const start = packParameters(layout, reference.init.weights, reference.init.biases);
  const penalty = { lambda: reference.lambda, l1Ratio: reference.l1Ratio };

  it('loss and gradients at the initial weights agree within 1e-9 relative', () => {
    const gradient = new Float64Array(layout.parameterCount);
    const loss = objectiveAndSmoothGradient(network, layout, start, rows, penalty, gradient);
    expect(Math.abs(loss - reference.atInit.loss) / reference.atInit.loss).toBeLessThan(1e-9);
    const expected = packParameters(layout, reference.atInit.weightGrads, reference.atInit.biasGrads);
    // Relative per entry, with a floor at 1e-9 of the largest gradient for entries that are (near) zero.
    const scale = expected.reduce((m, g) => Math.max(m, Math.abs(g)), 0);
    expect(largestRelativeError(gradient, expected, 1e-9 * scale)).toBeLessThan(1e-9);
  });

  for (const training of reference.training) {
    describe(`${training.optimizer}, ${training.steps} full-batch steps`, () => {
      it('the weights after the last step agree within 1e-6 and the zero count matches', () => {
        const fit = trainMlp({
          network,
          solver: solverOf(training, training.steps),
          penalty,
          train: rows,
          initialParameters: start,
        });
        expect(fit.status).toBe('ok');
        expect(fit.epochsRun).toBe(training.steps);
        const expected = packParameters(layout, training.final.weights, training.final.biases);
        expect(largestRelativeError(fit.parameters, expected, 1)).toBeLessThan(1e-6);
        expect(fit.sparsity.zeroWeights).toBe(training.zeroWeights);
      });

      it('the objective before each step agrees within 1e-9 relative', () => {
        const gradient = new Float64Array(layout.parameterCount);
        training.lossBeforeEachStep.forEach((expected, step) => {
          const fit = trainMlp({
            network,
            solver: solverOf(training, step),
            penalty,
            train: rows,
            initialParameters: start,
          });
          const loss =
            step === 0 ? objectiveAndSmoothGradient(network, layout, start, rows, penalty, gradient) : fit.objective;
          expect(Math.abs(loss - expected) / expected).toBeLessThan(1e-9);
        });
      });
    });
  }
});
