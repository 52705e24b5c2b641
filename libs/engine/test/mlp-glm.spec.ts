/**
 * `hidden: []` is the linear / logistic model trained by gradient methods: trained full-batch to convergence it
 * must reach the GLM engine's coordinate-descent solution (same objective, same standardization).
 */
import { join } from 'node:path';
import { fitOne } from '../src/fit';
import { inputScaling, scaledRows } from '../src/mlp/inputs';
import { mlpLayout } from '../src/mlp/layout';
import { trainMlp } from '../src/mlp/train';
import type { Dataset, Model, Penalty } from '../src/types';
import { allRows, DATA_DIR, readCsvDataset } from './helpers/read-csv';

const CD = { kind: 'cd', tolerance: 1e-20, maxIterations: 1_000_000 } as const;

const datasets: Record<Model, Dataset> = {
  linear: readCsvDataset(join(DATA_DIR, 'diabetes.csv'), 'progression'),
  logistic: readCsvDataset(join(DATA_DIR, 'breast_cancer.csv'), 'benign'),
};

const penalties: Penalty[] = [
  { kind: 'l2', l1Ratio: 0 },
  { kind: 'l1', l1Ratio: 1 },
  { kind: 'elasticnet', l1Ratio: 0.5 },
];

/** Heavy-ball momentum, full batch; the rates are below 2(1 + μ)/L for these standardized designs. */
const SETTINGS: Record<Model, { lambda: number; learningRate: number; epochs: number }> = {
  linear: { lambda: 0.05, learningRate: 0.05, epochs: 5_000 },
  logistic: { lambda: 0.02, learningRate: 0.5, epochs: 2_000 },
};

describe.each(['linear', 'logistic'] as Model[])('%s', (model) => {
  const data = datasets[model];
  const rows = allRows(data);
  const scaling = inputScaling(data, rows, true);
  const train = scaledRows(data, rows, scaling);
  const { lambda, learningRate, epochs } = SETTINGS[model];

  it.each(penalties.map((penalty) => [penalty.kind, penalty] as const))('%s', (_kind, penalty) => {
    const network = { hidden: [], activation: 'relu', output: model === 'linear' ? 'linear' : 'logistic' } as const;
    const fit = trainMlp({
      network,
      solver: { kind: 'sgd', learningRate, momentum: 0.9, epochs, seed: 3 },
      penalty: { lambda, l1Ratio: penalty.l1Ratio },
      train,
    });
    const glm = fitOne(data, { model, penalty, lambda, standardize: true, solver: CD });
    // Back to the original scale: β_j = w_j / sd_j, b0 = b − Σ w_j·mean_j / sd_j.
    const layout = mlpLayout(train.cols, network);
    let intercept = fit.parameters[layout.biasOffsets[0]];
    let largest = Math.abs(glm.intercept);
    let worst = 0;
    for (let j = 0; j < train.cols; j++) {
      const beta = fit.parameters[j] / scaling.scales[j];
      intercept -= beta * scaling.centres[j];
      worst = Math.max(worst, Math.abs(beta - glm.coefficients[j]));
      largest = Math.max(largest, Math.abs(glm.coefficients[j]));
      if (penalty.l1Ratio > 0) expect(fit.parameters[j] === 0).toBe(glm.coefficients[j] === 0);
    }
    worst = Math.max(worst, Math.abs(intercept - glm.intercept));
    expect(fit.status).toBe('ok');
    expect(worst / largest).toBeLessThan(1e-5);
    expect(Math.abs(fit.objective - glm.objective) / glm.objective).toBeLessThan(1e-9);
  });
});
