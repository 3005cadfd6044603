/** Typed reads of NodeProto attributes with defaults. */
import type { AttributeProto, NodeProto, TensorProto } from 'onnx-buf';

function find(node: NodeProto, name: string): AttributeProto | undefined {
  return node.attribute.find((a) => a.name === name);
}

/** INT attribute as a number, or `fallback`. */
export function attrInt(node: NodeProto, name: string, fallback: number): number {
  const a = find(node, name);
  return a ? Number(a.i) : fallback;
}

/** INTS attribute as numbers, or `fallback` (undefined when absent and no fallback). */
export function attrInts(node: NodeProto, name: string): number[] | undefined;
export function attrInts(node: NodeProto, name: string, fallback: number[]): number[];
export function attrInts(node: NodeProto, name: string, fallback?: number[]): number[] | undefined {
  const a = find(node, name);
  return a ? a.ints.map(Number) : fallback;
}

/** FLOAT attribute, or `fallback`. */
export function attrFloat(node: NodeProto, name: string, fallback: number): number {
  const a = find(node, name);
  return a ? a.f : fallback;
}

/** STRING attribute decoded as UTF-8, or `fallback`. */
export function attrString(node: NodeProto, name: string, fallback: string): string {
  const a = find(node, name);
  return a ? new TextDecoder().decode(a.s) : fallback;
}

/** TENSOR attribute, if present. */
export function attrTensor(node: NodeProto, name: string): TensorProto | undefined {
  return find(node, name)?.t;
}
