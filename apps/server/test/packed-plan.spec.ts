/** A plan packed by a worker (trial keys as one string) unpacks to exactly the plan planSweep made. */
import { planSweep } from '@regsweep/sweep';
import { packPlan, unpackPlan } from '../src/runner/packed-plan';
import { baseConfig, smallDataset } from './fakes';

it('round-trips grid and random plans, trial for trial', async () => {
  const configs = [
    baseConfig({ penalties: ['l1', 'l2', 'elasticnet', 'none'], l1Ratios: [0.2, 0.8] }),
    baseConfig({
      penalties: ['l1', 'elasticnet'],
      lambdas: { range: { min: 0.001, max: 10, count: 1, scale: 'log' } },
      search: { strategy: 'random', trials: 12_000, seed: 5 },
    }),
  ];
  for (const config of configs) {
    const plan = planSweep('00000000-0000-4000-8000-000000000001', config, smallDataset());
    const packed = packPlan(plan);
    expect(typeof packed.trialKeys).toBe('string'); // one string crosses the thread boundary, not the objects
    const unpacked = await unpackPlan(packed);
    expect(unpacked.trials).toEqual(plan.trials);
    expect(unpacked.trials.length).toBeGreaterThan(0);
    expect([unpacked.split, unpacked.curves, unpacked.tasks]).toEqual([plan.split, plan.curves, plan.tasks]);
  }
});

it('refuses keys that do not match the curves', async () => {
  const plan = planSweep('00000000-0000-4000-8000-000000000001', baseConfig(), smallDataset());
  const packed = packPlan(plan);
  await expect(unpackPlan({ ...packed, trialKeys: packed.trialKeys + 'extra\n' })).rejects.toThrow(/more trial keys/);
  await expect(unpackPlan({ ...packed, trialKeys: '' })).rejects.toThrow(/fewer trial keys/);
});
