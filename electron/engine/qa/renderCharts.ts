/**
 * Renders the QA charts (Vega-Lite specs of shared/qaCharts) to standalone SVG, headless, with vega and
 * vega-lite (no canvas, no network). Both are ES modules with top-level await (vega-canvas), so they
 * are loaded on first use by dynamic import and kept out of the CommonJS engine bundle (scripts/build.mjs).
 */
import type { TopLevelSpec } from 'vega-lite';
import type { QaChart } from '../../shared/qaCharts';

/** One chart's SVG text (self-contained: no fonts or images fetched). */
export async function chartSvg(chart: QaChart): Promise<string> {
  const [{ parse, View }, { compile }] = await Promise.all([import('vega'), import('vega-lite')]);
  const vgSpec = compile(chart.spec as unknown as TopLevelSpec).spec;
  const view = new View(parse(vgSpec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
