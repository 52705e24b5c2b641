/**
 * The WebAssembly modules the engine embeds (generated TypeScript holding the bytes) are the assembly of the .wat
 * files beside them, so that the reviewed text is the code that runs. Needs the devDependency wabt.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatedModules } from '../../../scripts/assemble-wasm';

const root = join(__dirname, '../../..');

describe('embedded WebAssembly', () => {
  it('equals a fresh assembly of its .wat (run node scripts/assemble-wasm.js after editing one)', async () => {
    const modules = await generatedModules(root);
    expect(modules.length).toBeGreaterThan(0);
    for (const { file, text } of modules) expect(readFileSync(join(root, file), 'utf8')).toBe(text);
  });
});
