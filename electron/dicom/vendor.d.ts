// Type declarations for the untyped packages this room uses.
declare module 'jpeg-lossless-decoder-js' {
  /** JPEG Lossless (Process 14) decoder. */
  export class Decoder {
    decode(buffer: ArrayBufferLike, offset: number, length: number, numBytes?: number): Uint8Array | Uint16Array;
  }
}

declare module 'dcmjs' {
  /** A dataset as dcmjs' "naturalized" object: keyword → value (arrays for multi-valued elements). */
  export type Naturalized = Record<string, unknown> & { _vrMap?: Record<string, string> };
  interface DicomDictInstance {
    meta: Record<string, unknown>;
    dict: Record<string, unknown>;
    write(options?: { allowInvalidVRLength?: boolean }): ArrayBuffer;
  }
  const dcmjs: {
    /** dcmjs's loglevel logger: the default one (its own warnings) and named children. */
    log: {
      setLevel(level: 'silent' | 'error' | 'warn' | 'info'): void;
      getLogger(name: string): { setLevel(level: 'silent' | 'error' | 'warn' | 'info'): void };
    };
    data: {
      DicomMessage: { readFile(buffer: ArrayBuffer, options?: { ignoreErrors?: boolean; untilTag?: string }): DicomDictInstance };
      DicomDict: new (meta: Record<string, unknown>) => DicomDictInstance;
      DicomMetaDictionary: {
        naturalizeDataset(dict: Record<string, unknown>): Naturalized;
        denaturalizeDataset(ds: Naturalized): Record<string, unknown>;
        /** Keyword → dictionary entry; `tag` is written "(gggg,eeee)". */
        nameMap: Record<string, { tag: string; vr: string }>;
      };
    };
  };
  export default dcmjs;
}
