/**
 * The demo workspace (issue 5, item 5): on first start the UI offers the demo study — synthetic PA
 * chest phantoms written by engine/phantoms in the engine process — and the bundled models.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { CallOutput } from '../../shared/contract';
import type { ServiceContext } from '../serviceContext';
import type { ModelCatalog } from './modelCatalog';
import { runEngineJob } from './runEngineJob';

/** Folder of the demo study inside the workspace. */
export function demoDir(ctx: ServiceContext): string {
  return join(ctx.workspace.home, 'demo');
}

/** Whether the demo was already written (its ground-truth.json is written last). */
async function demoWritten(ctx: ServiceContext): Promise<boolean> {
  return (await stat(join(demoDir(ctx), 'ground-truth.json')).catch(() => null))?.isFile() ?? false;
}

/** 'app.demoStatus': offer the demo when nothing has been opened yet (a first start). */
export async function demoStatus(ctx: ServiceContext): Promise<CallOutput<'app.demoStatus'>> {
  return { firstStart: ctx.studies.list().length === 0, written: await demoWritten(ctx), path: demoDir(ctx) };
}

/** 'app.demo': writes the demo study once (a 'demo.generate' job), opens it, and lists the bundled models. */
export async function openDemo(ctx: ServiceContext, catalog: ModelCatalog): Promise<CallOutput<'app.demo'>> {
  const dir = demoDir(ctx);
  const generated = !(await demoWritten(ctx));
  if (generated) await runEngineJob(ctx, 'demo.generate', { dir }, 'Writing the demo study');
  const opened = await ctx.studies.open([dir]);
  const models = (await catalog.list()).filter((m) => m.source === 'bundled');
  return { studyPaths: [dir], series: opened.series, models, generated };
}
