import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pipelineForImage } from '../../../electron/engine/imaging/pipelineForImage';
import { storedToModality } from '../../../electron/engine/imaging/storedFormat';
import { loadImage } from '../../../electron/engine/io/loadImage';
import { writeCtSlice } from '../attacks/makeDicom';

describe('pipelineForImage + loadImage (DICOM)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'aegis-pipeline-'));
  const value = (r: number, c: number) => 100 * r + c;

  it('maps the window onto the model range at the model size; MONOCHROME1 is inverted', async () => {
    writeCtSlice(join(dir, 'm2.dcm'), 4, 4, value);
    writeCtSlice(join(dir, 'm1.dcm'), 4, 4, value, 'MONOCHROME1');
    const [m2, m1] = [await loadImage(join(dir, 'm2.dcm')), await loadImage(join(dir, 'm1.dcm'))];
    expect(m2.format).toEqual({ bitsStored: 12, pixelRepresentation: 0, rescaleSlope: 1, rescaleIntercept: -1024 });
    expect(m2.window).toEqual({ center: 40, width: 400 });
    expect([m2.monochrome1, m1.monochrome1]).toEqual([false, true]);
    expect(Array.from(m2.values)).toEqual(Array.from({ length: 16 }, (_, i) => value(Math.floor(i / 4), i % 4)));
    // min–max onto [0, 1], model input 1×1×4×4 (no resize): stored 0 → 0 and 303 → 1, reversed for MONOCHROME1.
    const input = { intensity: { kind: 'minmax' as const }, range: [0, 1] as [number, number], mean: [0], std: [1] };
    const p2 = pipelineForImage({ ...m2, modality: storedToModality(m2.values, m2.format!) }, input, [1, 1, 4, 4]);
    const p1 = pipelineForImage({ ...m1, modality: storedToModality(m1.values, m1.format!) }, input, [1, 1, 4, 4]);
    const x2 = p2.forward(storedToModality(m2.values, m2.format!));
    const x1 = p1.forward(storedToModality(m1.values, m1.format!));
    expect([x2[0], x2[15]]).toEqual([0, 1]);
    x1.forEach((v, i) => expect(v).toBeCloseTo(1 - x2[i], 6));
  });

  it('recognises an NHWC (TensorFlow) input and lays channels last, forward and backward', async () => {
    const m2 = await loadImage(join(dir, 'm2.dcm'));
    const input = { intensity: { kind: 'window' as const, center: 40, width: 400 }, range: [0, 1] as [number, number], mean: [0.1, 0.2, 0.3], std: [1, 2, 3] };
    const img = { ...m2, modality: storedToModality(m2.values, m2.format!) };
    const nchw = pipelineForImage(img, input, [1, 3, 2, 2]);
    const nhwc = pipelineForImage(img, input, [1, 2, 2, 3]);
    expect(nhwc.config.layout).toBe('nhwc');
    const a = nchw.forward(img.modality);
    const b = nhwc.forward(img.modality);
    for (let k = 0; k < 3; k++) for (let i = 0; i < 4; i++) expect(b[i * 3 + k]).toBe(a[k * 4 + i]);
    const g = Float32Array.from({ length: 12 }, (_, i) => Math.sin(i));
    const gt = new Float32Array(12);
    for (let k = 0; k < 3; k++) for (let i = 0; i < 4; i++) gt[i * 3 + k] = g[k * 4 + i];
    expect(Array.from(nhwc.backward(gt))).toEqual(Array.from(nchw.backward(g)));
  });

  it('refuses model inputs an image cannot feed', async () => {
    const m2 = await loadImage(join(dir, 'm2.dcm'));
    const input = { intensity: { kind: 'minmax' as const }, range: [0, 1] as [number, number], mean: [0], std: [1] };
    const img = { ...m2, modality: storedToModality(m2.values, m2.format!) };
    expect(() => pipelineForImage(img, input, [1, 16])).toThrow(/images need a 4-D NCHW or NHWC input/);
    expect(() => pipelineForImage(img, input, [1, 2, 4, 4])).toThrow(/expects 2 channels/);
  });
});
