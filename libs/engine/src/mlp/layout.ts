import type { MlpNetwork } from './types';

/**
 * Where each layer's parameters live in one flat Float64Array: layer l holds W_l (fanIn × fanOut, row-major, as
 * scikit-learn's coefs_[l]) followed by its biases b_l (fanOut). One flat array lets the optimizers update every
 * parameter in a single loop; the penalty touches only the weight ranges.
 */
export interface MlpLayout {
  /** Units per layer: [inputs, ...hidden, outputs] (outputs: 1, or K for softmax). */
  readonly sizes: readonly number[];
  readonly weightOffsets: readonly number[];
  readonly biasOffsets: readonly number[];
  readonly parameterCount: number;
  readonly weightCount: number;
}

export const MAX_HIDDEN_LAYERS = 4;

export function mlpLayout(inputs: number, network: MlpNetwork): MlpLayout {
  if (network.hidden.length > MAX_HIDDEN_LAYERS) throw new Error(`at most ${MAX_HIDDEN_LAYERS} hidden layers`);
  const sizes = [inputs, ...network.hidden, outputUnits(network)];
  const weightOffsets: number[] = [];
  const biasOffsets: number[] = [];
  let offset = 0;
  let weightCount = 0;
  for (let l = 0; l + 1 < sizes.length; l++) {
    weightOffsets.push(offset);
    offset += sizes[l] * sizes[l + 1];
    weightCount += sizes[l] * sizes[l + 1];
    biasOffsets.push(offset);
    offset += sizes[l + 1];
  }
  return { sizes, weightOffsets, biasOffsets, parameterCount: offset, weightCount };
}

/** One output unit for linear and logistic output, K (one per class) for softmax. */
export function outputUnits(network: MlpNetwork): number {
  if (network.output !== 'softmax') return 1;
  const classes = network.classes ?? 0;
  if (!(Number.isInteger(classes) && classes >= 2)) throw new Error('softmax output needs the number of classes (≥ 2)');
  return classes;
}

/** The network with a softmax output's K set from the dataset's class labels (unchanged for the other outputs). */
export function withClasses(network: MlpNetwork, classLabels: readonly string[] | undefined): MlpNetwork {
  if (network.output !== 'softmax') return network;
  return { ...network, classes: classLabels?.length ?? 0 };
}

/** Flat parameters from per-layer nested weight matrices (fanIn rows of fanOut) and bias vectors. */
export function packParameters(layout: MlpLayout, weights: number[][][], biases: number[][]): Float64Array {
  const parameters = new Float64Array(layout.parameterCount);
  for (let l = 0; l < weights.length; l++) {
    const fanOut = layout.sizes[l + 1];
    weights[l].forEach((row, k) => parameters.set(row, layout.weightOffsets[l] + k * fanOut));
    parameters.set(biases[l], layout.biasOffsets[l]);
  }
  return parameters;
}

/** The inverse of packParameters. */
export function unpackParameters(
  layout: MlpLayout,
  parameters: Float64Array,
): { weights: number[][][]; biases: number[][] } {
  const weights: number[][][] = [];
  const biases: number[][] = [];
  for (let l = 0; l + 1 < layout.sizes.length; l++) {
    const fanIn = layout.sizes[l];
    const fanOut = layout.sizes[l + 1];
    const start = layout.weightOffsets[l];
    weights.push(
      Array.from({ length: fanIn }, (_, k) =>
        Array.from(parameters.subarray(start + k * fanOut, start + (k + 1) * fanOut)),
      ),
    );
    biases.push(Array.from(parameters.subarray(layout.biasOffsets[l], layout.biasOffsets[l] + fanOut)));
  }
  return { weights, biases };
}
