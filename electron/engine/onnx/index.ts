/**
 * Public API of engine/onnx: model I/O (ONNX 1.20 via onnx-buf), external data, function inlining,
 * a graph builder, metadata.json and onnxruntime sessions.
 */
export { decodeModel, encodeModel, hashBytes, loadModel, onnxOpset, type LoadedModel } from './model';
export { loadExternalData, resolveExternalPath } from './externalData';
export { inlineFunctions } from './inlineFunctions';
export { GraphBuilder, DataType, float, makeAttribute, makeModel, makeNode, makeTensor, makeValueInfo, type AttrValue, type Dim, type TensorData } from './builder';
export { attrFloat, attrInt, attrInts, attrString, attrTensor } from './attributes';
export { decodeTensor, type DecodedTensor } from './tensorValues';
export { readModelMetadata } from './metadata';
export { cachedSession, clearSessionCache, createSession, PROVIDER_ORDER, type ExecutionProvider, type ModelSession, type SessionOptions } from './session';
