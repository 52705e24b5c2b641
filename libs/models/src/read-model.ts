/**
 * Reading a model file back (`regsweep predict --model FILE`): every field is checked, and each problem is named
 * by its path in the file ("coefficients[3]: must be a finite number"), as every other entry point does.
 */
import { InvalidInputError, type InputProblem } from '@regsweep/errors';
import { MODEL_FORMAT, MODEL_FORMAT_VERSION, type ExportedModel } from './model';

const PENALTIES = ['none', 'l1', 'l2', 'elasticnet'];
const ACTIVATIONS = ['relu', 'tanh', 'logistic'];
const OUTPUTS = ['linear', 'logistic', 'softmax'];

/** The model in `text` (JSON), or InvalidInputError with every problem found. */
export function readModelText(text: string): ExportedModel {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InvalidInputError([{ path: 'model', message: `not valid JSON: ${(error as Error).message}` }]);
  }
  return checkModel(value);
}

export function checkModel(value: unknown): ExportedModel {
  const problems: InputProblem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });
  if (!isRecord(value)) throw new InvalidInputError([{ path: 'model', message: 'must be a JSON object' }]);
  if (value.format !== MODEL_FORMAT) add('format', `must be "${MODEL_FORMAT}"`);
  if (value.formatVersion !== MODEL_FORMAT_VERSION) add('formatVersion', `must be ${MODEL_FORMAT_VERSION}`);
  const features = value.features;
  const p = Array.isArray(features) ? features.length : 0;
  if (!Array.isArray(features) || features.length === 0 || !features.every((f) => typeof f === 'string')) {
    add('features', 'must be a non-empty list of feature names');
  } else if (new Set(features).size !== features.length) {
    add('features', 'must not repeat a name');
  }
  if (typeof value.target !== 'string') add('target', 'must be a string');
  // K output classes for the softmax models (multinomial, a softmax network); 0 when the labels are unusable.
  let classes = 0;
  if (value.kind === 'multinomial') classes = checkClasses(value, p, add);
  else if (isSoftmaxNetwork(value)) classes = checkClassLabels(value, 'a softmax network', add);
  else checkLink(value, add);
  if (typeof value.penalty !== 'string' || !PENALTIES.includes(value.penalty)) {
    add('penalty', `must be one of ${PENALTIES.join(', ')}`);
  }
  for (const field of ['l1Ratio', 'lambda'] as const) {
    if (!isFiniteNumber(value[field]) || (value[field] as number) < 0) add(field, 'must be a finite number ≥ 0');
  }
  if (typeof value.standardize !== 'boolean') add('standardize', 'must be true or false');
  checkStandardization(value.standardization, p, value.kind === 'mlp', add);
  if (!isRecord(value.provenance) || typeof value.provenance.sweepId !== 'string') {
    add('provenance.sweepId', 'must be a string');
  }
  if (value.kind === 'glm') {
    if (!isFiniteNumber(value.intercept)) add('intercept', 'must be a finite number');
    checkNumbers(value.coefficients, p, 'coefficients', add);
  } else if (value.kind === 'mlp') {
    checkNetwork(value, p, classes, add);
  } else if (value.kind !== 'multinomial') {
    add('kind', 'must be "glm", "mlp" or "multinomial"');
  }
  if (problems.length > 0) throw new InvalidInputError(problems);
  return value as unknown as ExportedModel;
}

function checkLink(value: Record<string, unknown>, add: (p: string, m: string) => void): void {
  if (value.link !== 'identity' && value.link !== 'logit') add('link', 'must be "identity" or "logit"');
  const labels = value.classLabels;
  if (value.link === 'logit' && !(Array.isArray(labels) && labels.length === 2 && labels.every(isFiniteNumber))) {
    add('classLabels', 'a logit model needs two class labels');
  }
  if (value.link === 'identity' && labels !== null) add('classLabels', 'must be null for a regression model');
}

/** A network whose output is softmax: K output units, named by the model's class labels. */
function isSoftmaxNetwork(value: Record<string, unknown>): boolean {
  return value.kind === 'mlp' && isRecord(value.network) && value.network.output === 'softmax';
}

