/**
 * What the engine's WebAssembly kernels (cross products, MLP dense products, multinomial rows) share: compiling a
 * module's committed bytes once per thread, making instances of it, and growing an instance's memory.
 *
 * Why compile once, when a kernel's file loads: V8 compiles a module's functions fast first and optimizes the hot
 * ones later, per compiled module, so every instance shares the optimized code.
 */

/** The slice of the WebAssembly API used here (the project's TypeScript libraries do not declare it). */
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: Record<string, unknown> };
}

export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

/** A compiled module, or undefined where the runtime has no WebAssembly or does not validate it (SIMD). */
export type CompiledModule = object | undefined;

export const PAGE_BYTES = 65536;
/** 32-bit memory: 65536 pages of 64 KiB. */
export const MAX_PAGES = 65536;

const api = (): WasmApi | undefined => (globalThis as { WebAssembly?: WasmApi }).WebAssembly;

/** The module of the base64 bytes (as scripts/assemble-wasm.js commits them), compiled. */
export function compileModule(base64: string): CompiledModule {
  const wasm = api();
  if (!wasm) return undefined;
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return wasm.validate(bytes) ? new wasm.Module(bytes) : undefined;
}

/** A new instance's exports (its own memory), or undefined where the module did not compile. */
export function instantiate<Exports>(compiled: CompiledModule): Exports | undefined {
  const wasm = api();
  if (!compiled || !wasm) return undefined;
  return new wasm.Instance(compiled).exports as unknown as Exports;
}

/**
 * Grows `memory` to hold at least `bytes`; false where the 32-bit memory (4 GB) cannot. A grow detaches every view
 * of the old buffer: views are made again after it.
 */
export function growMemoryTo(memory: WasmMemory, bytes: number): boolean {
  if (bytes <= memory.buffer.byteLength) return true;
  if (bytes > MAX_PAGES * PAGE_BYTES) return false;
  try {
    memory.grow(Math.ceil((bytes - memory.buffer.byteLength) / PAGE_BYTES));
    return true;
  } catch (error) {
    if (error instanceof RangeError) return false;
    throw error;
  }
}
