/**
 * The build bundles @stdlib's t CDF into one file (scripts/vite.student-t-cdf.config.mjs), and the built report code
 * loads that file, not the package's modules: it must give the package's values bit for bit (the reports' p-values
 * stay byte-identical). Needs `npm run build`; fails, never skips, without the bundle.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');
const BUNDLE = resolve(ROOT, 'dist', 'vendor', 'student-t-cdf.cjs');
const BUILT_COMPARISON = resolve(ROOT, 'dist', 'libs', 'sweep', 'src', 'report', 'comparison.js');

type Cdf = (x: number, dof: number) => number;

it('gives the package’s values bit for bit, across |t| from 1e-30 to 1e30 and 1 to 1000 degrees of freedom', () => {
  expect(existsSync(BUNDLE)).toBe(true);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const bundled = require(BUNDLE) as Cdf;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const reference = require('@stdlib/stats-base-dists-t-cdf') as Cdf;
  const ts = [0, -0, Infinity, -Infinity, NaN];
  for (let e = -30; e <= 30; e += 0.07) ts.push(-(10 ** e), 10 ** e);
  for (let t = -12; t <= 12; t += 0.013) ts.push(t);
  let compared = 0;
  for (const dof of [1, 2, 3, 4, 5, 7, 9, 19, 49, 1000]) {
    for (const t of ts) {
      const [a, b] = [bundled(t, dof), reference(t, dof)];
      if (!Object.is(a, b)) throw new Error(`t ${t}, dof ${dof}: bundle ${a}, package ${b}`);
      compared++;
    }
  }
  expect(compared).toBeGreaterThan(30_000);
});

it('is what the built report code loads: one file, none of the package’s modules', () => {
  // A process of its own, so that this file's requires do not count.
  const script = `
    const { loadStudentTCdf } = require(${JSON.stringify(BUILT_COMPARISON)});
    const cdf = loadStudentTCdf();
    const loaded = Object.keys(require.cache);
    console.log(JSON.stringify({
      bundle: loaded.includes(${JSON.stringify(BUNDLE)}),
      stdlib: loaded.filter((path) => path.includes('@stdlib')).length,
      value: cdf(-2, 4),
    }));`;
  const answer = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })) as {
    bundle: boolean;
    stdlib: number;
    value: number;
  };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const reference = require('@stdlib/stats-base-dists-t-cdf') as Cdf;
  expect(answer).toEqual({ bundle: true, stdlib: 0, value: reference(-2, 4) });
});
