import { create } from '@bufbuild/protobuf';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Tensor } from 'onnxruntime-node';
import {
  AttributeProtoSchema,
  FunctionProtoSchema,
  OperatorSetIdProtoSchema,
  StringStringEntryProtoSchema,
  TensorProto_DataLocation,
  type ModelProto,
} from 'onnx-buf';
import { describe, expect, it } from 'vitest';
import {
  cachedSession,
  decodeModel,
  encodeModel,
  GraphBuilder,
  loadModel,
  makeNode,
  readModelMetadata,
} from '../../../electron/engine/onnx';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'aegis-onnx-'));

/** x [1,3] + w (3 floats) → y. */
function addModel(w = [1, 2, 3]): ModelProto {
  const b = new GraphBuilder();
  b.input('x', [1, 3]);
  b.op('Add', ['x', b.init('w', Float32Array.from(w), [3])], {}, 'y');
  b.output('y', [1, 3]);
  return b.build();
}

/** Moves initializer w into an external file at `location` (relative to the model). */
function externalise(model: ModelProto, location: string): Uint8Array {
  const t = model.graph!.initializer[0];
  const bytes = t.rawData;
  t.rawData = new Uint8Array();
  t.dataLocation = TensorProto_DataLocation.EXTERNAL;
  t.externalData = [
    create(StringStringEntryProtoSchema, { key: 'location', value: location }),
    create(StringStringEntryProtoSchema, { key: 'offset', value: '4' }),
    create(StringStringEntryProtoSchema, { key: 'length', value: String(bytes.length) }),
  ];
  return bytes;
}

async function run(model: ModelProto, key: string): Promise<number[]> {
  const { session, provider } = await cachedSession(key, () => encodeModel(model));
  expect(['cpu', 'cuda', 'dml', 'coreml']).toContain(provider);
  const out = await session.run({ x: new Tensor('float32', Float32Array.from([10, 20, 30]), [1, 3]) });
  return Array.from(out.y.data as Float32Array);
}

