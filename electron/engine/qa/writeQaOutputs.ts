/** Writes what a finished QA session leaves behind: the HTML report, summary.json, per-image results.csv and results.json. */
import { join, resolve } from 'node:path';
import { writeFileAtomic } from '../../base/atomicWrite';
import { qaCharts } from '../../shared/qaCharts';
import type { QaSummary } from '../../shared/qaSummary';
import type { QaConfig } from '../../shared/qaTypes';
import { exampleImages } from './exampleImages';
import { perImageCsv, reportHtml, summariseSession } from './qaReport';
import { chartSvg } from './renderCharts';
import { openQaModels, type QaSessionOutcome } from './runQaSession';

/** Where to write: the report file and/or a results folder (either may be absent). */
export interface QaOutputPaths {
  report?: string;
  outDir?: string;
  appVersion: string;
  /** Example images in the report (default 2; 0 for none). */
  examples?: number;
}

/** Summarises `outcome` and writes the requested files; returns the summary. */
export async function writeQaOutputs(outcome: QaSessionOutcome, config: QaConfig, paths: QaOutputPaths): Promise<QaSummary> {
  const summary = summariseSession(outcome, config, paths.appVersion);
  if (paths.outDir) {
    const dir = resolve(paths.outDir);
    writeFileAtomic(join(dir, 'results.csv'), perImageCsv(outcome.results, summary.models));
    writeFileAtomic(join(dir, 'results.json'), JSON.stringify(outcome.results, null, 1) + '\n');
    writeFileAtomic(join(dir, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
  }
  if (paths.report) {
    const charts = qaCharts(summary);
    const svgs = await Promise.all(charts.map(chartSvg));
    const count = paths.examples ?? 2;
    let examples: Awaited<ReturnType<typeof exampleImages>> = [];
    if (count > 0 && !outcome.models[0]?.segmentation) {
      const [model] = await openQaModels({ ...config, models: [config.models[0]!], detectors: [] });
      try {
        examples = await exampleImages(model!, config, outcome.dataset, count);
      } finally {
        await model!.objective.release();
      }
    }
    writeFileAtomic(resolve(paths.report), reportHtml(summary, charts, svgs, examples));
  }
  return summary;
}
