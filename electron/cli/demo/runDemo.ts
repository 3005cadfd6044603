/**
 * `aegis demo --out DIR`, headless: writes the demo study, predicts every image with the demo
 * classifier through the product's own path (DICOM → pixel pipeline → onnxruntime), runs PGD on the
 * first few images (present and absent alternate) in stored-pixel space, exports the attacked images as derived DICOM and
 * writes a self-contained HTML summary and summary.json. DIR/study and DIR/derived are rewritten.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { writeAttackedDicom } from '../../engine/actions/derivedImage';
import { probabilities } from '../../engine/attacks/goal';
import { openImageTask } from '../../engine/attacks/imageTask';
import { runAttack } from '../../engine/attacks/runAttack';
import { DEFAULT_ATTACK_ID } from '../../shared/attackCatalogue';
import { rocAuc } from '../../engine/stats/rocAuc';
import { bundledModelsDir } from '../../services/lab/bundledModelsDir';
import { generateDemoStudy } from '../../engine/phantoms/generateDemoStudy';
import { demoHtml, type DemoAttack, type DemoRow } from './demoHtml';

/** Options of {@link runDemo}. */
export interface DemoOptions {
  /** The classifier to demonstrate (default: the committed demo classifier). */
  model?: string;
  /** How many images to attack, from the first (default 4: two with a nodule, two without). */
  attacks?: number;
  /** L∞ budget in normalised display units (default 0.02 = 2 % of the window). */
  eps?: number;
  /** PGD iterations (default 20). */
  steps?: number;
  seed?: number;
  log?: (line: string) => void;
}

/** Default model path: the committed demo classifier. */
export const DEMO_CLASSIFIER = join(bundledModelsDir(), 'demo-nodule-classifier', 'model.onnx');

/** Runs the demo into `outDir`; returns the summary paths. */
export async function runDemo(outDir: string, o: DemoOptions = {}): Promise<{ html: string; json: string; derived: string[] }> {
  const start = performance.now();
  const log = o.log ?? (() => {});
  const model = o.model ?? DEMO_CLASSIFIER;
  const eps = o.eps ?? 0.02;
  const studyDir = join(outDir, 'study');
  const derivedDir = join(outDir, 'derived');
  // The derived writer never replaces a file, so a re-run starts from an empty derived/ folder.
  rmSync(derivedDir, { recursive: true, force: true });
  mkdirSync(derivedDir, { recursive: true });
  const images = generateDemoStudy(studyDir);
  log(`demo study: ${images.length} phantom images in ${studyDir}`);
  const rows: DemoRow[] = [];
  const attacks: DemoAttack[] = [];
  let derivedSeries: string | undefined;
  for (const im of images) {
    const path = join(studyDir, im.file);
    const task = await openImageTask(model, path);
    try {
      const logits = await task.objective.predict(task.modelInputs[0]);
      const probability = probabilities(logits, task.objective.outputShape)[1];
      rows.push({ file: im.file, nodulePresent: im.nodulePresent, probability });
      log(`${im.file}: nodule ${im.nodulePresent ? 'present' : 'absent'}, P(nodule) ${probability.toFixed(3)}`);
      if (attacks.length < (o.attacks ?? 4)) {
        const report = await runAttack(task.objective, task.spaces[0], { method: DEFAULT_ATTACK_ID, eps, norm: 'linf', steps: o.steps ?? 20, seed: (o.seed ?? 1) + attacks.length });
        const fileName = im.file.replace(/[\\/]/g, '_').replace(/\.dcm$/, `_${DEFAULT_ATTACK_ID}.dcm`);
        const written = await writeAttackedDicom(task, report, derivedDir, task.metadata.name, { seriesInstanceUid: derivedSeries, fileName });
        derivedSeries = written.seriesInstanceUid;
        attacks.push({
          file: im.file,
          derivedFile: relative(outDir, written.path),
          eps,
          before: report.before.probabilities[1],
          after: report.after.probabilities[1],
          success: report.success,
          linfStored: report.metrics.stored.linf,
          ssim: report.metrics.ssim,
          psnr: report.metrics.psnr,
          original: task.image.values,
          attacked: report.stored,
        });
        log(`  ${report.method.toUpperCase()} eps ${eps}: P(nodule) ${report.before.probabilities[1].toFixed(3)} → ${report.after.probabilities[1].toFixed(3)}, written ${written.path}`);
      }
    } finally {
      await task.objective.release();
    }
  }
  const pos = rows.filter((r) => r.nodulePresent).map((r) => r.probability);
  const neg = rows.filter((r) => !r.nodulePresent).map((r) => r.probability);
  const auc = rocAuc(neg, pos);
  const accuracy = rows.filter((r) => (r.probability > 0.5) === r.nodulePresent).length / rows.length;
  const seconds = (performance.now() - start) / 1000;
  const html = join(outDir, 'summary.html');
  const json = join(outDir, 'summary.json');
  writeFileSync(html, demoHtml(rows, attacks, { model, auc, accuracy, seconds }));
  const attackJson = attacks.map((a) => ({ file: a.file, derivedFile: a.derivedFile, eps: a.eps, before: a.before, after: a.after, success: a.success, linfStored: a.linfStored, ssim: a.ssim, psnr: a.psnr }));
  writeFileSync(json, JSON.stringify({ model, auc, accuracy, seconds, images: rows, attacks: attackJson }, null, 2) + '\n');
  return { html, json, derived: attacks.map((a) => join(outDir, a.derivedFile)) };
}
