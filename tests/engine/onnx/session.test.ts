import { describe, expect, it } from 'vitest';
import { createSession, encodeModel, GraphBuilder } from '../../../electron/engine/onnx';

describe('execution providers', () => {
  it('falls back provider by provider to cpu and reports what it skipped', async () => {
    const b = new GraphBuilder();
    b.input('x', [1, 2]);
    b.op('Relu', ['x'], {}, 'y');
    b.output('y');
    const bytes = encodeModel(b.build());
    const unavailable = process.platform === 'darwin' ? 'dml' : 'coreml';
    const s = await createSession(bytes, { providers: [unavailable] });
    expect(s.provider).toBe('cpu');
    expect(s.skipped.map((k) => k.provider)).toEqual([unavailable]);
    expect(s.skipped[0].reason.length).toBeGreaterThan(0);
    await s.session.release();
  });

  it('explains a model onnxruntime cannot load', async () => {
    const b = new GraphBuilder();
    b.input('x', [1, 2]);
    b.op('NoSuchOp', ['x'], {}, 'y');
    b.output('y');
    await expect(createSession(encodeModel(b.build()), { providers: ['cpu'] })).rejects.toThrow(/onnxruntime could not load the model: .*NoSuchOp/);
  });
});
