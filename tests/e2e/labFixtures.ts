/**
 * Fixtures of the lab end-to-end test: a 64×64 CT slice (a bright nodule-like disk on lung-like
 * background) and a tiny ONNX classifier (Conv 3×3 ×4 → ReLU → GAP → Gemm, classes normal/nodule,
 * metadata.json with window 0/2000 HU → [0, 1]) whose bias is set, with onnxruntime on the exact model
 * input, so that it calls "normal" by a logit margin of `LAB_MARGIN` — a call a PGD budget of 0.02
 * can change. Also the same model without metadata.json, for the settings form.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { encodeModel, GraphBuilder } from '../../electron/engine/onnx';
import { writeCtSlice } from '../engine/attacks/makeDicom';
import { E2E_ROOT } from './e2eEnv';

/** Side of the slice and of the model input (pixels). */
const SIDE = 64;
/** Logit margin of "normal" over "nodule" on the clean slice. */
export const LAB_MARGIN = 0.1;
/** Where the lab fixtures live. */
export const LAB_DIR = join(E2E_ROOT, 'fixtures', 'lab');
/** Folder of the CT slice, the model with metadata, the model without it, and the export target. */
export const LAB_PATHS = {
  study: join(LAB_DIR, 'study'),
  model: join(LAB_DIR, 'model', 'model.onnx'),
  bareModel: join(LAB_DIR, 'bare', 'model.onnx'),
  twoChannelModel: join(LAB_DIR, 'two-channel', 'model.onnx'),
  exportDir: join(LAB_DIR, 'export'),
};

/** HU of pixel (r, c): −800 background with a gentle ramp, a +150 HU disk of radius 10 at (24, 38). */
const hu = (r: number, c: number): number => (Math.hypot(r - 24, c - 38) <= 10 ? 150 : -800 + ((r * 7 + c * 3) % 40));

const wave = (n: number, seed: number, scale: number) => Float32Array.from({ length: n }, (_, i) => Math.sin(i * 1.7 + seed) * scale);

function graph(bias: Float32Array) {
  const b = new GraphBuilder('lab');
  const x = b.input('image', ['N', 1, SIDE, SIDE]);
  const conv = b.op('Conv', [x, b.init('w1', wave(4 * 9, 1, 1), [4, 1, 3, 3]), b.init('b1', wave(4, 2, 0.1), [4])], { pads: [1, 1, 1, 1] }, 'features');
  const flat = b.op('Flatten', [b.op('GlobalAveragePool', [b.op('Relu', [conv])])], { axis: 1 });
  b.op('Gemm', [flat, b.init('fw', Float32Array.from([2, -1, 1.5, -2, -1, 2, -1.5, 1]), [2, 4]), b.init('fb', bias, [2])], { transB: 1 }, 'logits');
  b.output('logits', ['N', 2]);
  return encodeModel(b.build());
}

/** A model whose static input has 2 channels, which no image can feed: Flatten → Gemm(2). */
function twoChannelGraph() {
  const b = new GraphBuilder('two');
  const x = b.input('image', [1, 2, 8, 8]);
  const flat = b.op('Flatten', [x], { axis: 1 });
  b.op('Gemm', [flat, b.init('w', wave(2 * 128, 3, 0.1), [2, 128]), b.init('b', new Float32Array(2), [2])], { transB: 1 }, 'out');
  b.output('out', [1, 2]);
  return encodeModel(b.build());
}

/** Writes the slice and the models (idempotent); returns the clean logits of the written model. */
export async function makeLabFixtures(): Promise<number[]> {
  for (const dir of [LAB_PATHS.study, join(LAB_DIR, 'model'), join(LAB_DIR, 'bare'), LAB_PATHS.exportDir]) mkdirSync(dir, { recursive: true });
  writeCtSlice(join(LAB_PATHS.study, 'slice.dcm'), SIDE, SIDE, (r, c) => hu(r, c) + 1024);
  const input = new Float32Array(SIDE * SIDE);
  for (let r = 0; r < SIDE; r++) for (let c = 0; c < SIDE; c++) input[r * SIDE + c] = Math.min(Math.max((hu(r, c) + 1000) / 2000, 0), 1);
  const logits = async (bias: Float32Array) => {
    writeFileSync(LAB_PATHS.model, graph(bias));
    const session = await ort.InferenceSession.create(LAB_PATHS.model);
    const out = await session.run({ image: new ort.Tensor('float32', input, [1, 1, SIDE, SIDE]) });
    await session.release();
    return Array.from(out.logits!.data as Float32Array);
  };
  const [z0, z1] = await logits(new Float32Array(2));
  const shift = (LAB_MARGIN - (z0! - z1!)) / 2;
  const final = await logits(Float32Array.from([shift, -shift]));
  writeFileSync(
    join(LAB_DIR, 'model', 'metadata.json'),
    JSON.stringify({
      name: 'E2E nodule classifier',
      network_data_format: {
        inputs: { image: { size: [SIDE, SIDE], channels: 1, intensity: { kind: 'window', center: 0, width: 2000 }, range: [0, 1] } },
        outputs: { logits: { kind: 'logits', classes: ['normal', 'nodule'] } },
      },
    }),
  );
  copyFileSync(LAB_PATHS.model, LAB_PATHS.bareModel);
  mkdirSync(join(LAB_DIR, 'two-channel'), { recursive: true });
  writeFileSync(LAB_PATHS.twoChannelModel, twoChannelGraph());
  return final;
}
