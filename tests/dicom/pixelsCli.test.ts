// `aegis pixels`: the .npy holds exactly what the decoder gives (stored) or its modality values.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { pixels } from '../../electron/cli/commands/pixels';
import { decodeFrame, loadInstance, toModality } from '../../electron/dicom';
import { parseNpy } from '../../electron/engine/io/npy';
import { ensureFixtures, type Fixture } from '../fixtures/dicom/makeFixtures';

let fixtures: Fixture[] = [];
const dir = mkdtempSync(join(tmpdir(), 'aegis-pixels-'));
const pathOf = (n: string) => fixtures.find((f) => f.name === n)!.path;
beforeAll(async () => {
  fixtures = await ensureFixtures();
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
});

describe('aegis pixels', () => {
  it('writes modality values as float32 and stored values in their own type', async () => {
    const src = pathOf('ct_s16.jpeg_sv1');
    const d = await decodeFrame(await loadInstance(src), 0);
    expect(await pixels.run([src, '--out', join(dir, 'hu.npy')])).toBe(0);
    const hu = parseNpy(readFileSync(join(dir, 'hu.npy')));
    expect(hu.dtype).toBe('float32');
    expect(hu.shape).toEqual([48, 64]);
    expect(Array.from(hu.data as Float32Array)).toEqual(Array.from(toModality(d.stored, d.meta)));
    expect(await pixels.run([src, '--stored', '--out', join(dir, 'st.npy')])).toBe(0);
    const st = parseNpy(readFileSync(join(dir, 'st.npy')));
    expect(st.dtype).toBe('int16');
    expect(Array.from(st.data as Int16Array)).toEqual(Array.from(d.stored));
  });

  it('writes colour as rows×columns×3 RGB and picks the frame', async () => {
    expect(await pixels.run([pathOf('us_rgb_p1.rle'), '--out', join(dir, 'rgb.npy')])).toBe(0);
    const rgb = parseNpy(readFileSync(join(dir, 'rgb.npy')));
    expect(rgb.shape).toEqual([32, 40, 3]);
    const src = pathOf('xa_multiframe.jpegls_nobot_fragments');
    expect(await pixels.run([src, '--frame', '2', '--stored', '--out', join(dir, 'f2.npy')])).toBe(0);
    const f2 = parseNpy(readFileSync(join(dir, 'f2.npy')));
    expect(Array.from(f2.data as Uint16Array)).toEqual(Array.from((await decodeFrame(await loadInstance(src), 2)).stored));
  });

  it('explains bad arguments', async () => {
    await expect(pixels.run([pathOf('ct_s16.rle')])).rejects.toThrow('--out X.npy is required');
    await expect(pixels.run([pathOf('ct_s16.rle'), '--frame=-1', '--out', 'x.npy'])).rejects.toThrow('--frame must be a whole number ≥ 0, not "-1"');
  });
});
