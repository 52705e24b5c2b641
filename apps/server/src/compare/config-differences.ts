/** A config field whose value is not the same in every compared sweep: its flattened path and each sweep's value. */
export interface ConfigDifference {
  /** Dotted path of the field (`split.folds`, `solver.tolerance`); arrays are one field (`penalties`). */
  path: string;
  /** One value per sweep, in the sweeps' order; null where a sweep's config has no such field. */
  values: unknown[];
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The leaves of a config as path → value: objects are walked, arrays and scalars are values. */
export function flattenConfig(value: unknown, prefix = '', into = new Map<string, unknown>()): Map<string, unknown> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value as Record<string, Json>)) {
      flattenConfig(child, prefix ? `${prefix}.${key}` : key, into);
    }
  } else if (prefix) {
    into.set(prefix, value);
  }
  return into;
}

/**
 * The fields that differ across configs (stored fully defaulted, so a default and the same value written out are
 * equal): the union of every config's paths, in the order first met, keeping a path when its values' JSON texts are
 * not all the same (a missing field counts as null).
 */
export function configDifferences(configs: readonly unknown[]): ConfigDifference[] {
  const flat = configs.map((config) => flattenConfig(config));
  const paths = [...new Set(flat.flatMap((fields) => [...fields.keys()]))];
  const differences: ConfigDifference[] = [];
  for (const path of paths) {
    const values = flat.map((fields) => (fields.has(path) ? fields.get(path) : null));
    const texts = new Set(values.map((value) => JSON.stringify(value)));
    if (texts.size > 1) differences.push({ path, values });
  }
  return differences;
}
