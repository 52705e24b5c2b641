import type { MlpSolverConfig } from './types';
import type { WasmBuffers } from './wasm-buffers';

/** One parameter update from a gradient; state (velocity, moments, step count) lives in the instance. */
export interface MlpOptimizer {
  step(parameters: Float64Array, gradient: Float64Array): void;
  /**
   * The step size of the next step, which counts as taken (Adam's bias-corrected η_t): for a caller that takes the
   * steps itself with `settings` (fused-epoch.ts, in WebAssembly).
   */
  nextRate(): number;
  readonly settings: OptimizerSettings;
}

/** The constants of a step: Adam's β1, β2, ε; sgd's momentum μ (the others unused for the other kind). */
export interface OptimizerSettings {
  readonly kind: 'adam' | 'sgd';
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  readonly momentum: number;
}

/** With `wasm` (the training workspace's), Adam keeps its moments there and steps in WebAssembly when it can. */
export function createOptimizer(config: MlpSolverConfig, size: number, wasm?: WasmBuffers): MlpOptimizer {
  return config.kind === 'adam'
    ? new AdamOptimizer(
        size,
        config.learningRate,
        config.beta1 ?? 0.9,
        config.beta2 ?? 0.999,
        config.epsilon ?? 1e-8,
        wasm,
      )
    : new MomentumSgd(config.learningRate, config.momentum ?? 0);
}

/**
 * Heavy-ball momentum written on the displacement (Polyak 1964; with the proximal step after it, iPiano, Ochs et
 * al. 2014):  θ_{k+1} = θ_k − η·g_k + μ·(θ_k − θ_{k−1}),  the caller then applying the L1 proximal step. The
 * displacement is taken after the proximal step, so a fixed point satisfies θ = prox(θ − η·g), the exact L1
 * optimality condition (a velocity kept before the step would inflate the step, and so shrink the effective λ, by
 * 1/(1 − μ)). With μ = 0 it is plain (proximal) gradient descent θ ← θ − η·g.
 */
class MomentumSgd implements MlpOptimizer {
  private previous: Float64Array | undefined;
  readonly settings: OptimizerSettings;

  constructor(
    private readonly rate: number,
    private readonly momentum: number,
  ) {
    this.settings = { kind: 'sgd', beta1: 0, beta2: 0, epsilon: 0, momentum };
  }

  nextRate(): number {
    return this.rate;
  }

  step(parameters: Float64Array, gradient: Float64Array): void {
    const { rate, momentum } = this;
    if (momentum === 0) {
      for (let i = 0; i < parameters.length; i++) parameters[i] -= rate * gradient[i];
      return;
    }
    const previous = (this.previous ??= Float64Array.from(parameters));
    for (let i = 0; i < parameters.length; i++) {
      const current = parameters[i];
      parameters[i] = current - rate * gradient[i] + momentum * (current - previous[i]);
      previous[i] = current;
    }
  }
}

/**
 * Adam as scikit-learn's AdamOptimizer computes it (Kingma & Ba 2014, the bias correction folded into the rate):
 *     t ← t + 1;  m ← β1·m + (1−β1)·g;  v ← β2·v + (1−β2)·g²
 *     η_t = η·sqrt(1 − β2^t)/(1 − β1^t);  θ ← θ − η_t·m/(sqrt(v) + ε)
 */
class AdamOptimizer implements MlpOptimizer {
  private readonly first: Float64Array;
  private readonly second: Float64Array;
  private t = 0;
  readonly settings: OptimizerSettings;

  constructor(
    size: number,
    private readonly rate: number,
    private readonly beta1: number,
    private readonly beta2: number,
    private readonly epsilon: number,
    private readonly wasm?: WasmBuffers,
  ) {
    const held = wasm && wasm.moments[0].length === size;
    // A workspace reused from an earlier fit (trainMlp's `workspace`) still holds that fit's moments.
    this.first = held ? wasm.moments[0].fill(0) : new Float64Array(size);
    this.second = held ? wasm.moments[1].fill(0) : new Float64Array(size);
    this.settings = { kind: 'adam', beta1, beta2, epsilon, momentum: 0 };
  }

  nextRate(): number {
    this.t++;
    return (this.rate * Math.sqrt(1 - this.beta2 ** this.t)) / (1 - this.beta1 ** this.t);
  }

  step(parameters: Float64Array, gradient: Float64Array): void {
    const { first, second, beta1, beta2, epsilon, wasm } = this;
    const rate = this.nextRate();
    // dense.wat's adam: the same operations, two parameters a vector, when every operand is in its memory.
    if (wasm && wasm.dense.holds(parameters) && wasm.dense.holds(gradient) && wasm.dense.holds(first)) {
      wasm.dense.adam(parameters, gradient, first, second, rate, beta1, beta2, epsilon);
      return;
    }
    for (let i = 0; i < parameters.length; i++) {
      const g = gradient[i];
      const m = beta1 * first[i] + (1 - beta1) * g;
      const v = beta2 * second[i] + (1 - beta2) * g * g;
      first[i] = m;
      second[i] = v;
      parameters[i] -= (rate * m) / (Math.sqrt(v) + epsilon);
    }
  }
}
