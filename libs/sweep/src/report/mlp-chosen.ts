/**
 * The chosen network trained on all fitting rows. Workers do not send weights back (a task returns scores and
 * curves), so the report trains it once more exactly as the full-data task (fold 0) did: same seed, same rows, same
 * input scaling, no early stopping (fold 0 has no validation rows), hence the same weights. The report keeps them,
 * with the scaling they apply to, and scores them once on the test rows.
 */
import {
  inputScaling,
  metricValue,
  MlpWorkspace,
  predictEta,
  scaledRows,
  trainMlp,
  unpackParameters,
  mlpLayout,
  type Dataset,
  type MetricName,
} from '@regsweep/engine';
import { pathSpecOf } from '../plan/path-spec';
import type { CurvePlan, MlpFullDataFit, SweepConfig } from '../types';

export function chosenNetwork(
  curve: CurvePlan,
  lambda: number,
  input: { config: SweepConfig; data: Dataset; featureNames: readonly string[]; testRows: Int32Array },
): { fit: MlpFullDataFit; test?: Partial<Record<MetricName, number>> } {
  const { config, data, testRows } = input;
  const spec = pathSpecOf(config, { ...curve, lambdas: Float64Array.of(lambda) });
  const { earlyStopping: _unused, ...solver } = spec.mlp!.solver;
  const { network } = spec.mlp!;
  const isTest = new Uint8Array(data.x.rows);
  for (const row of testRows) isTest[row] = 1;
  const fitRows = Int32Array.from({ length: data.x.rows }, (_, i) => i).filter((row) => !isTest[row]);
  const scaling = inputScaling(data, fitRows, config.standardize);
  const l1Ratio = curve.penalty === 'l1' ? 1 : curve.penalty === 'elasticnet' ? curve.l1Ratio : 0;
  const trained = trainMlp({
    network,
    solver,
    penalty: { lambda: curve.penalty === 'none' ? 0 : lambda, l1Ratio },
    train: scaledRows(data, fitRows, scaling),
  });
  const layout = mlpLayout(data.x.cols, network);
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
  const eta = new Float64Array(test.rows);
  predictEta(network, trained.parameters, test.x, test.rows, new MlpWorkspace(layout, Math.min(test.rows, 4096)), eta);
  return { fit, test: { [config.metric]: metricValue(config.metric, data.y, testRows, eta) } };
}
