/**
 * The softmax output (network.output: softmax) against scikit-learn 1.2's MLPClassifier on iris (fixtures in
 * fixtures/mlp-softmax, generator beside them), and, with no hidden layer, against the multinomial GLM's objective
 * (multinomial/multinomial-objective.ts) on the same weights: the two are the same function, written twice.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { designMatrixFromRows } from '../src/data/design-matrix';
import { prepareTrainingSet } from '../src/data/training-set';
import { objectiveAndSmoothGradient } from '../src/mlp/evaluate';
import { inputScaling, scaledRows } from '../src/mlp/inputs';
import { mlpLayout, packParameters } from '../src/mlp/layout';
import type { MlpNetwork } from '../src/mlp/types';
import { multinomialGradient, multinomialObjective } from '../src/multinomial/multinomial-objective';
import type { Dataset } from '../src/types';
import { FIXTURE_DIR } from './helpers/read-csv';
import {
  errorsAtInit,
  largestRelativeError,
  referenceSetup,
  trainSteps,
  type MlpNetworkCase,
} from './helpers/mlp-fixture';
import { uniformSource } from './helpers/synthetic';

const fixture = JSON.parse(readFileSync(join(FIXTURE_DIR, 'mlp-softmax', 'mlp-softmax-iris.json'), 'utf8')) as {
  data: { features: string[]; classes: string[]; x: number[][]; y: number[] };
  cases: MlpNetworkCase[];
};
const CLASSES = fixture.data.classes.length;
const data: Dataset = {
  x: designMatrixFromRows(fixture.data.features, fixture.data.x),
  y: Float64Array.from(fixture.data.y),
  classes: fixture.data.classes,
};
const allRows = Int32Array.from({ length: data.x.rows }, (_, i) => i);
// The fixture's features are standardized already: the network sees them unscaled.
const rows = scaledRows(data, allRows, inputScaling(data, allRows, false));

describe.each(fixture.cases.map((reference) => [reference.name, reference] as const))(
  'scikit-learn MLPClassifier, %s',
  (_name, reference) => {
    const network: MlpNetwork = {
      hidden: reference.hidden,
      activation: reference.activation,
      output: 'softmax',
      classes: CLASSES,
    };
    const setup = referenceSetup(reference, network, rows);

    it('the objective and gradients at the initial weights agree within 1e-9 relative', () => {
      const errors = errorsAtInit(setup, reference.atInit);
      expect(errors.loss).toBeLessThan(1e-9);
      expect(errors.gradient).toBeLessThan(1e-9);
    });

    for (const training of reference.training) {
      it(`${training.optimizer}: the weights after ${training.steps} full-batch steps agree within 1e-6, the zeros exactly`, () => {
        const fit = trainSteps(setup, training, training.steps);
        expect(fit.status).toBe('ok');
        const expected = packParameters(setup.layout, training.final.weights, training.final.biases);
        expect(largestRelativeError(fit.parameters, expected, 1)).toBeLessThan(1e-6);
        expect(fit.sparsity.zeroWeights).toBe(training.zeroWeights);
        // The objective before the last step, from a run one step shorter, within 1e-9 relative.
        const before = trainSteps(setup, training, training.steps - 1);
        const last = training.lossBeforeEachStep[training.steps - 1];
        expect(Math.abs(before.objective - last) / last).toBeLessThan(1e-9);
      });
    }
  },
);

describe('no hidden layer: the multinomial GLM objective on the same weights', () => {
  // Random weights W (p × K) and biases b: the network's η_ik = b_k + Σ_j z_ij W_jk is the GLM's with β_k = W_·k and
  // b0_k = b_k, on the same standardized z (population sd, as both standardize).
  const network: MlpNetwork = { hidden: [], activation: 'relu', output: 'softmax', classes: CLASSES };
  const standardized = scaledRows(data, allRows, inputScaling(data, allRows, true));
  const set = prepareTrainingSet(data, allRows, true);
  const layout = mlpLayout(data.x.cols, network);
  const p = data.x.cols;

  it.each([
    ['no penalty', 0, 0],
    ['l2', 0.05, 0],
    ['l1', 0.05, 1],
    ['elasticnet', 0.05, 0.3],
  ])('%s: objectives within 1e-12 relative, gradients of the smooth part within 1e-12', (_name, lambda, l1Ratio) => {
    const uniform = uniformSource(7);
    const parameters = Float64Array.from({ length: layout.parameterCount }, () => 2 * uniform() - 1);
    const intercepts = parameters.slice(layout.biasOffsets[0], layout.biasOffsets[0] + CLASSES);
    const beta = new Float64Array(CLASSES * p);
    for (let j = 0; j < p; j++) for (let k = 0; k < CLASSES; k++) beta[k * p + j] = parameters[j * CLASSES + k];

    const gradient = new Float64Array(layout.parameterCount);
    const penalty = { lambda, l1Ratio };
    const networkObjective = objectiveAndSmoothGradient(network, layout, parameters, standardized, penalty, gradient);
    const terms = { classes: CLASSES, lambda, l1Ratio, grouped: false };
    const glm = multinomialObjective(set, terms, intercepts, beta);
    expect(Math.abs(networkObjective - glm) / glm).toBeLessThan(1e-12);

    // The GLM's gradient includes λr·sign(β); the network's smooth gradient leaves the L1 part to the proximal step.
    const glmGradient = new Float64Array(CLASSES * (p + 1));
    multinomialGradient(set, terms, intercepts, beta, glmGradient);
    for (let k = 0; k < CLASSES; k++) {
      expect(gradient[layout.biasOffsets[0] + k]).toBeCloseTo(glmGradient[k], 12);
      for (let j = 0; j < p; j++) {
        const smooth = glmGradient[CLASSES + k * p + j] - lambda * l1Ratio * Math.sign(beta[k * p + j]);
        expect(gradient[j * CLASSES + k]).toBeCloseTo(smooth, 12);
      }
    }
  });
});
