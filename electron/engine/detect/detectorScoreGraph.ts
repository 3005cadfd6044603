import type { ModelProto } from 'onnx-buf';
import { DataType, decodeModel, encodeModel, makeNode, makeTensor, makeValueInfo } from '../onnx';
import { cholesky, choleskyInverse } from '../stats/cholesky';
import type { CalibrationRecord } from './calibrationRecord';

/** Name of the differentiable detector-score output added by {@link detectorScoreModel}. */
export const DETECTOR_SCORE_OUTPUT = 'aegis_detector_score';

/**
 * The model extended with a differentiable feature-space detector score [N, 1], for adaptive
 * attacks (Yao et al. 2021 constrain the features the same way): per calibrated Mahalanobis layer,
 * the pooled features f, per class q_c = (f − μ_c)ᵀ Σ⁻¹ (f − μ_c) / p, then a soft minimum over
 * classes, −log Σ_c exp(−q_c), computed stably as q₀ + LogSoftmax(−q)₀, averaged over layers.
 * Only standard ops the gradient compiler differentiates are used.
 *
 * @param spatialLayers layers whose activations are 4-D (pooled with GlobalAveragePool first)
 */
export function detectorScoreModel(model: ModelProto, record: CalibrationRecord, spatialLayers: string[]): ModelProto {
  if (record.mahalanobis.length === 0) throw new Error('Adaptive attack: the calibration has no Mahalanobis layer to constrain.');
  const ext = decodeModel(encodeModel(model));
  const g = ext.graph!;
  let n = 0;
  const name = (hint: string) => `aegis_det_${hint}_${n++}`;
  const node = (op: string, inputs: string[], attrs: Record<string, number | number[]> = {}) => {
    const out = name(op.toLowerCase());
    g.node.push(makeNode(op, inputs, [out], attrs, out));
    return out;
  };
  const init = (hint: string, data: Float32Array | BigInt64Array, dims: number[]) => {
    const t = name(hint);
    g.initializer.push(makeTensor(t, data, dims));
    return t;
  };
  const axis1 = init('axis1', BigInt64Array.from([1n]), [1]);
  const layerScores: string[] = [];
  for (const m of record.mahalanobis) {
    const f = spatialLayers.includes(m.layer) ? node('Flatten', [node('GlobalAveragePool', [m.layer])], { axis: 1 }) : m.layer;
    const precision = choleskyInverse(cholesky(m.covariance, m.dim, `covariance of ${m.layer}`), m.dim);
    const p = init('precision', Float32Array.from(precision), [m.dim, m.dim]);
    const scale = init('inv_dim', Float32Array.from([1 / m.dim]), []);
    const perClass = m.means
      .filter((mu) => mu.length > 0)
      .map((mu) => {
        const diff = node('Sub', [f, init('mean', Float32Array.from(mu), [m.dim])]);
        const quad = node('ReduceSum', [node('Mul', [node('MatMul', [diff, p]), diff]), axis1], { keepdims: 1 });
        return node('Mul', [quad, scale]);
      });
    const q = perClass.length === 1 ? perClass[0] : node('Concat', perClass, { axis: 1 });
    const softmin =
      perClass.length === 1
        ? q
        : node('Add', [perClass[0], node('Slice', [node('LogSoftmax', [node('Neg', [q])], { axis: 1 }), init('start', BigInt64Array.from([0n]), [1]), init('end', BigInt64Array.from([1n]), [1]), axis1])]);
    layerScores.push(softmin);
  }
  const total = layerScores.length === 1 ? layerScores[0] : node('Sum', layerScores);
  g.node.push(makeNode('Mul', [total, init('inv_layers', Float32Array.from([1 / layerScores.length]), [])], [DETECTOR_SCORE_OUTPUT], {}, DETECTOR_SCORE_OUTPUT));
  g.output.push(makeValueInfo(DETECTOR_SCORE_OUTPUT, DataType.FLOAT, ['N', 1]));
  return ext;
}
