import { evaluateFold } from '@regsweep/engine';
import { validateSweepConfig } from '../../src/config';
import { planSweep } from '../../src/plan';
import { buildReport } from '../../src/report';
import { readDiabetes } from '../helpers/diabetes';
test('peek', () => {
  const data = readDiabetes();
  const config = validateSweepConfig({ name: 'x', dataset: 'd', model: 'linear', penalties: ['none', 'l1', 'l2', 'elasticnet'], testFraction: 0.2, lambdas: { auto: { count: 30 } } });
  const plan = planSweep('s', config, data);
  const results = plan.curves.map((curve) => {
    const spec = { model: config.model, penalty: { kind: curve.penalty, l1Ratio: curve.l1Ratio }, lambdas: curve.lambdas, standardize: true, solver: config.solver };
    const byFold = plan.split.folds.map((fold) => evaluateFold(data, fold, spec, config.metric));
    return { curve, folds: byFold.filter((r) => r.fold > 0), full: byFold[0].fits };
  });
  const report = buildReport({ sweepId: 's', config, results, featureNames: data.x.names, data, testRows: plan.split.testRows });
  console.log(JSON.stringify({ ...report, penalties: report.penalties.map((p) => ({ ...p, curve: p.curve.length })) }, null, 1));
});
