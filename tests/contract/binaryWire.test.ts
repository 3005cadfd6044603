/** The loopback server's binary message format: typed arrays round-trip exactly, aligned, in place. */
import { describe, expect, it } from 'vitest';
import { containsBinary, decodeBinaryMessage, encodeBinaryMessage } from '../../electron/shared/binaryWire';

describe('binary wire format', () => {
  it('round-trips every typed array kind inside nested JSON, values and element types intact', () => {
    const value = {
      name: 'frame',
      nested: [{ a: new Int16Array([-32768, -1, 0, 1, 32767]) }, null, 3.5, 'x'],
      u8: new Uint8Array([0, 255, 7]),
      f32: new Float32Array([Math.PI, -0, Number.NaN]),
      f64: new Float64Array([1e-300, -2.5]),
      u16: new Uint16Array([65535]),
      i32: new Int32Array([-2147483648]),
      u32: new Uint32Array([4294967295]),
      i8: new Int8Array([-128]),
      c8: new Uint8ClampedArray([12]),
      empty: new Uint8Array(0),
    };
    const decoded = decodeBinaryMessage(encodeBinaryMessage(value)) as typeof value;
    expect(decoded).toEqual(value);
    expect(decoded.nested[0]).toEqual({ a: new Int16Array([-32768, -1, 0, 1, 32767]) });
    expect(Object.is(decoded.f32[1], -0)).toBe(true);
    expect(decoded.f64).toBeInstanceOf(Float64Array);
    expect(decoded.c8).toBeInstanceOf(Uint8ClampedArray);
  });

  it('sends a sub-array view as just its own bytes', () => {
    const big = new Uint8Array(1000).map((_, i) => i % 251);
    const view = big.subarray(100, 110);
    const bytes = encodeBinaryMessage({ view });
    expect(bytes.length).toBeLessThan(200);
    expect(Array.from((decodeBinaryMessage(bytes) as { view: Uint8Array }).view)).toEqual(Array.from(view));
  });

  it('decodes from an unaligned buffer (e.g. inside a pooled Node Buffer) by copying first', () => {
    const bytes = encodeBinaryMessage({ f: new Float64Array([1.25, 2.5]) });
    const shifted = new Uint8Array(bytes.length + 3);
    shifted.set(bytes, 3);
    const decoded = decodeBinaryMessage(shifted.subarray(3)) as { f: Float64Array };
    expect(Array.from(decoded.f)).toEqual([1.25, 2.5]);
  });

  it('refuses bytes that are not such a message, or are cut short, in plain words', () => {
    expect(() => decodeBinaryMessage(new TextEncoder().encode('{"json":true}'))).toThrow(/missing "AEGB" magic/);
    const bytes = encodeBinaryMessage({ data: new Uint8Array(64) });
    expect(() => decodeBinaryMessage(bytes.subarray(0, bytes.length - 1))).toThrow(/truncated in part 0/);
    expect(() => decodeBinaryMessage(bytes.subarray(0, 12))).toThrow(/truncated inside its header/);
  });

  it('knows when a value must travel as binary', () => {
    expect(containsBinary({ a: [1, { b: 'x' }] })).toBe(false);
    expect(containsBinary({ a: [1, { b: new Uint8Array(1) }] })).toBe(true);
    expect(containsBinary(new DataView(new ArrayBuffer(2)))).toBe(false);
  });
});
