import { mulberry32 } from '../cv/prng';
import type { MlpLayout } from './layout';
import type { MlpInit, MlpNetwork } from './types';

/** He for relu (its units pass half the variance), Glorot for the saturating activations. */
export function defaultInit(network: MlpNetwork): MlpInit {
  return network.activation === 'relu' ? 'he' : 'glorot';
}

/**
 * Seeded initial parameters. Weights uniform in ±bound:
 *     Glorot (Glorot & Bengio 2010)  bound = sqrt(6/(fanIn + fanOut))  (sqrt(2/(fanIn + fanOut)) for logistic units,
 *                                    scikit-learn's factor)
 *     He (He et al. 2015)            bound = sqrt(6/fanIn)   (variance 2/fanIn)
 * Hidden biases start at 0; the output biases at the null model's η (ȳ, log(ȳ/(1−ȳ)) for logistic output, log q_k
 * for softmax), so training starts from the best constant prediction instead of spending epochs finding it.
 */
export function initialParameters(
  layout: MlpLayout,
  network: MlpNetwork,
  init: MlpInit,
  seed: number,
  outputBiases: Float64Array,
): Float64Array {
  const parameters = new Float64Array(layout.parameterCount);
  const uniform = mulberry32(seed);
  const layers = layout.sizes.length - 1;
  for (let l = 0; l < layers; l++) {
    const fanIn = layout.sizes[l];
    const fanOut = layout.sizes[l + 1];
    const factor = network.activation === 'logistic' && init === 'glorot' ? 2 : 6;
    const bound = init === 'he' ? Math.sqrt(6 / fanIn) : Math.sqrt(factor / (fanIn + fanOut));
    const start = layout.weightOffsets[l];
    for (let i = start; i < start + fanIn * fanOut; i++) parameters[i] = (2 * uniform() - 1) * bound;
  }
  parameters.set(outputBiases, layout.biasOffsets[layers - 1]);
  return parameters;
}
