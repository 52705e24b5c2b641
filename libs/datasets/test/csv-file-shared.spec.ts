/** readCsvFile with `shared: true` (the CLI's sweep path): the same values, in whole SharedArrayBuffers. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCsvFile } from '../src';

const dir = mkdtempSync(join(tmpdir(), 'regsweep-csv-shared-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('gives the values of an ordinary read, backed by SharedArrayBuffers that hold exactly them', () => {
  const path = join(dir, 'data.csv');
  writeFileSync(path, 'a,y,b\n' + Array.from({ length: 300 }, (_, i) => `${i / 8},${i % 7},${-i * 1.5}`).join('\n'));
  const plain = readCsvFile(path, { target: 'y' });
  const shared = readCsvFile(path, { target: 'y', shared: true });
  // By tag, not instanceof: jest's test realm has its own ArrayBuffer constructor.
  const kind = (values: Float64Array) => Object.prototype.toString.call(values.buffer);
  expect(kind(plain.x.values)).toBe('[object ArrayBuffer]');
  for (const values of [shared.x.values, shared.y]) {
    expect(kind(values)).toBe('[object SharedArrayBuffer]');
    expect(values.byteOffset).toBe(0);
    expect(values.byteLength).toBe(values.buffer.byteLength);
  }
  expect(Array.from(shared.x.values)).toEqual(Array.from(plain.x.values));
  expect(Array.from(shared.y)).toEqual(Array.from(plain.y));
  expect(shared.names).toEqual(['a', 'b']);
});
