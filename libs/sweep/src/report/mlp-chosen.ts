/**
 * The chosen network trained on all fitting rows: the full-data task's (fold 0's) weights, which the task returns and
 * the store keeps per trial (PointFit.networkParameters). A full-data fit without them (a sweep stored before they
 * were kept) is trained once more exactly as that task did: same seed, same rows, same input scaling, no early
 * stopping (fold 0 has no validation rows), hence the same weights. The report keeps them, with the scaling they
 * apply to, and scores them once on the test rows.
 */
import {
  classMajor,
  confusionMatrix,
  inputScaling,
  metricValue,
  MlpWorkspace,
  predictEta,
  scaledRows,
  trainMlp,
  unpackParameters,
  mlpLayout,
  MULTINOMIAL_METRICS,
  multinomialMetricValue,
  networkPredictions,
  withClasses,
  type Dataset,
  type MetricName,
  type MlpNetwork,
  type PointFit,
  type RowMajorRows,
} from '@regsweep/engine';
import { pathSpecOf } from '../plan/path-spec';
import type { ConfusionTable, CurvePlan, MlpFullDataFit, SweepConfig } from '../types';

/** The chosen network's scores on the test rows; a softmax network's are all three multinomial metrics and its confusion matrix. */
export type MlpTestScores = Partial<Record<MetricName, number>> & { readonly confusion?: ConfusionTable };

export function chosenNetwork(
  curve: CurvePlan,
  lambda: number,
  input: { config: SweepConfig; data: Dataset; featureNames: readonly string[]; testRows: Int32Array },
  fullDataFit: PointFit | undefined,
): { fit: MlpFullDataFit; test?: MlpTestScores } {
  const { config, data, testRows } = input;
  const spec = pathSpecOf(config, { ...curve, lambdas: Float64Array.of(lambda) });
  const { earlyStopping: _unused, ...solver } = spec.mlp!.solver;
  const network = withClasses(spec.mlp!.network, data.classes);
  const isTest = new Uint8Array(data.x.rows);
  for (const row of testRows) isTest[row] = 1;
  const fitRows = Int32Array.from({ length: data.x.rows }, (_, i) => i).filter((row) => !isTest[row]);
  const scaling = inputScaling(data, fitRows, config.standardize);
  const layout = mlpLayout(data.x.cols, network);
  const trained =
    storedNetwork(fullDataFit, layout.parameterCount) ??
    trainMlp({
      network,
      solver,
      penalty: {
        lambda: curve.penalty === 'none' ? 0 : lambda,
        l1Ratio: curve.penalty === 'l1' ? 1 : curve.penalty === 'elasticnet' ? curve.l1Ratio : 0,
      },
      train: scaledRows(data, fitRows, scaling),
    });
  const fit: MlpFullDataFit = {
    status: trained.status,
    epochs: trained.epochsRun,
    inputScaling: {
      names: [...input.featureNames],
      centres: Array.from(scaling.centres),
      scales: Array.from(scaling.scales),
    },
    ...unpackParameters(layout, trained.parameters),
  };
  if (!(config.testFraction > 0 && testRows.length > 0)) return { fit };
  const test = scaledRows(data, testRows, scaling);
  if (network.output === 'softmax')
    return { fit, test: softmaxTestScores(network, trained.parameters, test, data, testRows) };
  const eta = new Float64Array(test.rows);
  predictEta(network, trained.parameters, test.x, test.rows, new MlpWorkspace(layout, Math.min(test.rows, 4096)), eta);
  return { fit, test: { [config.metric]: metricValue(config.metric, data.y, testRows, eta) } };
}

/**
 * The full-data task's network as trainMlp returned it: its status ('ok' or 'diverged': without validation rows it
 * neither stops early nor is pruned), epochs run (the fit's iterations) and parameters. Undefined without them.
 */
function storedNetwork(
  fit: PointFit | undefined,
  parameterCount: number,
): { status: string; epochsRun: number; parameters: Float64Array } | undefined {
  const parameters = fit?.networkParameters;
  if (!fit || !parameters || parameters.length !== parameterCount) return undefined;
  return { status: fit.status, epochsRun: fit.iterations, parameters };
}

/** As for model multinomial (multinomial-best.ts): logloss, accuracy and macro f1, and counts[actual][predicted]. */
function softmaxTestScores(
  network: MlpNetwork,
  parameters: Float64Array,
  test: RowMajorRows,
  data: Dataset,
  testRows: Int32Array,
): MlpTestScores {
  const layout = mlpLayout(test.cols, network);
  const classes = network.classes!;
  const eta = classMajor(networkPredictions(network, layout, parameters, test), test.rows, classes);
  const scores = Object.fromEntries(
    MULTINOMIAL_METRICS.map((metric) => [metric, multinomialMetricValue(metric, data.y, testRows, eta, classes)]),
  );
  const counts = confusionMatrix(data.y, testRows, eta, classes);
  const matrix = Array.from({ length: classes }, (_, k) => Array.from(counts.subarray(k * classes, (k + 1) * classes)));
  return { ...scores, confusion: { classes: data.classes ?? [], counts: matrix } };
}
