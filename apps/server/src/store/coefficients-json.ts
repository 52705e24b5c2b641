/**
 * `JSON.stringify({[names[j]]: coefficients[j]})`, written straight from the array with the quoted keys made once
 * per task: building a p-key object per trial is the slow part of storing a wide full-data path, on the thread that
 * also hands out the next tasks. Names are unique (the CSV reader refuses duplicates); non-finite values become null.
 */
export function coefficientsJson(quotedKeys: readonly string[], coefficients: Float64Array): string {
  let text = '{';
  for (let j = 0; j < quotedKeys.length; j++) {
    const value = coefficients[j];
    text += (j === 0 ? '' : ',') + quotedKeys[j] + (Number.isFinite(value) ? String(value) : 'null');
  }
  return text + '}';
}

/** `"name":` for each feature, for coefficientsJson. */
export function quotedKeys(names: readonly string[]): string[] {
  return names.map((name) => `${JSON.stringify(name)}:`);
}
