/**
 * Analytic MLP gradients against central finite differences, for every activation, every output (softmax with
 * K = 3 classes), 0–3 hidden layers, without a penalty and with each penalty. Away from w = 0 the objective is
 * differentiable, so ∂(objective)/∂θ = smooth gradient + λr·sign(w) on the weights (0 on the biases).
 */
import { mlpLayout, type MlpLayout } from '../src/mlp/layout';
import { objectiveAndSmoothGradient } from '../src/mlp/evaluate';
import type { RowMajorRows } from '../src/mlp/inputs';
import type { MlpActivation, MlpNetwork, MlpOutput, MlpPenalty } from '../src/mlp/types';
import { normalSource, uniformSource } from './helpers/synthetic';

const ROWS = 23;
const COLS = 4;
const CLASSES = 3;

function randomRows(output: MlpOutput, seed: number): RowMajorRows {
  const normal = normalSource(seed);
  const x = Float64Array.from({ length: ROWS * COLS }, () => normal());
  const y = Float64Array.from({ length: ROWS }, (_, i) => {
    if (output === 'linear') return x[i * COLS] - 0.5 * x[i * COLS + 1] ** 2 + 0.3 * normal();
    if (output === 'softmax') return i % CLASSES;
    return normal() > 0 ? 1 : 0;
  });
  return { x, y, rows: ROWS, cols: COLS };
}

/** Weights uniform in ±0.9 kept away from 0 (|w| ≥ 0.05) so |w| is differentiable within the step. */
function randomParameters(layout: MlpLayout, seed: number): Float64Array {
  const uniform = uniformSource(seed);
  return Float64Array.from({ length: layout.parameterCount }, () => {
    const magnitude = 0.05 + 0.85 * uniform();
    return uniform() < 0.5 ? -magnitude : magnitude;
  });
}

function isWeight(layout: MlpLayout, index: number): boolean {
  return layout.weightOffsets.some((start, l) => index >= start && index < layout.biasOffsets[l]);
}

const activations: MlpActivation[] = ['relu', 'tanh', 'logistic'];
const outputs: MlpOutput[] = ['linear', 'logistic', 'softmax'];
// [13, 9] reaches every tile width of the kernels (8, 4 and 1 columns; 3-row blocks and leftover rows) and, for
// relu, both the tiled dense product and the zero-skipping lists; [3, 1] a one-unit hidden layer (its own loops).
const architectures: number[][] = [[], [5], [5, 3], [4, 3, 2], [13, 9], [3, 1]];
const penalties: [string, MlpPenalty][] = [
  ['none', { lambda: 0, l1Ratio: 0 }],
  ['l2', { lambda: 0.07, l1Ratio: 0 }],
  ['l1', { lambda: 0.07, l1Ratio: 1 }],
  ['elasticnet', { lambda: 0.07, l1Ratio: 0.4 }],
];

const combinations = activations.flatMap((activation) =>
  outputs.flatMap((output) =>
    architectures.flatMap((hidden) =>
      penalties.map(([name, penalty]) => [activation, output, JSON.stringify(hidden), name, hidden, penalty] as const),
    ),
  ),
);

it.each(combinations)('%s units, %s output, hidden %s, penalty %s', (activation, output, _h, _p, hidden, penalty) => {
  const network: MlpNetwork = { hidden, activation, output, ...(output === 'softmax' ? { classes: CLASSES } : {}) };
  const rows = randomRows(output, hidden.length * 7 + 1);
  const layout = mlpLayout(COLS, network);
  const parameters = randomParameters(layout, 11 + hidden.length);
  const gradient = new Float64Array(layout.parameterCount);
  objectiveAndSmoothGradient(network, layout, parameters, rows, penalty, gradient);
  const scratch = new Float64Array(layout.parameterCount);
  const objectiveAt = (theta: Float64Array): number =>
    objectiveAndSmoothGradient(network, layout, theta, rows, penalty, scratch);
  const h = 1e-6;
  for (let i = 0; i < layout.parameterCount; i++) {
    const plus = Float64Array.from(parameters);
    const minus = Float64Array.from(parameters);
    plus[i] += h;
    minus[i] -= h;
    // Central difference: error O(h²·f‴) from the formula, O(ε·f/h) from rounding; both far below 1e-6 here.
    // A relu kink inside (θ − h, θ + h) would break the formula, so the draws keep every pre-activation away from 0
    // with overwhelming probability; the tolerance would flag one that did not.
    const numeric = (objectiveAt(plus) - objectiveAt(minus)) / (2 * h);
    const l1Part = isWeight(layout, i) ? penalty.lambda * penalty.l1Ratio * Math.sign(parameters[i]) : 0;
    const analytic = gradient[i] + l1Part;
    expect(Math.abs(analytic - numeric)).toBeLessThan(1e-6 * Math.max(1, Math.abs(numeric)));
  }
});
