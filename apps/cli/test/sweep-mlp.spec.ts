/** `regsweep sweep` on an mlp config: spawns the compiled CLI (build with `npx nest build server` first). */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'regsweep-sweep-mlp-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('prints each curve with its network values, the best epoch and the learning-curve verdict', () => {
  const config = join(dir, 'net.json');
  writeFileSync(
    config,
    JSON.stringify({
      name: 'net',
      dataset: 'diabetes',
      model: 'mlp',
      network: { hidden: { choices: [[4], [6, 3]] }, activation: 'tanh' },
      solver: { kind: 'adam', learningRate: 0.05, epochs: 20, batchSize: 64, seed: 1 },
      penalties: ['l2'],
      lambdas: { values: [0.1, 0.01] },
      split: { kind: 'kfold', folds: 3 },
    }),
  );
  const result = spawnSync(
    process.execPath,
    [join(root, 'bin', 'regsweep.js'), 'sweep', config, '--db', join(dir, 'r.sqlite')],
    {
      cwd: root,
      encoding: 'utf8',
      timeout: 120_000,
    },
  );
  expect(result.status).toBe(0);
  expect(result.stdout).toContain('l2 {"hidden":[4]}');
  expect(result.stdout).toContain('l2 {"hidden":[6,3]}');
  expect(result.stdout).toMatch(/Network \[(4|6, 3)\] tanh, linear output; best epoch \d+/);
  expect(result.stdout).toMatch(/Learning curves: λ [\d.]+ \(chosen\): validation loss best at epoch \d+/);
});
