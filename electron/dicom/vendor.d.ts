// Type declarations for the untyped packages this room uses.
declare module 'jpeg-lossless-decoder-js' {
  /** JPEG Lossless (Process 14) decoder. */
  export class Decoder {
    decode(buffer: ArrayBufferLike, offset: number, length: number, numBytes?: number): Uint8Array | Uint16Array;
  }
}
