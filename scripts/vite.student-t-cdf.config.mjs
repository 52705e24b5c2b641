/**
 * Bundles @stdlib's Student t CDF (the report's paired t-test, libs/sweep/src/report/comparison.ts) into one file,
 * dist/vendor/student-t-cdf.cjs: the package is some 335 CommonJS modules, and requiring them one by one (each
 * resolved, read and compiled) costs the main thread several times what reading and compiling one file does
 * (docs/benchmarks.md, "The report's t CDF"). The same code, unminified (a minifier may rewrite numeric literals);
 * comparison.ts falls back to the package where the bundle is absent (ts-jest, a build without this step).
 */
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

export default defineConfig({
  logLevel: 'warn',
  build: {
    outDir: resolve(repoRoot, 'dist/vendor'),
    emptyOutDir: true,
    minify: false,
    target: 'node20',
    lib: {
      entry: require.resolve('@stdlib/stats-base-dists-t-cdf'),
      formats: ['cjs'],
      fileName: () => 'student-t-cdf.cjs',
    },
  },
});
