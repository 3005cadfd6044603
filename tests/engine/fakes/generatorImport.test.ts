import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyGenerator } from '../../../electron/engine/fakes/applyGenerator';
import { openGenerator } from '../../../electron/engine/fakes/generatorModel';
import { encodeModel, GraphBuilder } from '../../../electron/engine/onnx';

/** A generator that returns channel 0 of its input (the masked patch) plus 0.1, declared [N, channels, side, side]. */
function writeGenerator(dir: string, side: number, channels: number, metadata: object | null): string {
  const b = new GraphBuilder('g');
  const x = b.input('patch', ['N', channels, side, side]);
  const i64 = (n: string, v: number) => b.init(n, BigInt64Array.of(BigInt(v)), [1]);
  const c0 = b.op('Slice', [x, i64('s', 0), i64('e', 1), i64('a', 1)]);
  b.op('Add', [c0, b.init('k', Float32Array.of(0.1), [])], {}, 'out');
  b.output('out', ['N', 1, side, side]);
  const path = join(dir, 'model.onnx');
  writeFileSync(path, encodeModel(b.build({ opset: 17 })));
  if (metadata) writeFileSync(join(dir, 'metadata.json'), JSON.stringify(metadata));
  return path;
}

const spec = (patchSize: number, as = 'channel') => ({
  kind: 'generator',
  name: 'toy',
  generator: { operation: 'remove', patchSize, scale: 2, mask: { radius: 3, fill: 0, as }, intensity: { kind: 'window', center: 2048, width: 4096 }, blend: { inner: 5, outer: 9 } },
});
const fresh = () => mkdtempSync(join(tmpdir(), 'aegis-gen-'));

describe('importing your own generator', () => {
  it('runs a generator whose metadata matches: the masked centre comes back as the fill value, matched to the local mean; nothing changes beyond blend.outer', async () => {
    const path = writeGenerator(fresh(), 16, 2, spec(16));
    const g = await openGenerator(path);
    try {
      expect(g.metadata.generator.operation).toBe('remove');
      const width = 64;
      const stored = Uint16Array.from({ length: width * width }, (_, i) => 2000 + (i % 5));
      const edit = await applyGenerator(g, { stored, width, height: width, format: { bitsStored: 12, pixelRepresentation: 0, rescaleSlope: 1, rescaleIntercept: 0 } }, 30, 30);
      expect(edit.region).toMatchObject({ col: 30, row: 30, inner: 5, outer: 9 });
      // The +0.1 is removed by the context-mean match, so the centre becomes the fill 0 (stored 0).
      expect(edit.stored[30 * width + 30]).toBeLessThan(300);
      for (let i = 0; i < stored.length; i++) if (Math.hypot((i % width) - 30, Math.floor(i / width) - 30) >= 9) expect(edit.stored[i]).toBe(stored[i]);
    } finally {
      await g.release();
    }
  });

  it('refuses a model without metadata.json, with a metadata.json that is not a generator, or whose shapes disagree with it', async () => {
    await expect(openGenerator(writeGenerator(fresh(), 16, 2, null))).rejects.toThrow(/needs a metadata\.json beside it with "kind": "generator"/);
    await expect(openGenerator(writeGenerator(fresh(), 16, 2, { name: 'cls', network_data_format: {} }))).rejects.toThrow(/field "kind" is invalid.*set "kind": "generator"/);
    await expect(openGenerator(writeGenerator(fresh(), 32, 2, spec(16)))).rejects.toThrow(/input "patch" is \[N, 2, 32, 32\]; metadata\.json \(patch 16×16, mask as channel\) needs \[N, 2, 16, 16\]/);
    await expect(openGenerator(writeGenerator(fresh(), 16, 1, spec(16)))).rejects.toThrow(/input "patch" is \[N, 1, 16, 16\].*needs \[N, 2, 16, 16\]/);
    await expect(openGenerator(writeGenerator(fresh(), 16, 2, spec(16, 'input')))).rejects.toThrow(/has 1 input\(s\).*mask as input\) needs 2/);
    const bad = { ...spec(16), generator: { ...spec(16).generator, blend: { inner: 9, outer: 5 } } };
    await expect(openGenerator(writeGenerator(fresh(), 16, 2, bad))).rejects.toThrow(/blend.*outer must be larger/);
  });

  it('refuses a location outside the image', async () => {
    const g = await openGenerator(writeGenerator(fresh(), 16, 2, spec(16)));
    try {
      const stored = new Uint16Array(32 * 32);
      await expect(applyGenerator(g, { stored, width: 32, height: 32, format: { bitsStored: 12, pixelRepresentation: 0, rescaleSlope: 1, rescaleIntercept: 0 } }, 40, 3)).rejects.toThrow(/40,3 is outside the 32×32 image/);
    } finally {
      await g.release();
    }
  });
});
