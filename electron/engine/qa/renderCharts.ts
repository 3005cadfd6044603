/** Renders the QA charts (Vega-Lite specs of shared/qaCharts) to standalone SVG, headless, with vega and vega-lite (no canvas, no network). */
import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { QaChart } from '../../shared/qaCharts';

/** One chart's SVG text (self-contained: no fonts or images fetched). */
export async function chartSvg(chart: QaChart): Promise<string> {
  const vgSpec = compile(chart.spec as unknown as TopLevelSpec).spec;
  const view = new View(parse(vgSpec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
