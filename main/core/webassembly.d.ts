/**
 * The part of the WebAssembly JS API the core uses (line-encoder.ts). Node and Electron
 * have it as a global, but @types/node does not declare it and the core's config leaves
 * out the DOM library, which does; this states just what is used.
 */
declare namespace WebAssembly {
  class Module {
    constructor(bytes: Uint8Array);
  }
  class Instance {
    constructor(module: Module, imports?: Record<string, Record<string, unknown>>);
    readonly exports: Record<string, unknown>;
  }
  class Memory {
    readonly buffer: ArrayBuffer;
    grow(pages: number): number;
  }
  class Global {
    value: unknown;
  }
}
