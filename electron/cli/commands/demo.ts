/**
 * `aegis demo --out DIR`: the whole product headless on the demo study — writes the synthetic demo
 * study into a workspace under DIR, predicts with a bundled classifier, runs PGD, exports the
 * derived DICOM and the attack record, and writes a self-contained HTML summary.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createBackend } from '../../services/backend';
import type { Backend } from '../../services/backendTypes';
import type { CallInput, CallName, CallOutput } from '../../shared/contract';
import type { Job } from '../../shared/jobTypes';
import { UsageError, type Command } from '../command';
import { renderDemoReport } from '../demoReport';

const invoke = <N extends CallName>(b: Backend, name: N, input: CallInput<N>): Promise<CallOutput<N>> =>
  (b.handlers[name] as (i: CallInput<N>) => Promise<CallOutput<N>>)(input);

/** Resolves when the job has ended; printing its progress to stderr. */
function waitJob(b: Backend, jobId: string, label: string): Promise<Job> {
  return new Promise((res, rej) => {
    let last = -1;
    const stop = b.onEvent((e) => {
      if (e.name === 'job.progress' && e.payload.jobId === jobId) {
        const pct = Math.floor(e.payload.progress * 10) * 10;
        if (pct !== last) process.stderr.write(`${label}: ${pct} % ${e.payload.message}\n`);
        last = pct;
      }
    });
    const poll = async (): Promise<void> => {
      const job = await invoke(b, 'jobs.get', { jobId });
      if (job.state === 'queued' || job.state === 'running') return void setTimeout(() => void poll().catch(rej), 100);
      stop();
      if (job.state !== 'done') rej(new UsageError(`${label} ${job.state}: ${job.error ?? ''}`, 1));
      else res(job);
    };
    void poll().catch(rej);
  });
}

export const demo: Command = {
  name: 'demo',
  summary: 'Headless demo: demo study, predict, PGD attack, exported derived DICOM and an HTML summary',
  usage: [
    'Usage: aegis demo --out DIR [--model ID] [--eps E] [--steps N] [--image K] [--json]',
    '',
    'Writes the synthetic demo study (20 PA chest phantoms, two series; not a patient) into a workspace',
    'at DIR/workspace, predicts image K (default 1) with a bundled classifier, runs PGD (L∞, eps in',
    'normalised display units), and writes into DIR: the derived DICOM, attack.json and summary.html',
    '(self-contained: images embedded). Existing files are never overwritten.',
    '',
    'Options:',
    '  --model ID   a model id from the bundled models (default: the first differentiable classifier)',
    '  --eps E      PGD budget (default 0.02)',
    '  --steps N    PGD iterations (default 10)',
    '  --image K    which demo image, 1…20 (default 1)',
    '  --json       print one JSON object',
  ].join('\n'),
  async run(argv) {
    let parsed;
    try {
      parsed = parseArgs({ args: argv, options: { out: { type: 'string' }, model: { type: 'string' }, eps: { type: 'string' }, steps: { type: 'string' }, image: { type: 'string' }, json: { type: 'boolean' } } });
    } catch (err) {
      throw new UsageError(`${(err as Error).message}. See "aegis demo --help".`);
    }
    const v = parsed.values;
    if (!v.out) throw new UsageError('--out DIR is required');
    const eps = Number(v.eps ?? 0.02);
    const steps = Number(v.steps ?? 10);
    const k = Number(v.image ?? 1);
    if (!(eps > 0 && eps <= 1)) throw new UsageError(`--eps must be a number in (0, 1], not "${v.eps}"`);
    if (!Number.isInteger(steps) || steps < 1) throw new UsageError(`--steps must be a whole number ≥ 1, not "${v.steps}"`);
    if (!Number.isInteger(k) || k < 1 || k > 20) throw new UsageError(`--image must be a whole number from 1 to 20, not "${v.image}"`);
    const out = resolve(v.out);
    mkdirSync(out, { recursive: true });
    const log = (s: string) => (v.json ? process.stderr.write(`${s}\n`) : console.log(s));

    const backend = createBackend({ home: join(out, 'workspace') });
    try {
      log('Writing and opening the demo study…');
      const opened = await invoke(backend, 'app.demo', {});
      // A classifier: its first output a class vector [N, K].
      const candidates = opened.models.filter((m) => m.hash !== null && m.differentiable && m.outputKind !== 'segmentation' && m.outputs[0]?.shape.length === 2);
      const model = v.model ? opened.models.find((m) => m.id === v.model) : candidates[0];
      if (!model) {
        const known = opened.models.map((m) => m.id).join(', ') || 'none (build them with "npm run models")';
        throw new UsageError(v.model ? `no bundled model "${v.model}"; bundled: ${known}` : `no bundled classifier to run; bundled models: ${known}`, 1);
      }
      const imageId = opened.series.flatMap((s) => s.imageIds)[k - 1];
      if (!imageId) throw new UsageError(`the demo study has no image ${k}`, 1);

      const predicted = await waitJob(backend, (await invoke(backend, 'predict.run', { modelId: model.id, imageId })).jobId, 'Predict');
      const { jobId, attackId } = await invoke(backend, 'attack.run', { modelId: model.id, imageId, method: 'pgd', eps, norm: 'linf', steps, seed: 0 });
      await waitJob(backend, jobId, 'PGD');
      const record = await invoke(backend, 'attacks.get', { attackId });
      const dicom = (await invoke(backend, 'attacks.exportDicom', { attackId, folder: out })).path;
      const json = (await invoke(backend, 'attacks.exportJson', { attackId, path: join(out, 'attack.json') })).path;
      const [pixelsA, metaA, pixelsB, metaB, perturbation] = await Promise.all([
        invoke(backend, 'frames.pixels', { imageId }),
        invoke(backend, 'frames.meta', { imageId }),
        invoke(backend, 'frames.pixels', { imageId: record.derived.imageId }),
        invoke(backend, 'frames.meta', { imageId: record.derived.imageId }),
        invoke(backend, 'attacks.perturbation', { attackId }),
      ]);
      const html = renderDemoReport({
        modelName: model.name,
        modelHash: model.hash,
        imageId,
        original: { pixels: pixelsA, meta: metaA },
        attacked: { pixels: pixelsB, meta: metaB },
        perturbation,
        record,
        exported: { dicom, json },
      });
      const summary = join(out, 'summary.html');
      writeFileSync(summary, html, { flag: 'wx' });
      const result = { model: model.id, imageId, prediction: predicted.result, attack: record, exported: { dicom, json, summary } };
      if (v.json) console.log(JSON.stringify(result));
      else {
        const call = (d: number | number[] | null) => (typeof d === 'number' ? (record.classes[d] ?? `class ${d}`) : null);
        const change = record.pixelsKept !== null ? `${(100 * record.pixelsKept).toFixed(1)} % of pixels kept their class` : `${call(record.decisionBefore)} → ${call(record.decisionAfter)}`;
        log(`${model.name}: ${change} after PGD eps ${eps} (${record.success ? 'the attack succeeded' : 'the attack failed'}); SSIM ${record.ssim?.toFixed(4) ?? 'n/a'}`);
        log(`written: ${dicom}\n         ${json}\n         ${summary}`);
      }
      return 0;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new UsageError(`${join(out, 'summary.html')} already exists; choose an empty --out folder`, 1);
      throw err;
    } finally {
      await backend.close();
    }
  },
};