describe('engine/onnx models', () => {
  it('round-trips a model byte for byte', () => {
    const bytes = encodeModel(addModel());
    expect(encodeModel(decodeModel(bytes))).toEqual(bytes);
  });

  it('refuses a corrupt or truncated file with a readable message', () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'junk.onnx'), Buffer.from('this is not a model at all, just text'));
    expect(() => loadModel(path.join(dir, 'junk.onnx'))).toThrow(/junk\.onnx: not a valid ONNX/);
    const bytes = encodeModel(addModel());
    writeFileSync(path.join(dir, 'cut.onnx'), bytes.subarray(0, bytes.length - 7));
    expect(() => loadModel(path.join(dir, 'cut.onnx'))).toThrow(/cut\.onnx: not a valid ONNX/);
    expect(() => loadModel(path.join(dir, 'missing.onnx'))).toThrow(/cannot read the model file/);
  });

  it('loads external data beside the model and folds it into the hash', async () => {
    const dir = tmp();
    const model = addModel([1, 2, 3]);
    const data = externalise(model, 'weights.bin');
    writeFileSync(path.join(dir, 'm.onnx'), encodeModel(model));
    writeFileSync(path.join(dir, 'weights.bin'), Buffer.concat([Buffer.alloc(4), Buffer.from(data)]));
    const loaded = loadModel(path.join(dir, 'm.onnx'));
    expect(await run(loaded.model, loaded.hash)).toEqual([11, 22, 33]);
    writeFileSync(path.join(dir, 'weights.bin'), Buffer.concat([Buffer.alloc(4), Buffer.from(new Float32Array([5, 5, 5]).buffer)]));
    const changed = loadModel(path.join(dir, 'm.onnx'));
    expect(changed.hash).not.toBe(loaded.hash);
    expect(await run(changed.model, changed.hash)).toEqual([15, 25, 35]);
  });

  it('refuses external data that escapes the model folder (../, absolute, symlink)', () => {
    const outer = tmp();
    const dir = path.join(outer, 'model');
    mkdirSync(dir);
    writeFileSync(path.join(outer, 'secret.bin'), Buffer.alloc(16));
    for (const location of ['../secret.bin', path.join(outer, 'secret.bin'), 'link.bin']) {
      const model = addModel();
      externalise(model, location);
      writeFileSync(path.join(dir, 'm.onnx'), encodeModel(model));
      if (location === 'link.bin') symlinkSync(path.join(outer, 'secret.bin'), path.join(dir, 'link.bin'));
      expect(() => loadModel(path.join(dir, 'm.onnx'))).toThrow(/tensor "w": external data location .*(escapes|absolute|links outside)/);
    }
  });

  it('inlines model-local functions, attribute references included', async () => {
    const model = addModel();
    const g = model.graph!;
    // y = Scale(x + w) with Scale(t) = t * alpha, alpha a function attribute referenced by a Constant.
    g.node[0].output[0] = 'sum';
    const call = makeNode('Scale', ['sum'], ['y'], {}, 'call', 'local');
    call.attribute.push(create(AttributeProtoSchema, { name: 'alpha', type: 1, f: 0.5 }));
    g.node.push(call);
    const ref = create(AttributeProtoSchema, { name: 'value_float', refAttrName: 'alpha', type: 1 });
    const constant = makeNode('Constant', [], ['a'], {});
    constant.attribute = [ref];
    model.functions.push(
      create(FunctionProtoSchema, {
        name: 'Scale',
        domain: 'local',
        input: ['t'],
        output: ['out'],
        attribute: ['alpha'],
        node: [constant, makeNode('Mul', ['t', 'a'], ['out'])],
        opsetImport: [create(OperatorSetIdProtoSchema, { domain: '', version: 17n })],
      }),
    );
    model.opsetImport.push(create(OperatorSetIdProtoSchema, { domain: 'local', version: 1n }));
    const dir = tmp();
    writeFileSync(path.join(dir, 'f.onnx'), encodeModel(model));
    const loaded = loadModel(path.join(dir, 'f.onnx'));
    expect(loaded.model.functions).toHaveLength(0);
    expect(loaded.model.graph!.node.map((n) => n.opType)).toEqual(['Add', 'Constant', 'Mul']);
    expect(await run(loaded.model, loaded.hash)).toEqual([5.5, 11, 16.5]);
  });
});

describe('metadata.json', () => {
  it('gives defaults when absent and fills partial files', () => {
    const dir = tmp();
    const meta = readModelMetadata(path.join(dir, 'cxr.onnx'));
    expect(meta.name).toBe('cxr');
    expect(meta.network_data_format.inputs).toEqual({});
    writeFileSync(
      path.join(dir, 'metadata.json'),
      JSON.stringify({ network_data_format: { inputs: { image: { range: [-1024, 1024] } }, outputs: { pred: { kind: 'multilabel-logits', classes: ['a', 'b'] } } }, extra: 1 }),
    );
    const full = readModelMetadata(path.join(dir, 'cxr.onnx'));
    expect(full.network_data_format.inputs.image).toMatchObject({ range: [-1024, 1024], channels: 1, intensity: { kind: 'minmax' }, mean: [0], std: [1] });
    expect(full.network_data_format.outputs.pred.kind).toBe('multilabel-logits');
    expect((full as Record<string, unknown>).extra).toBe(1);
  });

  it('names the invalid field', () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'metadata.json'), JSON.stringify({ network_data_format: { outputs: { y: { kind: 'banana' } } } }));
    expect(() => readModelMetadata(path.join(dir, 'm.onnx'))).toThrow(/field "network_data_format\.outputs\.y\.kind" is invalid/);
    writeFileSync(path.join(dir, 'metadata.json'), '{ nope');
    expect(() => readModelMetadata(path.join(dir, 'm.onnx'))).toThrow(/not valid JSON/);
  });
});
