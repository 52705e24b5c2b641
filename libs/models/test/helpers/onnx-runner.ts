/** Test-only: an exported model run by onnxruntime-node on a finished sweep's test rows. */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { logistic, toOnnx, type OnnxPrecision } from '../../src';
import { testMatrix, type FinishedSweep } from './finished-sweep';

export interface OnnxOutput {
  readonly dims: number[];
  /** Numbers; a string tensor's (a multinomial model's labels) are text: read them with `textOf`. */
  readonly data: number[];
}

/**
 * The exported model run on the test rows (row-major doubles, the `features` input) by onnxruntime-node in a child
 * process (run-onnx.js says why not in Jest's).
 */
export function runOnnx(sweep: FinishedSweep, precision: OnnxPrecision = 'float64'): Record<string, OnnxOutput> {
  const x = testMatrix(sweep);
  const values = new Float64Array(x.rows * x.cols);
  for (let j = 0; j < x.cols; j++) for (let i = 0; i < x.rows; i++) values[i * x.cols + j] = x.values[j * x.rows + i];
  const request = {
    model: Buffer.from(toOnnx(sweep.model, precision)).toString('base64'),
    rows: x.rows,
    cols: x.cols,
    features: Buffer.from(values.buffer).toString('base64'),
  };
  const answer = execFileSync(process.execPath, [join(__dirname, 'run-onnx.js')], {
    input: JSON.stringify(request),
    maxBuffer: 1 << 26,
  });
  return JSON.parse(answer.toString('utf8')) as Record<string, OnnxOutput>;
}

/** A string tensor's values (run-onnx.js keeps them as text). */
export function textOf(output: OnnxOutput): string[] {
  return output.data as unknown as string[];
}

/** max_i |actual_i − expected_i| / |expected_i|. */
export function maxRelativeError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    worst = Math.max(worst, Math.abs(actual[i] - expected[i]) / Math.abs(expected[i]));
  }
  return worst;
}

/** The largest relative error of the ONNX prediction of the held-out rows against regsweep's own η (a regression). */
export function onnxRegressionError(sweep: FinishedSweep, precision: OnnxPrecision = 'float64'): number {
  const { prediction } = runOnnx(sweep, precision);
  expect(prediction.dims).toEqual([sweep.testRows.length, 1]);
  return maxRelativeError(prediction.data, sweep.ownEta);
}

/**
 * A binary classifier's [1 − p, p] per held-out row, row-major as ONNX answers them: ONNX's, and regsweep's own
 * (σ(−η) and σ(η), each without cancellation). The ONNX labels must be regsweep's (1 where η > 0).
 */
export function onnxBinaryProbabilities(sweep: FinishedSweep, precision: OnnxPrecision = 'float64') {
  const { probabilities, label } = runOnnx(sweep, precision);
  expect(probabilities.dims).toEqual([sweep.testRows.length, 2]);
  expect(label.data).toEqual(Array.from(sweep.ownEta, (eta) => (eta > 0 ? 1 : 0)));
  return { onnx: probabilities.data, own: Array.from(sweep.ownEta).flatMap((eta) => [logistic(-eta), logistic(eta)]) };
}
