/**
 * Job kind 'model.describe': reads an ONNX model (external data included) and describes it without
 * running it — content hash, inputs and outputs, opset, and whether the gradient compiler can
 * differentiate it (the ops that stop it). Runs in the engine so a large model never blocks the back
 * end's event loop; the back end caches the answer per file (electron/services/lab/modelCatalog).
 */
import { defineJob } from './defineJob';

/** The 'model.describe' job kind; payload and result: `JOB_KINDS['model.describe']` in electron/shared/jobKinds. */
export const modelDescribeJob = defineJob('model.describe', async ({ model }, { progress }) => {
  progress(0, 'Reading the model');
  const [{ decodeModel, loadModel }, { describeModel }, { readFileSync }, { TensorProto_DataLocation }] = await Promise.all([
    import('../onnx/index'),
    import('../autodiff/index'),
    import('node:fs'),
    import('onnx-buf'),
  ]);
  const loaded = loadModel(model);
  // loadModel folds external data in; the raw file still names where it came from.
  const raw = decodeModel(readFileSync(model), model).graph;
  const external = new Set<string>();
  for (const t of [...(raw?.initializer ?? []), ...(raw?.node ?? []).flatMap((n) => n.attribute.flatMap((a) => (a.t ? [a.t] : [])))]) {
    const location = t.dataLocation === TensorProto_DataLocation.EXTERNAL ? t.externalData.find((e) => e.key === 'location')?.value : undefined;
    if (location) external.add(location);
  }
  progress(0.5, 'Checking which ops can be differentiated');
  const d = describeModel(loaded.model);
  progress(0.8, 'Test-loading the model in onnxruntime');
  await testLoad(loaded.model);
  return {
    hash: loaded.hash,
    inputs: d.inputs,
    outputs: d.outputs,
    opset: d.opset,
    differentiable: d.differentiable,
    unsupportedOps: d.unsupportedOps,
    gradientOutput: d.gradientOutput ?? null,
    gradientOutputReason: d.gradientOutputReason ?? null,
    externalFiles: [...external].sort(),
  };
});

/**
 * Creates (and releases) a CPU onnxruntime session for the model, so a model onnxruntime cannot load
 * is refused when it is imported rather than at its first prediction (issue #13). Runs inside the
 * describe job, so the engine host's job timeout bounds it.
 */
async function testLoad(model: import('onnx-buf').ModelProto): Promise<void> {
  const [{ encodeModel }, { createSession }] = await Promise.all([import('../onnx/index'), import('../onnx/session')]);
  let session: Awaited<ReturnType<typeof createSession>>;
  try {
    session = await createSession(encodeModel(model), { providers: ['cpu'] });
  } catch (err) {
    const reason = (err instanceof Error ? err.message : String(err)).replace(/^onnxruntime could not load the model: /, '').split('\n')[0]!;
    throw new Error(`onnxruntime cannot load this model, so Aegis cannot run it (${reason.slice(0, 300)})`, { cause: err });
  }
  await session.session.release();
}
