/**
 * 'qa.*' calls (electron/shared/qaCalls.ts): start a QA session as a 'qa.session' engine job on the
 * workspace database, and render a finished session's charts (shared/qaCharts) to SVG here in the back
 * end with engine/qa/renderCharts, because the renderer's CSP forbids Vega's `new Function`.
 */
import { join } from 'node:path';
import packageJson from '../../../package.json';
import { chartSvg } from '../../engine/qa/renderCharts';
import { jobResult } from '../../shared/jobKinds';
import { qaCharts } from '../../shared/qaCharts';
import { ApiError } from '../apiError';
import type { Handlers } from '../backendTypes';
import { demoDir } from '../lab/demoWorkspace';
import type { ServiceContext } from '../serviceContext';
import { writeDemoLabels } from './demoLabels';

/** A folder name for one session's outputs: UTC time to the millisecond, file-name safe. */
function sessionFolder(now = new Date()): string {
  return now.toISOString().replace(/[:.]/g, '-');
}

/** The QA handlers; `models` resolves model ids to files (the lab's 'models.list'). */
export function qaHandlers(ctx: ServiceContext, models: Pick<Handlers, 'models.list'>): Pick<Handlers, 'qa.start' | 'qa.charts'> {
  return {
    'qa.start': async ({ modelIds, data, attacks, eps, steps, seed, defences, detectors }) => {
      const { models: known } = await models['models.list']({});
      const paths = modelIds.map((id) => {
        const m = known.find((k) => k.id === id);
        if (!m) throw new ApiError('not-found', `There is no model with id ${id}; pick one from the model list.`);
        if (m.hash === null) throw new ApiError('failed', `${m.name} cannot be used: ${m.error ?? 'it could not be read'}`);
        return m.path;
      });
      const outDir = join(ctx.workspace.home, 'qa', sessionFolder());
      const source = data.kind === 'folder' ? data : { dataDir: demoDir(ctx), labels: await writeDemoLabels(demoDir(ctx), outDir, data.images) };
      const report = join(outDir, 'report.html');
      const config = { models: paths, dataDir: source.dataDir, labels: source.labels, attacks, eps, steps, seed, defences, detectors };
      const jobId = ctx.engine.submit('qa.session', { config, database: join(ctx.workspace.home, 'aegis.db'), report, outDir, appVersion: packageJson.version });
      return { jobId, report, outDir };
    },
    'qa.charts': async ({ jobId }) => {
      const job = ctx.jobs.get(jobId);
      if (!job || job.kind !== 'qa.session') throw new ApiError('not-found', `There is no QA session job with id ${jobId}.`);
      if (job.state !== 'done') throw new ApiError('failed', `The QA session ${jobId} has not finished (it is ${job.state}); its charts come when it is done.`);
      const charts = qaCharts(jobResult(job, 'qa.session'));
      const svgs = await Promise.all(charts.map(chartSvg));
      return { charts: charts.map((c, i) => ({ id: c.id, title: c.title, svg: svgs[i]! })) };
    },
  };
}
