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

/**
 * The full-data fit's stored coefficients: {feature: value}, or for a multinomial fit (one with `intercepts`; its
 * coefficients class-major, K·p) {class: {feature: value}}. `classKeys`: quotedKeys of the class labels.
 */
export function fitCoefficientsJson(
  keys: readonly string[],
  classKeys: readonly string[],
  fit: { readonly coefficients: Float64Array; readonly intercepts?: Float64Array },
): string {
  if (!fit.intercepts) return coefficientsJson(keys, fit.coefficients);
  const p = keys.length;
  const perClass = classKeys.map(
    (classKey, k) => classKey + coefficientsJson(keys, fit.coefficients.subarray(k * p, (k + 1) * p)),
  );
  return `{${perClass.join(',')}}`;
}

/** A multinomial fit's K intercepts as {class: value}; null for every other fit (its one intercept has a column). */
export function interceptsJson(
  classKeys: readonly string[],
  fit: { readonly intercepts?: Float64Array },
): string | null {
  return fit.intercepts ? coefficientsJson(classKeys, fit.intercepts) : null;
}

/** `"name":` for each feature, for coefficientsJson. */
export function quotedKeys(names: readonly string[]): string[] {
  return names.map((name) => `${JSON.stringify(name)}:`);
}
