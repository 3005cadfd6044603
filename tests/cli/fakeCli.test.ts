/**
 * `aegis fake` on the demo study: the bundled remove generator at a sick image's nodule, scored by the
 * demo classifier, written as a derived DICOM; and the usage errors a user can act on.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { fake } from '../../electron/cli/commands/fake';
import { generateDemoStudy } from '../../electron/engine/phantoms/generateDemoStudy';
import { dciodvfyErrors } from '../dicom/dciodvfy';

const classifier = join(import.meta.dirname, '..', '..', 'native-models', 'demo-nodule-classifier', 'model.onnx');

describe('aegis fake', () => {
  it('removes the nodule of a sick demo image: the JSON gives the region, SSIM/PSNR and the flipped call; the .dcm passes dciodvfy', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aegis-fake-cli-'));
    const sick = generateDemoStudy(join(dir, 'study')).find((i) => i.nodulePresent)!;
    const at = `${Math.round(sick.nodules[0]!.x)},${Math.round(sick.nodules[0]!.y)}`;
    const out = join(dir, 'fake.dcm');
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      expect(await fake.run([join(dir, 'study', sick.file), '--generator', 'remove', '--at', at, '--model', classifier, '--out', out, '--json'])).toBe(0);
      const r = JSON.parse(String(log.mock.calls[0]![0]));
      expect(r.region).toMatchObject({ inner: 22, outer: 30, unchangedBeyond: 30 });
      expect(r.generator.operation).toBe('remove');
      expect(r.decisionBefore).toBe(1);
      expect(r.decisionAfter).toBe(0);
      expect(r.flipped).toBe(true);
      expect(r.ssim).toBeGreaterThan(0.99);
      expect(r.psnr).toBeGreaterThan(40);
      expect(dciodvfyErrors(out)).toEqual([]);
      expect(readFileSync(out).length).toBeGreaterThan(512 * 512 * 2);
    } finally {
      log.mockRestore();
    }
  }, 300_000);

  it('refuses bad locations and options with what to type instead', async () => {
    await expect(fake.run(['x.dcm', '--generator', 'insert', '--at', '12'])).rejects.toThrow(/--at must be COL,ROW in image pixels/);
    await expect(fake.run(['x.dcm', '--generator', 'gan', '--at', '1,2'])).rejects.toThrow(/--generator must be insert, remove or a \.onnx file/);
    await expect(fake.run(['x.dcm', '--generator', 'insert', '--at', '1,2', '--refine-eps', '0.01'])).rejects.toThrow(/--refine-eps attacks a model: give --model/);
    await expect(fake.run(['x.dcm', '--generator', 'insert', '--at', '1,2', '--out', 'y.png'])).rejects.toThrow(/--out must end in \.dcm or \.npy/);
  });
});
