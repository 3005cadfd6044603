import * as cornerstoneTools from 'cornerstone-tools';

/** The image ids of the stack shown on a cornerstone `element` (empty when none is loaded). */
export function stackImageIds(element: HTMLElement | null): string[] {
  return element ? (cornerstoneTools.getToolState(element, 'stack')?.data[0]?.imageIds ?? []) : [];
}
