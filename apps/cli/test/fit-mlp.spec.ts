/** `regsweep fit --model mlp` end to end: spawns the compiled CLI (build with `npx nest build server` first). */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const bin = join(root, 'bin', 'regsweep.js');

function regsweep(...args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  if (!existsSync(join(root, 'dist', 'apps', 'cli', 'src', 'main.js'))) {
    throw new Error('the compiled CLI is missing: run `npx nest build server` first');
  }
});

const NETWORK = ['--model', 'mlp', '--hidden', '8,4', '--activation', 'tanh', '--output', 'logistic'];
const TRAINING = ['--solver', 'sgd', '--learning-rate', '0.1', '--epochs', '60', '--batch-size', '64', '--seed', '3'];

describe('regsweep fit --model mlp', () => {
  it('--json: the loss curve, the sparsity the weights show, the weights and the input scaling', () => {
    const args = ['fit', '--data', 'breast-cancer', ...NETWORK, ...TRAINING, '--penalty', 'l1', '--lambda', '0.01'];
    const { code, stdout } = regsweep(...args, '--json');
    expect(code).toBe(0);
    const fit = JSON.parse(stdout);
    expect(fit.status).toBe('ok');
    expect(fit.epochs).toBe(60);
    expect(fit.learningCurve.epochs).toHaveLength(60);
    expect(fit.learningCurve.train.at(-1)).toBeLessThan(0.5 * fit.learningCurve.train[0]);
    expect(fit.inputScaling.names).toHaveLength(30);
    const weights: number[] = fit.parameters.weights.flat(2);
    expect(weights).toHaveLength(30 * 8 + 8 * 4 + 4);
    expect(fit.sparsity.totalWeights).toBe(weights.length);
    expect(fit.sparsity.zeroWeights).toBe(weights.filter((w) => w === 0).length);
    expect(fit.sparsity.zeroWeights).toBeGreaterThan(0);
    // The same seed gives the same network, bit for bit.
    expect(regsweep(...args, '--json').stdout).toBe(stdout);
  });

  it('the table prints the loss by epoch and the sparsity', () => {
    const { code, stdout } = regsweep('fit', '--data', 'breast-cancer', ...NETWORK, ...TRAINING);
    expect(code).toBe(0);
    expect(stdout).toMatch(/training logloss by epoch/);
    expect(stdout).toMatch(/epoch\s+60\s+\d/);
    expect(stdout).toMatch(/zero weights\s+\d+ of 276/);
    expect(stdout).toMatch(/dead units\s+\d+ of 12 hidden units/);
  });

  it('the defaults `fit --help` states for a network are the ones a fit without those flags trains with', () => {
    const help = regsweep('fit', '--help').stdout.replace(/\s+/g, ' ');
    const stated = (pattern: RegExp) => {
      const match = help.match(pattern);
      if (!match) throw new Error(`fit --help does not state ${pattern}`);
      return match[1];
    };
    const learningRate = stated(/--learning-rate <number> [^(]*\(default [^)]*mlp ([\d.e-]+)\)/);
    const epochs = stated(/--epochs <count> [^(]*\(default [^)]*mlp (\d+)\)/);
    const hidden = stated(/--hidden <sizes> [^(]*\(default ([\d,]+);/);
    const seed = stated(/--seed <integer> [^(]*\(default (\d+)\)/);
    const data = ['fit', '--data', 'diabetes', '--model', 'mlp', '--json'];
    const implicit = regsweep(...data);
    expect(implicit.code).toBe(0);
    const explicit = ['--learning-rate', learningRate, '--epochs', epochs, '--hidden', hidden, '--seed', seed];
    expect(regsweep(...data, ...explicit).stdout).toBe(implicit.stdout);
  });

  it('bad flags: exit 2 with every problem as {path, message}', () => {
    const { code, stderr } = regsweep('fit', '--data', 'diabetes', '--model', 'mlp', '--hidden', '0', '--solver', 'cd');
    expect(code).toBe(2);
    expect(JSON.parse(stderr).errors.map((e: { path: string }) => e.path)).toEqual(['--hidden', '--solver']);
    const glm = regsweep('fit', '--data', 'diabetes', '--penalty', 'l1', '--lambda', '1', '--batch-size', '8');
    expect(glm.code).toBe(2);
    expect(JSON.parse(glm.stderr).errors).toEqual([{ path: '--batch-size', message: 'only used with --model mlp' }]);
  });
});
