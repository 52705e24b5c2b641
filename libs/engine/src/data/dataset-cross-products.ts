import type { Dataset } from '../types';
import { crossProducts, CrossProductsWorkspace, datasetCentre, type DatasetCrossProducts } from './cross-products';

/**
 * AᵀA over every row of the dataset, centred at its own means. Kept in `workspace` for the last dataset seen there
 * (keyed by `data.key` when the caller gives one, else by a hash of its values, since a worker receives a fresh view
 * of the same shared memory with every task), so the folds of a sweep pay for it once per workspace (the server's
 * runner computes it once per sweep instead and hands it to evaluateFold).
 */
export function datasetCrossProducts(data: Dataset, workspace: CrossProductsWorkspace): DatasetCrossProducts {
  const fingerprint = data.key !== undefined ? `key:${data.key}` : datasetFingerprint(data);
  const kept = workspace.datasetProducts(fingerprint);
  if (kept) return kept;
  const { centre, responseCentre } = datasetCentre(data);
  const products = {
    ...crossProducts(data, null, centre, responseCentre, undefined, workspace),
    centre,
    responseCentre,
  };
  workspace.keepDatasetProducts(fingerprint, products);
  return products;
}

/** Shape plus two independent 32-bit hashes (FNV-1a-like mixing with Math.imul) of every 32-bit word of x and y. */
function datasetFingerprint(data: Dataset): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x9747b28c;
  for (const array of [data.x.values, data.y]) {
    const words = new Int32Array(array.buffer, array.byteOffset, array.length * 2);
    for (let i = 0; i < words.length; i++) {
      const w = words[i];
      h1 = Math.imul(h1 ^ w, 0x01000193);
      h2 = Math.imul(h2 ^ w, 0x5bd1e995) ^ (h2 >>> 15);
    }
  }
  return `${data.x.rows}x${data.x.cols}:${h1 >>> 0}:${h2 >>> 0}`;
}
