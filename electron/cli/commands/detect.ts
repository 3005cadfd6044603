/**
 * `aegis detect --model MODEL --calibration DIR IMAGE`: adversarial-suspicion scores of one image
 * against a clean calibration, with the image-level defences re-scored beside them.
 */
import { detectSuspicion, suspicionResult } from '../../engine/actions/detectSuspicion';
import { bitDepthReduce } from '../../engine/defenses/bitDepth';
import { jpegRecompress } from '../../engine/defenses/jpegRecompress';
import { medianFilter } from '../../engine/defenses/medianFilter';
import type { PlanarImage } from '../../engine/defenses/planarImage';
import { tvDenoise } from '../../engine/defenses/tvDenoise';
import { calibrateDetectors } from '../../engine/detect/calibrateDetectors';
import { saveCalibration } from '../../engine/detect/calibrationStore';
import { listImageFiles, openDetectionCase, openDetectionSession, type DetectionSession } from '../../engine/detect/detectionSession';
import { writeNpy } from '../../engine/io/npy';
import { UsageError, type Command } from '../command';
import { parseCommandArgs } from '../args';

/** The image-level defences of the issue, with the settings used here. */
const DEFENCES: { name: string; apply: (im: PlanarImage) => PlanarImage }[] = [
  { name: 'median 3×3', apply: (im) => medianFilter(im, 3) },
  { name: 'bit depth 5', apply: (im) => bitDepthReduce(im, 5) },
  { name: 'JPEG q75', apply: (im) => (im.channels === 1 || im.channels === 3 ? jpegRecompress(im, 75) : im) },
  { name: 'TV λ0.05', apply: (im) => tvDenoise(im, { weight: 0.05 }) },
];

const fmt = (v: number): string => (Number.isFinite(v) ? Number(v.toPrecision(4)).toString() : String(v));

/** Calibrates the session's model on every image of `cleanDir` and saves the record in `calDir`. */
export async function calibrateFolder(session: DetectionSession, cleanDir: string, calDir: string, fpr: number, log: (s: string) => void): Promise<void> {
  const files = listImageFiles(cleanDir);
  const images = [];
  for (const f of files) images.push((await openDetectionCase(session, f)).item);
  const { record } = await calibrateDetectors({
    target: session.target,
    images,
    modelHash: session.loaded.hash,
    fpr,
    onProgress: (done, total) => done % 10 === 0 && log(`calibrating: ${done}/${total} images`),
  });
  const path = saveCalibration(calDir, record);
  log(`calibration of ${images.length} clean images written to ${path}`);
}

