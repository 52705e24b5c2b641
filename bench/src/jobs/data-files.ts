import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadDataset } from '@regsweep/datasets';
import type { Dataset } from '@regsweep/engine';
import { equicorrelated, writeCsv } from '../synthetic';

/** bench/out/syn_NxP.csv, written once (equicorrelated ρ = 0.5, seed 0) and reused by every tool. */
export async function ensureSyntheticCsv(outDir: string, rows: number, cols: number): Promise<string> {
  const path = resolve(outDir, `syn_${rows}x${cols}.csv`);
  if (!existsSync(path)) {
    console.log(`writing ${path} …`);
    await writeCsv(path, equicorrelated(rows, cols));
  }
  return path;
}

export function readCsvDataset(path: string): Dataset {
  const parsed = loadDataset(path, { target: 'y', maxRows: 10_000_000, maxColumns: 100_000 });
  return { x: parsed.x, y: parsed.y };
}