/** A softmax model's link and labels: link softmax, K ≥ 2 distinct text labels. Answers K, or 0 if unusable. */
function checkClassLabels(value: Record<string, unknown>, model: string, add: (p: string, m: string) => void): number {
  if (value.link !== 'softmax') add('link', `must be "softmax" for ${model}`);
  const labels = value.classLabels;
  if (!Array.isArray(labels) || labels.length < 2 || !labels.every((label) => typeof label === 'string')) {
    add('classLabels', `${model} needs a list of at least 2 class labels (text)`);
    return 0;
  }
  if (new Set(labels).size !== labels.length) add('classLabels', 'must not repeat a label');
  return labels.length;
}

/** A multinomial model: softmax link, K ≥ 2 distinct text labels, K intercepts and K rows of p coefficients. */
function checkClasses(value: Record<string, unknown>, p: number, add: (p: string, m: string) => void): number {
  const classes = checkClassLabels(value, 'a multinomial model', add);
  if (typeof value.grouped !== 'boolean') add('grouped', 'must be true or false');
  if (classes === 0) return 0;
  checkNumbers(value.intercepts, classes, 'intercepts', add);
  const rows = value.coefficients;
  if (!Array.isArray(rows) || rows.length !== classes) {
    add('coefficients', `must hold ${classes} rows (one per class) of ${p} numbers`);
  } else {
    rows.forEach((row, k) => checkNumbers(row, p, `coefficients[${k}]`, add));
  }
  return classes;
}

function checkStandardization(value: unknown, p: number, divides: boolean, add: (p: string, m: string) => void) {
  if (!isRecord(value)) return add('standardization', 'must be an object with means and scales');
  checkNumbers(value.means, p, 'standardization.means', add);
  checkNumbers(value.scales, p, 'standardization.scales', add);
  // A network divides by its scales: each must be positive (a GLM's constant column has scale 0).
  if (divides && Array.isArray(value.scales)) {
    value.scales.forEach((s, j) => {
      if (isFiniteNumber(s) && s <= 0) add(`standardization.scales[${j}]`, 'must be > 0');
    });
  }
}

/** Layers [p, ...hidden, outputs]: one output unit, or `classes` (K) for a softmax output. */
function checkNetwork(
  value: Record<string, unknown>,
  p: number,
  classes: number,
  add: (p: string, m: string) => void,
): void {
  const network = value.network;
  if (!isRecord(network)) return add('network', 'must be an object with hidden, activation and output');
  const hidden = network.hidden;
  if (!Array.isArray(hidden) || hidden.length > 4 || !hidden.every((h) => Number.isInteger(h) && h > 0)) {
    return add('network.hidden', 'must be a list of at most 4 positive layer sizes');
  }
  if (!ACTIVATIONS.includes(network.activation as string)) add('network.activation', 'unknown activation');
  if (!OUTPUTS.includes(network.output as string)) add('network.output', 'must be linear, logistic or softmax');
  if (network.output === 'softmax' && classes === 0) return; // the class labels' problem is already named
  const sizes = [p, ...(hidden as number[]), network.output === 'softmax' ? classes : 1];
  const { weights, biases } = value;
  if (!Array.isArray(weights) || weights.length !== sizes.length - 1) {
    return add('weights', `must hold ${sizes.length - 1} layers`);
  }
  if (!Array.isArray(biases) || biases.length !== sizes.length - 1) {
    return add('biases', `must hold ${sizes.length - 1} layers`);
  }
  for (let l = 0; l + 1 < sizes.length; l++) {
    const layer = weights[l];
    if (!Array.isArray(layer) || layer.length !== sizes[l]) {
      add(`weights[${l}]`, `must have ${sizes[l]} rows`);
      continue;
    }
    layer.forEach((row, k) => checkNumbers(row, sizes[l + 1], `weights[${l}][${k}]`, add));
    checkNumbers(biases[l], sizes[l + 1], `biases[${l}]`, add);
  }
}

function checkNumbers(value: unknown, length: number, path: string, add: (p: string, m: string) => void): void {
  if (!Array.isArray(value) || value.length !== length) return add(path, `must be a list of ${length} numbers`);
  const bad = value.findIndex((v) => !isFiniteNumber(v));
  if (bad >= 0) add(`${path}[${bad}]`, 'must be a finite number');
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
