/**
 * Builds the dashboard into <repo>/dist/dashboard, which the server's DashboardModule serves.
 * Everything (fonts, uPlot, CSS) is bundled: the dashboard loads nothing from a CDN.
 */
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const repoRoot = resolve(__dirname, '../..');

export default defineConfig({
  root: __dirname,
  base: '/',
  plugins: [react()],
  build: {
    outDir: resolve(repoRoot, 'dist/dashboard'),
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    // `npx vite --config apps/dashboard/vite.config.ts` during development talks to a local `regsweep serve`.
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
