/** Builds the {@link GradContext} a rule sees for one forward node. */
import type { NodeProto } from 'onnx-buf';
import type { Emitter } from './emitter';
import type { GradContext, ProbeView } from './rule';

/** A context over `node`; `outGrads[i]` is the summed gradient of output i (or undefined). */
export function makeContext(
  node: NodeProto,
  e: Emitter,
  probe: ProbeView,
  prepared: unknown,
  outGrads: (string | undefined)[],
  requiresGrad: (tensor: string) => boolean,
): GradContext {
  return {
    node,
    opset: probe.opset,
    prepared,
    I: (i) => node.input[i] ?? '',
    O: (i) => node.output[i] ?? '',
    GO: (i) => outGrads[i],
    needs: (i) => Boolean(node.input[i]) && requiresGrad(node.input[i]),
    shape: (name) => probe.shape(name),
    value: (name) => probe.value(name),
    emit: (op, inputs, attrs) => e.emit(op, inputs, attrs),
    emitN: (op, inputs, count, attrs) => e.emitN(op, inputs, count, attrs),
    again: (inputs) => e.emitCopy(node, inputs),
    floats: (values, dims) => e.floats(values, dims),
    ints: (values) => e.ints(values),
    scalar: (x) => e.scalar(x),
    shapeOf: (name) => e.shapeOf(name),
    reduceTo: (grad, gradShape, target) => e.reduceTo(grad, gradShape, probe.shape(target), target),
  };
}
