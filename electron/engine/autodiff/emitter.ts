/** Appends backward/loss nodes and constants to a graph under fresh names. */
import type { NodeProto, TensorProto } from 'onnx-buf';
import { makeNode, makeTensor, type AttrValue } from '../onnx/builder';

/** Collects emitted nodes and initializers; names are `prefix/<op>_<n>`, unique within the model. */
export class Emitter {
  readonly nodes: NodeProto[] = [];
  readonly initializers: TensorProto[] = [];
  private counter = 0;
  private readonly shapes = new Map<string, string>();
  private readonly constants = new Map<string, string>();

  constructor(private readonly prefix = 'aegis_bw') {}

  /** A fresh tensor name. */
  fresh(hint: string): string {
    this.counter += 1;
    return `${this.prefix}/${hint}_${this.counter}`;
  }

  /** Emits one node with `count` fresh outputs. */
  emitN(opType: string, inputs: string[], count: number, attrs: Record<string, AttrValue | undefined> = {}): string[] {
    const outs = Array.from({ length: count }, () => this.fresh(opType));
    this.nodes.push(makeNode(opType, inputs, outs, attrs, this.fresh(`${opType}_node`)));
    return outs;
  }

  /** Emits one node with one fresh output. */
  emit(opType: string, inputs: string[], attrs: Record<string, AttrValue | undefined> = {}): string {
    return this.emitN(opType, inputs, 1, attrs)[0];
  }

  /** Emits a copy of `node` (op, domain, attributes) on other inputs; returns its first output. */
  emitCopy(node: NodeProto, inputs: string[]): string {
    const out = this.fresh(node.opType);
    const copy = makeNode(node.opType, inputs, [out], {}, this.fresh(`${node.opType}_node`), node.domain);
    copy.attribute = node.attribute;
    this.nodes.push(copy);
    return out;
  }

  private constant(key: string, make: (name: string) => TensorProto): string {
    let name = this.constants.get(key);
    if (!name) {
      name = this.fresh('const');
      this.initializers.push(make(name));
      this.constants.set(key, name);
    }
    return name;
  }

  /** float32 constant (deduplicated when small). */
  floats(values: ArrayLike<number>, dims: number[]): string {
    const data = Float32Array.from(values as ArrayLike<number>);
    const key = data.length <= 16 ? `f|${dims.join(',')}|${Array.from(data).join(',')}` : this.fresh('key');
    return this.constant(key, (name) => makeTensor(name, data, dims));
  }

  /** int64 1-D constant. */
  ints(values: number[]): string {
    return this.constant(`i|${values.join(',')}`, (name) => makeTensor(name, BigInt64Array.from(values.map(BigInt)), [values.length]));
  }

  /** float32 scalar constant. */
  scalar(x: number): string {
    return this.floats([x], []);
  }

  /** Shape(name), emitted once per tensor. */
  shapeOf(name: string): string {
    let s = this.shapes.get(name);
    if (!s) {
      s = this.emit('Shape', [name]);
      this.shapes.set(name, s);
    }
    return s;
  }

  /** Sums `grad` over the axes broadcast against a target of static shape `target` (named `targetName`). */
  reduceTo(grad: string, gradShape: number[], target: number[], targetName: string): string {
    if (gradShape.length === target.length && gradShape.every((d, i) => d === target[i])) return grad;
    const lead = gradShape.length - target.length;
    const axes: number[] = [];
    gradShape.forEach((d, i) => {
      const t = i < lead ? 1 : target[i - lead];
      if (t === 1 && d !== 1) axes.push(i);
    });
    const summed = axes.length ? this.emit('ReduceSum', [grad, this.ints(axes)], { keepdims: 1 }) : grad;
    return lead === 0 ? summed : this.emit('Reshape', [summed, this.shapeOf(targetName)]);
  }
}
