/**
 * Synthetic regression data as in the glmnet paper's timing study (and ../shared/anchors/gen.py):
 * equicorrelated Gaussian features  X = sqrt(1−ρ)·Z + sqrt(ρ)·u  (corr(x_j, x_k) = ρ),
 * 10 true signals β_j = (−1)^j · exp(−2j/20), and  y = Xβ + σ·ε  with σ = sd(Xβ) (signal-to-noise 1).
 * The bench writes it to CSV so that regsweep and the anchors read the very same file.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { mulberry32 } from '@regsweep/engine';

/** Standard normal draws by Box–Muller. */
function normalSource(seed: number): () => number {
  const uniform = mulberry32(seed);
  let spare = NaN;
  return () => {
    if (!Number.isNaN(spare)) {
      const value = spare;
      spare = NaN;
      return value;
    }
    const u = 1 - uniform();
    const v = uniform();
    const radius = Math.sqrt(-2 * Math.log(u));
    spare = radius * Math.sin(2 * Math.PI * v);
    return radius * Math.cos(2 * Math.PI * v);
  };
}

export interface SyntheticData {
  readonly rows: number;
  readonly cols: number;
  /** Row-major n×p. */
  readonly x: Float64Array;
  readonly y: Float64Array;
}

export function equicorrelated(rows: number, cols: number, rho = 0.5, seed = 0, signals = 10): SyntheticData {
  const normal = normalSource(seed + 1);
  const x = new Float64Array(rows * cols);
  const y = new Float64Array(rows);
  const beta = new Float64Array(cols);
  for (let j = 0; j < Math.min(signals, cols); j++) beta[j] = (j % 2 === 0 ? 1 : -1) * Math.exp((-2 * j) / 20);
  const a = Math.sqrt(1 - rho);
  const b = Math.sqrt(rho);
  for (let i = 0; i < rows; i++) {
    const shared = normal();
    let signal = 0;
    for (let j = 0; j < cols; j++) {
      const value = a * normal() + b * shared;
      x[i * cols + j] = value;
      signal += value * beta[j];
    }
    y[i] = signal;
  }
  // σ = sd(Xβ): noise as strong as the signal.
  let mean = 0;
  for (let i = 0; i < rows; i++) mean += y[i];
  mean /= rows;
  let variance = 0;
  for (let i = 0; i < rows; i++) variance += (y[i] - mean) ** 2;
  const sigma = Math.sqrt(variance / rows);
  for (let i = 0; i < rows; i++) y[i] += sigma * normal();
  return { rows, cols, x, y };
}

/** Writes `x0,…,x{p−1},y` with 8 significant digits, as gen.py does. */
export async function writeCsv(path: string, data: SyntheticData): Promise<void> {
  const out = createWriteStream(path);
  const header = Array.from({ length: data.cols }, (_, j) => `x${j}`).join(',') + ',y\n';
  out.write(header);
  for (let i = 0; i < data.rows; i++) {
    const cells: string[] = new Array(data.cols + 1);
    for (let j = 0; j < data.cols; j++) cells[j] = formatNumber(data.x[i * data.cols + j]);
    cells[data.cols] = formatNumber(data.y[i]);
    if (!out.write(cells.join(',') + '\n')) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

function formatNumber(value: number): string {
  return String(Number(value.toPrecision(8)));
}
