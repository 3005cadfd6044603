/**
 * One-time wiring of cornerstone-tools to the single bundled copy of cornerstone-core,
 * cornerstone-math and hammerjs, and registration of the tools the viewer offers.
 */
import * as cornerstone from 'cornerstone-core';
import * as cornerstoneTools from 'cornerstone-tools';
import cornerstoneMath from 'cornerstone-math';
import Hammer from 'hammerjs';

/** The interactive tools of the viewer, by cornerstone-tools name, bound to the left mouse button. */
export const PRIMARY_TOOLS = ['Wwwc', 'Pan', 'Zoom', 'Length', 'EllipticalRoi', 'RectangleRoi'] as const;
/** A tool the left mouse button can drive. */
export type PrimaryTool = (typeof PRIMARY_TOOLS)[number];

let initialised = false;

/**
 * Initialises cornerstone-tools once: externals, tools, default bindings (left: the chosen tool,
 * middle: pan, right: zoom, wheel: stack scroll). Idempotent.
 */
export function initCornerstone(): void {
  if (initialised) return;
  initialised = true;
  cornerstoneTools.external.cornerstone = cornerstone;
  cornerstoneTools.external.cornerstoneMath = cornerstoneMath;
  cornerstoneTools.external.Hammer = Hammer;
  cornerstoneTools.init({ showSVGCursors: false, globalToolSyncEnabled: true });
  // Frames of a 300-slice 512×512 CT are ~150 MB as Int16; keep a few such series.
  cornerstone.imageCache.setMaximumSizeBytes(1024 * 1024 * 1024);
  for (const tool of [
    cornerstoneTools.WwwcTool,
    cornerstoneTools.PanTool,
    cornerstoneTools.ZoomTool,
    cornerstoneTools.LengthTool,
    cornerstoneTools.EllipticalRoiTool,
    cornerstoneTools.RectangleRoiTool,
    cornerstoneTools.StackScrollMouseWheelTool,
  ]) {
    cornerstoneTools.addTool(tool);
  }
  cornerstoneTools.setToolActive('StackScrollMouseWheel', {});
  cornerstoneTools.setToolActive('Pan', { mouseButtonMask: 4 });
  cornerstoneTools.setToolActive('Zoom', { mouseButtonMask: 2 });
  selectPrimaryTool('Wwwc');
}

/** Binds `tool` to the left mouse button; the other measurement tools stay visible but passive. */
export function selectPrimaryTool(tool: PrimaryTool): void {
  for (const t of PRIMARY_TOOLS) {
    if (t === tool) continue;
    if (t === 'Pan') cornerstoneTools.setToolActive('Pan', { mouseButtonMask: 4 });
    else if (t === 'Zoom') cornerstoneTools.setToolActive('Zoom', { mouseButtonMask: 2 });
    else cornerstoneTools.setToolPassive(t);
  }
  const mask = tool === 'Pan' ? 1 | 4 : tool === 'Zoom' ? 1 | 2 : 1;
  cornerstoneTools.setToolActive(tool, { mouseButtonMask: mask });
}
