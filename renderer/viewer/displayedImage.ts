import * as cornerstone from 'cornerstone-core';

/** Pixels (rows × columns) of the image shown on a cornerstone `element`, or null when none is shown. */
export function displayedPixelCount(element: HTMLElement | null): number | null {
  if (!element) return null;
  try {
    const image = cornerstone.getEnabledElement(element).image;
    return image ? image.rows * image.columns : null;
  } catch {
    return null;
  }
}
