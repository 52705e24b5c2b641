/** The CLI's guess at a CSV file's size, made before the application starts (decides the engine warm-up). */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { estimateCsvShape } from '../src/csv-shape';

describe('estimateCsvShape', () => {
  const dir = mkdtempSync(join(tmpdir(), 'regsweep-csv-shape-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, rows: number, columns: number): string => {
    const header = Array.from({ length: columns }, (_, j) => `c${j}`).join(',');
    const lines = Array.from({ length: rows }, (_, i) =>
      Array.from({ length: columns }, (_, j) => ((i * 7919 + j * 104729) % 1000) / 7).join(','),
    );
    const path = join(dir, name);
    writeFileSync(path, [header, ...lines].join('\n') + '\n');
    return path;
  };

  it('counts a file that fits in its sample exactly', () => {
    expect(estimateCsvShape(write('small.csv', 50, 4))).toEqual({ rows: 50, columns: 4 });
  });

  it('estimates a larger file within 5% from its first 64 kB', () => {
    const { rows, columns } = estimateCsvShape(write('large.csv', 20000, 30));
    expect(columns).toBe(30);
    expect(Math.abs(rows - 20000) / 20000).toBeLessThan(0.05);
  });

  it('reads a header without a line end as no rows', () => {
    const path = join(dir, 'header.csv');
    writeFileSync(path, 'a,b,c');
    expect(estimateCsvShape(path)).toEqual({ rows: 0, columns: 3 });
  });
});
