/**
 * JSON that carries typed arrays exactly: a Float64Array, Int32Array or Uint8Array becomes {"$t": kind, "b":
 * base64 of its bytes} (little-endian, as every platform Node runs on), so a fold task's λ values, row indices and
 * results cross Redis bit for bit, NaN and -0 included (plain JSON would turn NaN into null and arrays into objects).
 */
const KINDS = { f64: Float64Array, i32: Int32Array, u8: Uint8Array } as const;
type Kind = keyof typeof KINDS;
/** By the array's own tag, not `instanceof`: arrays a worker thread sent back belong to another realm's classes. */
const KIND_OF_TAG: Record<string, Kind> = { Float64Array: 'f64', Int32Array: 'i32', Uint8Array: 'u8' };

export function toTypedJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => {
    if (ArrayBuffer.isView(item)) {
      const kind = KIND_OF_TAG[(item as Float64Array)[Symbol.toStringTag]];
      if (!kind) throw new Error(`typed JSON carries Float64Array, Int32Array and Uint8Array, not ${String(item)}`);
      return { $t: kind, b: Buffer.from(item.buffer, item.byteOffset, item.byteLength).toString('base64') };
    }
    return item;
  });
}

export function fromTypedJson<T>(text: string): T {
  return JSON.parse(text, (_key, item: unknown) => {
    if (item && typeof item === 'object' && '$t' in item && 'b' in item) {
      const { $t, b } = item as { $t: Kind; b: string };
      const type = KINDS[$t];
      if (!type) throw new Error(`unknown typed array kind "${$t}"`);
      const bytes = Buffer.from(b, 'base64');
      // A copy into a fresh, aligned buffer (Buffer.from may share a pool at any offset).
      const aligned = new ArrayBuffer(bytes.byteLength);
      new Uint8Array(aligned).set(bytes);
      return new type(aligned);
    }
    return item;
  }) as T;
}
