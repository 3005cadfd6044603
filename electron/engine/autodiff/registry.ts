/** Gradient rules keyed by op type (ai.onnx domain), one file per op family under ops/. */
import type { NodeProto } from 'onnx-buf';
import { activationRules } from './ops/activation';
import { convRules } from './ops/conv';
import { elementwiseRules } from './ops/elementwise';
import { matmulRules } from './ops/matmul';
import { normRules } from './ops/norm';
import { poolRules } from './ops/pool';
import { reduceRules } from './ops/reduce';
import { resizeRules } from './ops/resize';
import { selectRules } from './ops/select';
import { shapeRules } from './ops/shape';
import type { GradRule } from './rule';

const RULES: Map<string, GradRule> = new Map(
  Object.entries({
    ...activationRules,
    ...convRules,
    ...elementwiseRules,
    ...matmulRules,
    ...normRules,
    ...poolRules,
    ...reduceRules,
    ...resizeRules,
    ...selectRules,
    ...shapeRules,
  }),
);

/** The rule for a node, if its op is supported. */
export function ruleFor(node: NodeProto): GradRule | undefined {
  if (node.domain !== '' && node.domain !== 'ai.onnx') return undefined;
  return RULES.get(node.opType);
}

/** Whether a node's op has a gradient rule. */
export function hasRule(node: NodeProto): boolean {
  return ruleFor(node) !== undefined;
}

/** Every op type (ai.onnx) the compiler differentiates, sorted. */
export function supportedOps(): string[] {
  return [...RULES.keys()].sort();
}
