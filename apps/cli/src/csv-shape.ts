import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

const SAMPLE_BYTES = 64 * 1024;

/**
 * A guess at a CSV file's data rows and columns from its size and its first 64 kB (the header's fields, the mean
 * length of the lines read), made before the application starts: it decides whether the worker threads warm the
 * engine up (large sweeps only). Only a guess; the file is parsed and validated later.
 */
export function estimateCsvShape(path: string): { rows: number; columns: number } {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const sample = Buffer.alloc(Math.min(SAMPLE_BYTES, size));
    const read = readSync(fd, sample, 0, sample.length, 0);
    const text = sample.subarray(0, read).toString('utf8');
    const headerEnd = text.indexOf('\n');
    if (headerEnd < 0) return { rows: 0, columns: text.split(',').length };
    const columns = text.slice(0, headerEnd).split(',').length;
    const body = text.slice(headerEnd + 1);
    const lines = body.split('\n').length - (body.endsWith('\n') ? 1 : 0);
    if (read === size) return { rows: lines, columns };
    const meanLineBytes = Math.max(1, (read - headerEnd - 1) / Math.max(1, lines));
    return { rows: Math.round((size - headerEnd - 1) / meanLineBytes), columns };
  } finally {
    closeSync(fd);
  }
}