export const detect: Command = {
  usage: [
    'Usage: aegis detect --model MODEL.onnx --calibration DIR IMAGE [--calibrate CLEAN_DIR] [--fpr F]',
    '                    [--heatmap OUT.npy] [--json]',
    '',
    'Scores IMAGE (.dcm, .png, or .npy model input) with every calibrated detector: feature squeezing,',
    'Mahalanobis per layer, PaDiM, kernel density, LID, and the model-free noise residual. Each score is',
    'read as its rarity among the calibration\'s clean images (−log₁₀ of the clean tail probability);',
    'the combined score is flagged when above the threshold set for the calibration\'s false-positive',
    'rate. The cheap image-level defences (median, bit depth, JPEG, TV) are applied and re-scored.',
    '',
    'Options:',
    '  --calibration DIR      folder holding calibration.json (made with --calibrate or detect-eval)',
    '  --calibrate CLEAN_DIR  (re)calibrate first on every clean image of CLEAN_DIR, saving to DIR',
    '  --fpr F                false-positive rate for a new calibration (default 0.05)',
    '  --heatmap OUT.npy      write the suspicion heatmap (float32, image rows × columns, image-aligned)',
    '  --heatmap-kind K       noise-residual (default: the better localiser on the demo model, pixel',
    '                         AUROC ≈ 0.97 on localised PGD) or padim',
    '  --json                 print one JSON object',
  ].join('\n'),
  async run(argv) {
    const parsed = parseCommandArgs('detect', argv, {
      model: { type: 'string' },
      calibration: { type: 'string' },
      calibrate: { type: 'string' },
      fpr: { type: 'string' },
      heatmap: { type: 'string' },
      'heatmap-kind': { type: 'string' },
      json: { type: 'boolean' },
    });
    const v = parsed.values;
    const [imagePath, ...extra] = parsed.positionals;
    if (!v.model) throw new UsageError('--model MODEL.onnx is required');
    if (!v.calibration) throw new UsageError('--calibration DIR is required (make one with --calibrate CLEAN_DIR)');
    if (!imagePath || extra.length) throw new UsageError('give exactly one image: aegis detect --model MODEL --calibration DIR IMAGE');
    const fpr = v.fpr === undefined ? 0.05 : Number(v.fpr);
    if (!(fpr > 0 && fpr < 1)) throw new UsageError(`--fpr must be a fraction between 0 and 1, not "${v.fpr}"`);
    if (v.heatmap && !v.heatmap.toLowerCase().endsWith('.npy')) throw new UsageError('--heatmap must name a .npy file');
    const heatmapKind = v['heatmap-kind'] ?? 'noise-residual';
    if (heatmapKind !== 'noise-residual' && heatmapKind !== 'padim') throw new UsageError(`--heatmap-kind must be noise-residual or padim, not "${heatmapKind}"`);
    const log = (s: string) => (v.json ? console.error(s) : console.log(s));

    const session = await openDetectionSession(v.model);
    try {
      if (v.calibrate) await calibrateFolder(session, v.calibrate, v.calibration, fpr, log);
      const outcome = await detectSuspicion(session, v.calibration, imagePath);
      const { record, image: c, detection: r } = outcome;
      const classes = Object.values(session.metadata.network_data_format.outputs)[0]?.classes ?? [];
      const defences = [];
      for (const d of DEFENCES) {
        const defended = d.apply(c.item.image);
        const batch = await session.target.features.run([c.item.toModelInput(defended)]);
        const p = session.target.probabilities(batch.outputs[0]);
        let k = 0;
        for (let j = 1; j < p.length; j++) if (p[j] > p[k]) k = j;
        defences.push({ defence: d.name, decision: k, probabilities: Array.from(p), decisionChanged: k !== r.predicted });
      }
      if (heatmapKind === 'padim' && !r.maps.padim) throw new UsageError('this model has no spatial feature layer, so no PaDiM map; use --heatmap-kind noise-residual', 1);
      const scored = suspicionResult(outcome, heatmapKind);
      if (v.heatmap) await writeNpy(v.heatmap, { data: scored.heatmap.data, shape: [scored.heatmap.height, scored.heatmap.width] });
      const result = {
        model: v.model,
        image: imagePath,
        decision: scored.decision,
        className: classes[scored.decision] ?? null,
        probabilities: scored.probabilities,
        suspicion: { combined: scored.combined, threshold: scored.threshold, fpr: scored.fpr, flagged: scored.flagged },
        detectors: scored.detectors,
        values: r.values,
        calibration: { dir: v.calibration, images: record.imageCount, createdAt: record.createdAt, modelHash: record.modelHash, referenceImages: Object.values(record.suspicion.referenceScores)[0]?.length ?? 0 },
        defences,
        heatmap: v.heatmap ? { path: v.heatmap, kind: heatmapKind } : null,
      };
      if (v.json) {
        console.log(JSON.stringify(result, null, 2));
        return 0;
      }
      const probs = result.probabilities.map((p, i) => `${classes[i] ?? i} ${fmt(p)}`).join(', ');
      console.log(`${imagePath}: decision ${result.className ?? r.predicted} (${probs})`);
      console.log(`suspicion ${fmt(r.combined)} (threshold ${fmt(r.threshold)} for ${fmt(100 * r.fpr)} % FPR): ${r.flagged ? 'FLAGGED — may be manipulated' : 'not flagged'}`);
      console.log(`  calibration: ${record.imageCount} clean images, ${result.calibration.referenceImages} as reference, ${record.createdAt}`);
      for (const [name, s] of Object.entries(r.detectors)) console.log(`  ${name.padEnd(15)} ${fmt(s)}`);
      console.log('defences (decision after re-scoring):');
      for (const d of defences) console.log(`  ${d.defence.padEnd(12)} ${classes[d.decision] ?? d.decision}${d.decisionChanged ? '  (changes the call)' : ''}`);
      if (v.heatmap) console.log(`heatmap (${result.heatmap!.kind}) written to ${v.heatmap}`);
      return 0;
    } finally {
      await session.release();
    }
  },
};
