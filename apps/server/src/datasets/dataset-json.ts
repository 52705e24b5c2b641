/** A stored dataset as the API and the CLI show it; no Nest or TypeORM here, so the CLI's lean listing uses it too. */
import { basename } from 'node:path';
import type { DatasetEntity } from './dataset.entity';
import type { DatasetDescription } from './dataset.repository';

export interface DatasetJson extends DatasetDescription {
  id: string;
  version: number;
}

export function toDatasetJson(dataset: DatasetEntity): DatasetJson {
  const { id, name, version, target, task, rows, features, builtin, createdAt } = dataset;
  const classes = dataset.classes ?? null;
  // Rows registered before only the file name was stored hold the CLI's absolute path: show its last part only.
  const source = dataset.source === null || builtin ? dataset.source : basename(dataset.source);
  return { id, name, version, target, task, rows, features, classes, builtin, source, createdAt };
}
