/** The per-op gradient rule interface (ORT's gradient-builder structure in standard ONNX ops). */
import type { NodeProto } from 'onnx-buf';
import type { AttrValue } from '../onnx/builder';

/** What a rule sees of one forward node and what it may emit (all emitted names are fresh). */
export interface GradContext {
  /** The forward node (after any {@link GradRule.rewrite}). */
  readonly node: NodeProto;
  /** ai.onnx opset of the model. */
  readonly opset: number;
  /** What the rule's {@link GradRule.prepare} resolved to for this node (undefined without one). */
  readonly prepared: unknown;
  /** Name of forward input i ('' when absent). */
  I(i: number): string;
  /** Name of forward output i. */
  O(i: number): string;
  /** Gradient flowing into output i, or undefined when none does. */
  GO(i: number): string | undefined;
  /** Whether input i needs a gradient. */
  needs(i: number): boolean;
  /** Static shape of a forward tensor from the compile-time probe (batch dimension at probe size). */
  shape(name: string): number[];
  /** Constant value of a forward tensor (initializer, Constant, or a small probed tensor), if known. */
  value(name: string): Float64Array | undefined;
  /** Emits a node with one output; returns its name. */
  emit(opType: string, inputs: string[], attrs?: Record<string, AttrValue | undefined>): string;
  /** Emits a node with `count` outputs; returns their names. */
  emitN(opType: string, inputs: string[], count: number, attrs?: Record<string, AttrValue | undefined>): string[];
  /** Emits the forward node's op again, with its attributes, on other inputs; returns output 0. */
  again(inputs: string[]): string;
  /** A float32 constant (initializer) with the given dims. */
  floats(values: ArrayLike<number>, dims: number[]): string;
  /** An int64 1-D constant. */
  ints(values: number[]): string;
  /** A float32 scalar constant. */
  scalar(x: number): string;
  /** Shape(name) as an int64 tensor (emitted once per name). */
  shapeOf(name: string): string;
  /**
   * Sums `grad` (static shape `gradShape`) over the axes broadcast against `target`, returning a
   * tensor shaped like `target` (NumPy broadcasting; ORT's HandleBroadcasting).
   */
  reduceTo(grad: string, gradShape: number[], target: string): string;
}

/** A gradient rule: returns one gradient name (or undefined) per forward input. */
export interface GradRule {
  /** Emits gradient nodes; entries for inputs that do not need a gradient may be undefined. */
  grad(ctx: GradContext): (string | undefined)[];
  /**
   * Optional change to the forward node before compilation, e.g. asking MaxPool for its Indices
   * output; `fresh` returns a new tensor name.
   */
  rewrite?(node: NodeProto, fresh: (hint: string) => string): void;
  /**
   * Optional compile-time work that needs onnxruntime (e.g. Resize matrices taken from ORT's own
   * Resize), run after the shape probe; `shape`/`value` are the probe's.
   */
  prepare?(node: NodeProto, probe: ProbeView): Promise<unknown>;
}

/** The compile-time probe as rules see it. */
export interface ProbeView {
  shape(name: string): number[];
  value(name: string): Float64Array | undefined;
  opset: number;
}
