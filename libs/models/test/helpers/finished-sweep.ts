/**
 * Test-only: a sweep run to its end in this thread (every planned task through the engine, as the worker pool runs
 * them), its report built, and the model exported from it. Also regsweep's own predictions of the chosen model on
 * the held-out test rows, computed from the full-data fit itself (not from the report's JSON).
 */
import {
  evaluateFold,
  linearPredictor,
  mlpLayout,
  multinomialLinearPredictor,
  MlpWorkspace,
  predictEta,
  packParameters,
  scaledRows,
  withClasses,
  type Dataset,
} from '@regsweep/engine';
import { loadDataset } from '@regsweep/datasets';
import {
  buildReport,
  pathSpecOf,
  planSweep,
  validateSweepConfig,
  type CurveResults,
  type SweepConfig,
  type SweepReport,
} from '@regsweep/sweep';
import { datasetChecksum, modelFromSweep, type ExportedModel } from '../../src';

/** The sweeps the export tests fit, each with held-out rows: diabetes (linear) and breast cancer (logistic). */
export const LINEAR_HELD_OUT = {
  name: 'export-linear',
  dataset: 'diabetes',
  model: 'linear',
  penalties: ['l1', 'l2'],
  lambdas: { auto: { count: 30 } },
  split: { kind: 'kfold', folds: 5, seed: 3 },
  testFraction: 0.2,
};
export const LOGISTIC_HELD_OUT = {
  name: 'export-logistic',
  dataset: 'breast-cancer',
  model: 'logistic',
  penalties: ['l1', 'l2'],
  lambdas: { auto: { count: 20 } },
  split: { kind: 'kfold', folds: 4, seed: 5 },
  testFraction: 0.25,
};
/** A regression network (two relu layers, 16 and 8 units) on diabetes, with held-out rows. */
export const RELU_NETWORK_HELD_OUT = {
  name: 'onnx-mlp',
  dataset: 'diabetes',
  model: 'mlp',
  network: { hidden: [16, 8], activation: 'relu', output: 'linear' },
  solver: { kind: 'adam', learningRate: 0.01, epochs: 60, batchSize: 32, seed: 4 },
  penalties: ['l2'],
  lambdas: { values: [0.001] },
  split: { kind: 'kfold', folds: 3, seed: 2 },
  testFraction: 0.2,
};
/** A logistic network (two tanh layers, 8 and 4 units) on breast cancer, with held-out rows scored by logloss. */
export const LOGISTIC_NETWORK_HELD_OUT = {
  name: 'export-mlp',
  dataset: 'breast-cancer',
  model: 'mlp',
  network: { hidden: [8, 4], activation: 'tanh', output: 'logistic' },
  solver: { kind: 'adam', learningRate: 0.01, epochs: 40, batchSize: 64, seed: 2 },
  penalties: ['l2'],
  lambdas: { values: [0.01, 0.0001] },
  split: { kind: 'kfold', folds: 3, seed: 1 },
  testFraction: 0.2,
  metric: 'logloss',
};

export interface FinishedSweep {
  readonly config: SweepConfig;
  readonly data: Dataset;
  readonly report: SweepReport;
  readonly testRows: Int32Array;
  readonly model: ExportedModel;
  /**
   * η of the chosen model on the test rows, by the code the report scores with (multinomial: class-major K·m; a
   * softmax network: row-major, K per row, as its forward pass answers).
   */
  readonly ownEta: Float64Array;
}

export function finishedSweep(raw: Record<string, unknown>): FinishedSweep {
  const config = validateSweepConfig(raw);
  const parsed = loadDataset(config.dataset, { target: config.target });
  // A multinomial sweep reads its class labels off the dataset (y their indices), as the server's runner does.
  const data: Dataset & { classes?: readonly string[] } = {
    x: parsed.x,
    y: parsed.y,
    ...(parsed.classes ? { classes: parsed.classes } : {}),
  };
  const sweepId = `test-${config.name}`;
  const plan = planSweep(sweepId, config, data);
  const results: CurveResults[] = plan.curves.map((curve) => {
    const spec = pathSpecOf(config, curve);
    const byFold = plan.split.folds.map((fold) => evaluateFold(data, fold, spec, config.metric));
    return { curve, folds: byFold.filter((r) => r.fold > 0), full: byFold.find((r) => r.fold === 0)!.fits };
  });
  const testRows = plan.split.testRows;
  const report = buildReport({ sweepId, config, results, featureNames: data.x.names, data, testRows });
  const model = modelFromSweep({
    config,
    report,
    data,
    target: parsed.target,
    testRows,
    provenance: {
      sweepId,
      sweepName: config.name,
      datasetId: config.dataset,
      datasetName: config.dataset,
      datasetVersion: 1,
      datasetChecksum: datasetChecksum(data, parsed.target),
      regsweepVersion: '0.0.0-test',
      exportedBy: '0.0.0-test',
    },
  });
  return { config, data, report, testRows, model, ownEta: ownEta(config, report, results, data, testRows) };
}

function ownEta(
  config: SweepConfig,
  report: SweepReport,
  results: readonly CurveResults[],
  data: Dataset,
  testRows: Int32Array,
): Float64Array {
  const eta = new Float64Array(testRows.length);
  const best = report.best!;
  if (config.model === 'mlp') {
    const fit = report.mlp!.fullDataFit;
    const network = withClasses(report.mlp!.network, data.classes);
    const layout = mlpLayout(data.x.cols, network);
    const scaling = {
      centres: Float64Array.from(fit.inputScaling.centres),
      scales: Float64Array.from(fit.inputScaling.scales),
    };
    const test = scaledRows(data, testRows, scaling);
    const parameters = packParameters(layout, fit.weights, fit.biases);
    // Row-major: K per row for a softmax output (η_ik at [i·K + k]).
    const out = new Float64Array(test.rows * layout.sizes[layout.sizes.length - 1]);
    return predictEta(network, parameters, test.x, test.rows, new MlpWorkspace(layout, test.rows), out);
  }
  const curve = results.find((r) => r.curve.penalty === best.penalty && r.curve.l1Ratio === best.l1Ratio)!;
  const fit = curve.full[Array.from(curve.curve.lambdas).indexOf(best.lambda)];
  if (fit.intercepts) {
    // Multinomial: class-major η (η_k of test row i at [k·m + i]) from the fit's K intercepts and K·p coefficients.
    const classEta = new Float64Array(fit.intercepts.length * testRows.length);
    multinomialLinearPredictor(data.x, testRows, fit.intercepts, fit.coefficients, classEta);
    return classEta;
  }
  linearPredictor(data.x, testRows, fit.intercept, fit.coefficients, eta);
  return eta;
}

/** The test rows of the dataset as a design matrix of their own (the shape a caller hands to predict). */
export function testMatrix(sweep: FinishedSweep) {
  const { data, testRows } = sweep;
  const n = testRows.length;
  const values = new Float64Array(n * data.x.cols);
  for (let j = 0; j < data.x.cols; j++) {
    for (let i = 0; i < n; i++) values[j * n + i] = data.x.values[j * data.x.rows + testRows[i]];
  }
  return { rows: n, cols: data.x.cols, values, names: data.x.names };
}
