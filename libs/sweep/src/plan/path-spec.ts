import type { EpochRungs, PathSpec, SolverConfig } from '@regsweep/engine';
import type { CurvePlan, SweepConfig } from '../types';
import { glmModel } from './mlp-plan';

/**
 * What a worker fits for one curve: the GLM path spec, or for model mlp the curve's network spec (`mlp`) with the
 * output's GLM as `model`; its `solver` is then a gd placeholder that evaluateFold never reads (mlp trains by spec.mlp).
 */
export function pathSpecOf(config: SweepConfig, curve: CurvePlan): PathSpec {
  const solver: SolverConfig =
    config.solver.kind === 'cd' || config.solver.kind === 'gd'
      ? config.solver
      : { kind: 'gd', learningRate: curve.mlp?.solver.learningRate ?? 0, epochs: config.solver.epochs, tolerance: 0 };
  return {
    model: glmModel(config),
    penalty: { kind: curve.penalty, l1Ratio: curve.l1Ratio },
    lambdas: curve.lambdas,
    standardize: config.standardize,
    solver,
    ...(curve.mlp ? { mlp: curve.mlp } : {}),
    ...(config.multinomial ? { multinomial: config.multinomial } : {}),
  };
}

/** The spec with a pruner's limits on its epoch-trained solver (gd, or the network's); other solvers ignore them. */
export function withEpochRungs(spec: PathSpec, rungs: EpochRungs): PathSpec {
  if (spec.mlp) return { ...spec, mlp: { ...spec.mlp, solver: { ...spec.mlp.solver, rungs } } };
  return spec.solver.kind === 'gd' ? { ...spec, solver: { ...spec.solver, rungs } } : spec;
}

/** The epochs a curve's trainer runs (gd or the network's solver); undefined for cd. */
export function trainingEpochs(config: SweepConfig, curve: CurvePlan): number | undefined {
  if (curve.mlp) return curve.mlp.solver.epochs;
  return config.solver.kind === 'gd' ? config.solver.epochs : undefined;
}
