/**
 * A small ONNX graph builder: nodes, attributes, initializers, value infos and models, used by the
 * gradient compiler and by tests and helpers that build models in TypeScript.
 */
import { create } from '@bufbuild/protobuf';
import {
  AttributeProtoSchema,
  AttributeProto_AttributeType as AttrType,
  GraphProtoSchema,
  ModelProtoSchema,
  NodeProtoSchema,
  OperatorSetIdProtoSchema,
  TensorProtoSchema,
  TensorProto_DataType as DataType,
  TypeProtoSchema,
  TypeProto_TensorSchema,
  TensorShapeProtoSchema,
  TensorShapeProto_DimensionSchema,
  ValueInfoProtoSchema,
  type AttributeProto,
  type ModelProto,
  type NodeProto,
  type TensorProto,
  type ValueInfoProto,
} from 'onnx-buf';

export { DataType };

/** Marks a number as a FLOAT attribute even when it is integral (e.g. `alpha: float(1)`). */
export interface FloatAttr {
  float: number;
}
/** Marks a list as FLOATS. */
export interface FloatsAttr {
  floats: number[];
}
/** Attribute value accepted by {@link makeNode}. Integral numbers are INT unless the name is a known float attribute. */
export type AttrValue = number | bigint | string | number[] | bigint[] | TensorProto | FloatAttr | FloatsAttr;

/** Attribute names that the ONNX standard types as FLOAT/FLOATS, so integral values stay floats. */
const FLOAT_NAMES = new Set([
  'alpha', 'beta', 'gamma', 'epsilon', 'bias', 'lambd', 'ratio', 'extrapolation_value',
  'cubic_coeff_a', 'momentum', 'spatial_scale', 'scales', 'value_float', 'value_floats', 'min', 'max',
]);

/** `float(x)` wraps a number so it is written as a FLOAT attribute. */
export function float(x: number): FloatAttr {
  return { float: x };
}

/** Builds one AttributeProto from a JS value. */
export function makeAttribute(name: string, value: AttrValue): AttributeProto {
  const a = create(AttributeProtoSchema, { name });
  if (typeof value === 'string') {
    a.type = AttrType.STRING;
    a.s = new TextEncoder().encode(value);
  } else if (typeof value === 'bigint') {
    a.type = AttrType.INT;
    a.i = value;
  } else if (typeof value === 'number') {
    if (FLOAT_NAMES.has(name) || !Number.isInteger(value)) {
      a.type = AttrType.FLOAT;
      a.f = value;
    } else {
      a.type = AttrType.INT;
      a.i = BigInt(value);
    }
  } else if (Array.isArray(value)) {
    const floats = FLOAT_NAMES.has(name) || value.some((v) => typeof v === 'number' && !Number.isInteger(v));
    if (floats) {
      a.type = AttrType.FLOATS;
      a.floats = value.map(Number);
    } else {
      a.type = AttrType.INTS;
      a.ints = value.map((v) => BigInt(v));
    }
  } else if ('float' in value) {
    a.type = AttrType.FLOAT;
    a.f = value.float;
  } else if ('floats' in value && Array.isArray(value.floats)) {
    a.type = AttrType.FLOATS;
    a.floats = value.floats;
  } else {
    a.type = AttrType.TENSOR;
    a.t = value as TensorProto;
  }
  return a;
}

/** Builds a NodeProto (domain "" = ai.onnx). */
export function makeNode(
  opType: string,
  inputs: string[],
  outputs: string[],
  attrs: Record<string, AttrValue | undefined> = {},
  name = '',
  domain = '',
): NodeProto {
  const attribute = Object.entries(attrs)
    .filter((e): e is [string, AttrValue] => e[1] !== undefined)
    .map(([k, v]) => makeAttribute(k, v));
  return create(NodeProtoSchema, { opType, input: inputs, output: outputs, attribute, name, domain });
}

/** Typed arrays accepted as tensor data. */
export type TensorData = Float32Array | Float64Array | BigInt64Array | Int32Array | Uint8Array;

function dataTypeOf(data: TensorData): DataType {
  if (data instanceof Float32Array) return DataType.FLOAT;
  if (data instanceof Float64Array) return DataType.DOUBLE;
  if (data instanceof BigInt64Array) return DataType.INT64;
  if (data instanceof Int32Array) return DataType.INT32;
  return DataType.BOOL;
}

