/**
 * A dataset's values as stored: chunks of at most DATASET_CHUNK_BYTES of its two float64 vectors (see
 * DatasetChunkEntity). What both stores do with chunks lives here; each store only reads and writes the rows.
 */
import type { DatasetEntity } from './dataset.entity';

/** 1 MiB: a whole number of float64 values, small next to any dataset worth chunking (dataset-chunk.entity.ts). */
export const DATASET_CHUNK_BYTES = 1 << 20;

/** A dataset's values; as loaded, both are views of whole SharedArrayBuffers, ready to hand to worker threads. */
export interface DatasetValues {
  x: Float64Array;
  y: Float64Array;
}

/** One stored chunk: bytes [byteOffset, byteOffset + bytes.length) of vector `x` or `y`. */
export interface StoredChunk {
  vector: 'x' | 'y';
  byteOffset: number;
  bytes: Buffer;
}

type DatasetShape = Pick<DatasetEntity, 'id' | 'rows' | 'features'>;

/** The chunks that store `values`, in order: views of the arrays, nothing copied. */
export function* chunksOf(values: DatasetValues): Generator<StoredChunk> {
  for (const vector of ['x', 'y'] as const) {
    const bytes = bytesOf(values[vector]);
    for (let offset = 0; offset < bytes.length; offset += DATASET_CHUNK_BYTES) {
      yield { vector, byteOffset: offset, bytes: bytes.subarray(offset, offset + DATASET_CHUNK_BYTES) };
    }
  }
}

/**
 * Reads chunks straight into one SharedArrayBuffer per vector: the only full-size copy is the one `values()` returns
 * (the worker threads read it in place).
 */
export class ChunkLoader {
  private readonly x: Float64Array;
  private readonly y: Float64Array;
  private readonly targets: Record<'x' | 'y', Uint8Array>;
  private loaded = 0;

  constructor(private readonly dataset: DatasetShape) {
    this.x = new Float64Array(new SharedArrayBuffer(8 * dataset.rows * dataset.features.length));
    this.y = new Float64Array(new SharedArrayBuffer(8 * dataset.rows));
    this.targets = { x: new Uint8Array(this.x.buffer), y: new Uint8Array(this.y.buffer) };
  }

  add(chunk: StoredChunk): void {
    this.targets[chunk.vector].set(chunk.bytes, chunk.byteOffset);
    this.loaded += chunk.bytes.byteLength;
  }

  /** The values, once every byte has been loaded. */
  values(): DatasetValues {
    const expected = this.x.byteLength + this.y.byteLength;
    if (this.loaded !== expected) {
      throw new Error(`dataset ${this.dataset.id}: ${this.loaded} bytes of values stored, ${expected} expected`);
    }
    return { x: this.x, y: this.y };
  }
}

/** Compares stored chunks with `values` byte for byte, one chunk at a time, without loading them. */
export class ChunkComparison {
  private readonly expected: Record<'x' | 'y', Buffer>;
  private compared = 0;
  /** False as soon as the sizes or a chunk differ. */
  same: boolean;

  constructor(dataset: DatasetShape, values: DatasetValues) {
    this.expected = { x: bytesOf(values.x), y: bytesOf(values.y) };
    this.same = dataset.rows * dataset.features.length === values.x.length && dataset.rows === values.y.length;
  }

  /** Compares one more chunk; answers whether the values are still the same. */
  add({ vector, byteOffset, bytes }: StoredChunk): boolean {
    const expected = this.expected[vector];
    if (byteOffset + bytes.length > expected.length) this.same = false;
    else if (expected.compare(bytes, 0, bytes.length, byteOffset, byteOffset + bytes.length) !== 0) this.same = false;
    else this.compared += bytes.length;
    return this.same;
  }

  /** Whether every stored chunk matched and together they cover the values exactly. */
  matchesAll(): boolean {
    return this.same && this.compared === this.expected.x.length + this.expected.y.length;
  }
}

function bytesOf(values: Float64Array): Buffer {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength);
}
