import { createHash } from 'node:crypto';
import type { Dataset } from '@regsweep/engine';

/**
 * The identity of a dataset's values: sha256 over the feature names, the target name, and the float64 bytes of x
 * (column-major) and y, so two loads of the same data give the same checksum and any changed cell another one.
 */
export function datasetChecksum(data: Dataset, target: string): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ features: data.x.names, target, rows: data.x.rows }));
  hash.update(new Uint8Array(data.x.values.buffer, data.x.values.byteOffset, data.x.values.byteLength));
  hash.update(new Uint8Array(data.y.buffer, data.y.byteOffset, data.y.byteLength));
  return `sha256:${hash.digest('hex')}`;
}
