/**
 * A small read-only view of the viewer's state on `window.__aegisViewer`, for end-to-end tests and
 * the bench (they wait on it instead of sleeping). It holds no functions and changes nothing.
 */
import type { ViewportState } from './ViewportController';

/** One viewport as tests see it: the element id (`viewport-<n>`) and its last reported state. */
export interface ViewportSnapshot extends Omit<ViewportState, 'imageIds'> {
  elementId: string;
  seriesInstanceUid: string | null;
  imageCount: number;
}

/** The whole hook. */
export interface ViewerSnapshot {
  layout: string;
  activeViewport: number;
  sync: boolean;
  viewports: ViewportSnapshot[];
}

/** Publishes a new snapshot (replacing the object, so readers never see a half-written one). */
export function publishViewerSnapshot(snapshot: ViewerSnapshot): void {
  (window as unknown as { __aegisViewer?: ViewerSnapshot }).__aegisViewer = Object.freeze(snapshot);
}

/** The snapshot of one viewport. */
export function snapshotOf(index: number, seriesInstanceUid: string | null, state: ViewportState): ViewportSnapshot {
  const { imageIds, ...rest } = state;
  return { ...rest, elementId: `viewport-${index}`, seriesInstanceUid, imageCount: imageIds.length };
}
