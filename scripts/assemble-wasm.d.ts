/** Types of scripts/assemble-wasm.js for the test that checks the committed bytes. */
export function generatedModules(root: string): Promise<{ file: string; text: string }[]>;
