/**
 * Turning the CLI's `--data` argument (or a sweep config's `dataset`, CLI only) into a parsed dataset:
 * a built-in name first, otherwise a path to a CSV file.
 */
import { existsSync, statSync } from 'node:fs';
import { BUILTIN_DATASETS, builtinCsvText, findBuiltinDataset } from './builtin';
import type { CsvOptions, ParsedDataset } from './csv';
import { parseCsvDataset, readCsvFile } from './csv-file';
import { InvalidInputError } from './invalid-input';

export function loadDataset(nameOrPath: string, options: CsvOptions = {}): ParsedDataset {
  const builtin = findBuiltinDataset(nameOrPath);
  if (builtin) {
    return parseCsvDataset(builtinCsvText(builtin.name), { ...options, target: options.target ?? builtin.target });
  }
  if (!existsSync(nameOrPath)) {
    const builtins = BUILTIN_DATASETS.map((dataset) => dataset.name).join(', ');
    throw new InvalidInputError([
      { path: 'data', message: `file not found: ${nameOrPath} (nor is it a built-in dataset: ${builtins})` },
    ]);
  }
  if (!statSync(nameOrPath).isFile()) {
    throw new InvalidInputError([{ path: 'data', message: `not a file: ${nameOrPath}` }]);
  }
  // Streamed: a large file is never held as text (csv-file.ts).
  return readCsvFile(nameOrPath, options);
}
