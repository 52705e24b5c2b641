/**
 * tpe7s measurement (not for main): per curve of the search-efficiency tasks, the λ of the curve's best CV loss and
 * the λ windows whose loss is within 1% / 0.1% of the task's best, on a fine log grid; with log10 λ* + log10 α
 * (α = l1Ratio) and log10 λ* + log10 max(α, 1e-3) (the engine's λ_max scale) beside them.
 * Run: node dist/bench/src/jobs/lambda-shift-grid.js [diabetes | breast | mlp]
 */
import { logspace, type PenaltyKind } from '@regsweep/engine';
import { SEARCH_TASKS } from './search-efficiency';
import { crossValidatedLoss, datasetFolds } from './search-objective';
import { MLP_TASK, mlpSearchObjective } from './mlp-search-objective';

const POINTS = 401;
const only = process.argv[2] ?? '';

function windowOf(lambdas: Float64Array, loss: Float64Array, target: number): string {
  let lo = Infinity;
  let hi = -Infinity;
  lambdas.forEach((l, i) => {
    if (loss[i] <= target) {
      lo = Math.min(lo, l);
      hi = Math.max(hi, l);
    }
  });
  return Number.isFinite(lo) ? `[${Math.log10(lo).toFixed(2)}, ${Math.log10(hi).toFixed(2)}]` : 'none';
}

function report(label: string, curves: { name: string; alpha: number; lambdas: Float64Array; loss: Float64Array }[]) {
  const best = Math.min(...curves.flatMap((c) => Array.from(c.loss)));
  console.log(`${label}: best ${best.toPrecision(6)}`);
  console.log('curve\tα\tlog10 λ*\t+log10 α\t+log10 max(α,1e-3)\t+log10(1−α)\tbest/taskbest−1\twithin 1%\twithin 0.1%\tcurve own 1%');
  for (const c of curves) {
    let k = 0;
    c.loss.forEach((v, i) => {
      if (v < c.loss[k]) k = i;
    });
    const ls = Math.log10(c.lambdas[k]);
    const row = [
      c.name,
      c.alpha,
      ls.toFixed(2),
      c.alpha > 0 ? (ls + Math.log10(c.alpha)).toFixed(2) : '-',
      (ls + Math.log10(Math.max(c.alpha, 1e-3))).toFixed(2),
      c.alpha < 1 ? (ls + Math.log10(1 - c.alpha)).toFixed(2) : '-',
      (c.loss[k] / best - 1).toExponential(2),
      windowOf(c.lambdas, c.loss, best * 1.01),
      windowOf(c.lambdas, c.loss, best * 1.001),
      windowOf(c.lambdas, c.loss, c.loss[k] * 1.01),
    ];
    console.log(row.join('\t'));
  }
}

for (const task of SEARCH_TASKS.filter((t) => t.label.includes(only))) {
  const { data, folds } = datasetFolds(task.dataset, 5);
  const lambdas = logspace(task.lambdaMax, task.lambdaMin, POINTS);
  const curves = task.penalties.flatMap((penalty) =>
    (penalty === 'elasticnet' ? task.l1Ratios : [penalty === 'l1' ? 1 : 0]).map((alpha) => {
      const loss = crossValidatedLoss(
        data,
        folds,
        {
          model: task.model,
          penalty: { kind: penalty, l1Ratio: alpha },
          lambdas,
          standardize: true,
          solver: { kind: 'cd', tolerance: 1e-7, maxIterations: 100_000 },
        },
        task.metric,
      );
      return { name: `${penalty} ${alpha}`, alpha, lambdas, loss };
    }),
  );
  report(task.label, curves);
}

if ('mlp'.includes(only) || only === 'mlp') {
  const objective = mlpSearchObjective();
  const lambdas = logspace(MLP_TASK.lambdaMax, MLP_TASK.lambdaMin, 17);
  const rates = logspace(MLP_TASK.learningRateMax, MLP_TASK.learningRateMin, 5);
  const curves = MLP_TASK.penalties.map((penalty: PenaltyKind) => {
    const alpha = penalty === 'l1' ? 1 : 0;
    const loss = lambdas.map((lambda) => {
      let best = Infinity;
      for (const hidden of MLP_TASK.hidden)
        for (const activation of MLP_TASK.activations)
          for (const learningRate of rates)
            best = Math.min(
              best,
              objective.evaluate({ penalty, l1Ratio: alpha, lambda, fields: { hidden, activation, learningRate } }),
            );
      return best;
    });
    return { name: penalty, alpha, lambdas, loss };
  });
  report(`${MLP_TASK.label} (best over hidden × activation × 5 learning rates per λ)`, curves);
}
