/** constructor, __proto__, toString, valueOf, hasOwnProperty, … */
const PROTOTYPE_KEYS = new Set(Object.getOwnPropertyNames(Object.prototype));
const MAX_REPORTED = 20;

/**
 * Paths (`split.valueOf`, `penalties.0.constructor`) of the keys in `value` that name Object.prototype members.
 * class-validator's whitelist does not see such keys (a config with `"valueOf": "x"` passed as valid, the field
 * silently ignored), and `__proto__` is the classic prototype-pollution key. No field of regsweep's inputs has
 * such a name, so each one is an unknown field.
 */
export function prototypeKeyPaths(value: unknown): string[] {
  const found: string[] = [];
  const pending: [object, string][] = typeof value === 'object' && value !== null ? [[value, '']] : [];
  while (pending.length > 0 && found.length < MAX_REPORTED) {
    const [node, path] = pending.pop() as [object, string];
    for (const key of Object.keys(node)) {
      const keyPath = path ? `${path}.${key}` : key;
      const child = (node as Record<string, unknown>)[key];
      if (PROTOTYPE_KEYS.has(key)) found.push(keyPath);
      else if (typeof child === 'object' && child !== null) pending.push([child, keyPath]);
    }
  }
  return found;
}
