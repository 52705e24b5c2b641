/**
 * The MLP task of the search-efficiency bench (issue 13 (c)): a tiny network on diabetes, its 3-fold CV mse as the
 * objective of every search, over penalty × λ together with the network's hidden sizes, activation and learning
 * rate (the swept fields of SPEC §7). Kept cheap: one or two small hidden layers, adam, 20 epochs of batches of 64.
 * The exhaustive grid is 2 hidden × 2 activations × 5 learning rates × 2 penalties × 6 λ = 240 points.
 */
import {
  logspace,
  type Dataset,
  type FoldRows,
  type MlpActivation,
  type PathSpec,
  type PenaltyKind,
} from '@regsweep/engine';
import type { FieldDomain, SearchPoint, SearchSpace } from '@regsweep/sweep';
import { crossValidatedLoss, datasetFolds } from './search-objective';

export const MLP_TASK = {
  label: 'diabetes, mlp, mse',
  penalties: ['l1', 'l2'] as PenaltyKind[],
  lambdaMin: 1e-4,
  lambdaMax: 1,
  hidden: [[4], [8, 4]] as number[][],
  activations: ['tanh', 'relu'] as MlpActivation[],
  learningRateMin: 1e-3,
  learningRateMax: 1e-1,
  epochs: 20,
  folds: 3,
};

export const MLP_FIELDS: FieldDomain[] = [
  { name: 'hidden', kind: 'choices', choices: MLP_TASK.hidden },
  { name: 'activation', kind: 'choices', choices: MLP_TASK.activations },
  { name: 'learningRate', kind: 'range', min: MLP_TASK.learningRateMin, max: MLP_TASK.learningRateMax, scale: 'log' },
];

export interface MlpObjective {
  readonly space: SearchSpace;
  evaluate(point: SearchPoint): number;
  gridBest(): number;
}

export function mlpSearchObjective(epochs = MLP_TASK.epochs): MlpObjective & { folds: FoldRows[]; data: Dataset } {
  const { data, folds } = datasetFolds('diabetes', MLP_TASK.folds);
  const space: SearchSpace = {
    curves: MLP_TASK.penalties.map((penalty) => ({
      penalty,
      l1Ratio: penalty === 'l1' ? 1 : 0,
      lambdas: { kind: 'logUniform', min: MLP_TASK.lambdaMin, max: MLP_TASK.lambdaMax },
    })),
    fields: MLP_FIELDS,
  };
  const evaluate = (point: SearchPoint) => crossValidatedLoss(data, folds, mlpSpec(point, epochs), 'mse')[0];
  const gridBest = () => {
    let best = Infinity;
    for (const hidden of MLP_TASK.hidden)
      for (const activation of MLP_TASK.activations)
        for (const learningRate of logspace(MLP_TASK.learningRateMax, MLP_TASK.learningRateMin, 5))
          for (const curve of space.curves)
            for (const lambda of logspace(MLP_TASK.lambdaMax, MLP_TASK.lambdaMin, 6)) {
              const fields = { hidden, activation, learningRate };
              best = Math.min(best, evaluate({ penalty: curve.penalty, l1Ratio: curve.l1Ratio, lambda, fields }));
            }
    return best;
  };
  return { space, evaluate, gridBest, folds, data };
}

/** The engine spec of one point: the asked fields on a tiny adam-trained network with a linear output. */
export function mlpSpec(point: SearchPoint, epochs: number): PathSpec {
  const fields = point.fields ?? {};
  const learningRate = fields.learningRate as number;
  return {
    model: 'linear',
    penalty: { kind: point.penalty, l1Ratio: point.l1Ratio },
    lambdas: Float64Array.of(point.lambda),
    standardize: true,
    solver: { kind: 'gd', learningRate, epochs, tolerance: 0 },
    mlp: {
      network: { hidden: fields.hidden as number[], activation: fields.activation as MlpActivation, output: 'linear' },
      solver: { kind: 'adam', learningRate, epochs, batchSize: 64, seed: 1 },
    },
  };
}
