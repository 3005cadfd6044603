import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeNpy, parseNpy, readNpy, writeNpy, type NpyData } from '../../../electron/engine/io/npy';

/** Builds a .npy file by hand, per numpy/lib/format.py, independent of the code under test. */
function handNpy(major: number, dict: string, data: number[], padTo = 64): Uint8Array {
  const prefix = major === 1 ? 10 : 12;
  const total = Math.ceil((prefix + dict.length + 1) / padTo) * padTo;
  const header = dict + ' '.repeat(total - prefix - dict.length - 1) + '\n';
  const out = new Uint8Array(total + data.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, major, 0]);
  if (major === 1) {
    out[8] = header.length & 0xff;
    out[9] = header.length >> 8;
  } else {
    out[8] = header.length & 0xff;
    out[9] = (header.length >> 8) & 0xff;
  }
  for (let i = 0; i < header.length; i++) out[prefix + i] = header.charCodeAt(i);
  out.set(data, total);
  return out;
}

describe('npy', () => {
  it('writes the same bytes numpy.save writes (float32, shape (2, 3))', () => {
    // numpy 2.4: np.save(f, np.arange(6, dtype='<f4').reshape(2, 3)) → 152 bytes, header length 118.
    const bytes = encodeNpy({ data: new Float32Array([0, 1, 2, 3, 4, 5]), shape: [2, 3] });
    expect(bytes.length).toBe(152);
    expect(Array.from(bytes.subarray(0, 10))).toEqual([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, 118, 0]);
    const header = new TextDecoder().decode(bytes.subarray(10, 128));
    const dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }";
    expect(header).toBe(dict + ' '.repeat(118 - 1 - dict.length) + '\n');
    expect(Buffer.from(bytes.subarray(136)).toString('hex')).toBe('0000004000004040000080400000a040');
  });

  it('reads a hand-built big-endian int16 v1 file', () => {
    const f = handNpy(1, "{'descr': '>i2', 'fortran_order': False, 'shape': (3,), }", [0x00, 0x01, 0xff, 0xfe, 0x00, 0x03]);
    const a = parseNpy(f);
    expect(a.dtype).toBe('int16');
    expect(a.shape).toEqual([3]);
    expect(Array.from(a.data as Int16Array)).toEqual([1, -2, 3]);
  });

  it('reads a hand-built v3 int64 file and a 0-d float64 scalar', () => {
    const i64 = handNpy(3, "{'descr': '<i8', 'fortran_order': False, 'shape': (2,), }", [
      5, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    ]);
    const a = parseNpy(i64);
    expect(a.dtype).toBe('int64');
    expect(Array.from(a.data as BigInt64Array)).toEqual([5n, -1n]);
    const f8 = handNpy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (), }", [0, 0, 0, 0, 0, 0, 0x1e, 0x40]);
    const s = parseNpy(f8);
    expect(s.shape).toEqual([]);
    expect(Array.from(s.data as Float64Array)).toEqual([7.5]);
  });

  it('reads big-endian float32 and float64 and old 16-byte-aligned v1 headers', () => {
    const be = handNpy(2, "{'descr': '>f4', 'fortran_order': False, 'shape': (1, 1), }", [0x3f, 0xc0, 0, 0]);
    expect(Array.from(parseNpy(be).data as Float32Array)).toEqual([1.5]);
    const old = handNpy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }", [0, 0, 0, 0, 0, 0, 0xf0, 0xbf], 16);
    expect(Array.from(parseNpy(old).data as Float64Array)).toEqual([-1]);
  });

  it('round-trips every supported dtype through a file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aegis-npy-'));
    const cases: NpyData[] = [
      new Float32Array([0.1, -2.5, 3e38]),
      new Float64Array([Math.PI, -1e-300]),
      new BigInt64Array([2n ** 62n, -3n]),
      new Int32Array([-(2 ** 31), 2 ** 31 - 1]),
      new Int16Array([-32768, 32767]),
      new Uint16Array([0, 65535]),
      new Int8Array([-128, 127]),
      new Uint8Array([0, 255]),
    ];
    for (const data of cases) {
      const path = join(dir, 'a.npy');
      await writeNpy(path, { data, shape: [data.length] });
      const back = await readNpy(path);
      expect(back.data.constructor).toBe(data.constructor);
      expect(Array.from(back.data as ArrayLike<number | bigint>)).toEqual(Array.from(data as ArrayLike<number | bigint>));
      expect(readFileSync(path).length % 64).toBe((data.BYTES_PER_ELEMENT * data.length) % 64);
    }
  });

  it('gives clear errors for bad input', () => {
    expect(() => parseNpy(new Uint8Array([1, 2, 3]), 'x.npy')).toThrow(/x\.npy: not a NumPy \.npy file/);
    const fortran = handNpy(1, "{'descr': '<f4', 'fortran_order': True, 'shape': (2, 2), }", new Array(16).fill(0));
    expect(() => parseNpy(fortran, 'f.npy')).toThrow(/Fortran order/);
    const obj = handNpy(1, "{'descr': '|O', 'fortran_order': False, 'shape': (1,), }", new Array(8).fill(0));
    expect(() => parseNpy(obj)).toThrow(/unsupported \.npy dtype '\|O'/);
    const short = handNpy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (4,), }", [0, 0, 0, 0]);
    expect(() => parseNpy(short, 's.npy')).toThrow(/s\.npy: \.npy data is 4 bytes, expected 16 .* truncated/);
    expect(() => encodeNpy({ data: new Float32Array(3), shape: [2, 2] })).toThrow(/holds 4 values, data has 3/);
  });
});
