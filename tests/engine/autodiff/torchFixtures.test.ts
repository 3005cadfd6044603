import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeModel, GradientRunner } from '../../../electron/engine/autodiff';
import { npyToFloat32, readNpy } from '../../../electron/engine/io/npy';
import { loadModel } from '../../../electron/engine/onnx/model';

// Made by scripts/export-fixture-models.py (torch.onnx 1.13, opset 17, random weights); the .grad.npy
// files hold torch autograd's ∂(Σ per-sample CE)/∂x for the stored x and labels (of the logits
// before sigmoid and op_norm for xrv_like).
const DIR = path.join(process.cwd(), 'tests', 'fixtures', 'models');
const NAMES = ['resnet', 'densenet', 'mobilenet_v2', 'mobilenet_v3', 'efficientnet', 'squeezenet', 'convnext', 'vit', 'unet_convtranspose', 'unet_bilinear', 'xrv_like', 'convnext_opset11', 'vit_opset11'];

describe('torchvision-family and U-Net exports: compiled gradient equals torch autograd', () => {
  for (const name of NAMES) {
    it(name, async () => {
      const loaded = loadModel(path.join(DIR, `${name}.onnx`));
      const info = describeModel(loaded.model);
      expect(info.differentiable, `unsupported: ${info.unsupportedOps.join(', ')}`).toBe(true);
      const x = await readNpy(path.join(DIR, `${name}.x.npy`));
      const labels = (await readNpy(path.join(DIR, `${name}.labels.npy`))).data as BigInt64Array;
      const ref = npyToFloat32(await readNpy(path.join(DIR, `${name}.grad.npy`)));
      const segmentation = name.startsWith('unet');
      const runner = await GradientRunner.create(loaded, { loss: segmentation ? 'pixel-ce' : 'ce' }, { cacheDir: null, intraOpThreads: 1 });
      expect(runner.info.dynamicBatch).toBe(true);
      if (name === 'xrv_like') {
        // TorchXRayVision-style op_norm tail (NonZero/GatherND/ScatterND): the logits are chosen.
        expect(info.unsupportedOps).toContain('ScatterND');
        expect(runner.info.outputChoice).toBe('auto');
        expect(runner.info.output).toBe('/net/classifier/Gemm_output_0');
      }
      const r = await runner.run(npyToFloat32(x), x.shape, { labels });
      await runner.release();
      const scale = ref.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
      expect(scale).toBeGreaterThan(0);
      let worst = 0;
      ref.forEach((v, i) => {
        worst = Math.max(worst, Math.abs(r.grad[i] - v));
      });
      expect(worst / scale, `max |compiled − torch| = ${worst} (max |torch| = ${scale})`).toBeLessThan(2e-3);
    });
  }
});