/** Builds a TensorProto holding `data` (little-endian raw_data) with the given dims. */
export function makeTensor(name: string, data: TensorData, dims: readonly number[]): TensorProto {
  const count = dims.reduce((a, b) => a * b, 1);
  if (count !== data.length) {
    throw new Error(`tensor "${name}": ${data.length} values do not fill dims [${dims.join(', ')}]`);
  }
  const bytes = new Uint8Array(data.byteLength);
  bytes.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  return create(TensorProtoSchema, {
    name,
    dims: dims.map((d) => BigInt(d)),
    dataType: dataTypeOf(data),
    rawData: bytes,
  });
}

/** A dimension: a fixed size, or a symbolic name such as "N" for a dynamic batch. */
export type Dim = number | string;

/** Builds a tensor ValueInfoProto; `dims` undefined leaves the shape unknown. */
export function makeValueInfo(name: string, elemType: DataType, dims?: readonly Dim[]): ValueInfoProto {
  const shape = dims
    ? create(TensorShapeProtoSchema, {
        dim: dims.map((d) =>
          create(TensorShapeProto_DimensionSchema, {
            value: typeof d === 'number' ? { case: 'dimValue', value: BigInt(d) } : { case: 'dimParam', value: d },
          }),
        ),
      })
    : undefined;
  const tensorType = create(TypeProto_TensorSchema, { elemType, shape });
  return create(ValueInfoProtoSchema, {
    name,
    type: create(TypeProtoSchema, { value: { case: 'tensorType', value: tensorType } }),
  });
}

/** Options of {@link makeModel}. */
export interface ModelOptions {
  /** ai.onnx opset version (default 17). */
  opset?: number;
  /** Graph name (default "aegis"). */
  name?: string;
}

/** Wraps nodes, initializers and value infos into a ModelProto (IR version 8). */
export function makeModel(
  parts: { nodes: NodeProto[]; inputs: ValueInfoProto[]; outputs: ValueInfoProto[]; initializers?: TensorProto[] },
  options: ModelOptions = {},
): ModelProto {
  const graph = create(GraphProtoSchema, {
    name: options.name ?? 'aegis',
    node: parts.nodes,
    input: parts.inputs,
    output: parts.outputs,
    initializer: parts.initializers ?? [],
  });
  return create(ModelProtoSchema, {
    irVersion: 8n,
    producerName: 'aegis',
    graph,
    opsetImport: [create(OperatorSetIdProtoSchema, { domain: '', version: BigInt(options.opset ?? 17) })],
  });
}

/**
 * Incremental builder: `b.input(...)`, `b.op('Conv', [x, w], {...})` returning the output name,
 * `b.init(...)` for float weights, then `b.build()`.
 */
export class GraphBuilder {
  readonly nodes: NodeProto[] = [];
  readonly inputs: ValueInfoProto[] = [];
  readonly outputs: ValueInfoProto[] = [];
  readonly initializers: TensorProto[] = [];
  private counter = 0;

  constructor(private readonly prefix = 't') {}

  /** A fresh tensor name. */
  fresh(hint = this.prefix): string {
    this.counter += 1;
    return `${hint}_${this.counter}`;
  }

  /** Declares a graph input (float32 unless told). */
  input(name: string, dims: readonly Dim[], elemType: DataType = DataType.FLOAT): string {
    this.inputs.push(makeValueInfo(name, elemType, dims));
    return name;
  }

  /** Declares a graph output; shape and type are optional (float32 by default). */
  output(name: string, dims?: readonly Dim[], elemType: DataType = DataType.FLOAT): void {
    this.outputs.push(makeValueInfo(name, elemType, dims));
  }

  /** Adds an initializer and returns its name. */
  init(name: string, data: TensorData, dims: readonly number[]): string {
    this.initializers.push(makeTensor(name, data, dims));
    return name;
  }

  /** Adds a node with one output; returns the output name. */
  op(opType: string, inputs: string[], attrs: Record<string, AttrValue | undefined> = {}, output?: string): string {
    const out = output ?? this.fresh(opType.toLowerCase());
    this.nodes.push(makeNode(opType, inputs, [out], attrs, `${opType}_${this.nodes.length}`));
    return out;
  }

  /** Adds a node with several outputs; returns their names. */
  opN(opType: string, inputs: string[], count: number, attrs: Record<string, AttrValue | undefined> = {}): string[] {
    const outs = Array.from({ length: count }, () => this.fresh(opType.toLowerCase()));
    this.nodes.push(makeNode(opType, inputs, outs, attrs, `${opType}_${this.nodes.length}`));
    return outs;
  }

  /** Returns the ModelProto. */
  build(options: ModelOptions = {}): ModelProto {
    return makeModel(
      { nodes: this.nodes, inputs: this.inputs, outputs: this.outputs, initializers: this.initializers },
      options,
    );
  }
}
