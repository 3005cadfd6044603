/** The one cornerstone-core 2.6 function the overlay layers need beyond renderer/types (same package, merged declaration). */
declare module 'cornerstone-core' {
  /** Sets `context`'s transform so that drawing in image pixel coordinates lands where the image is shown. */
  export function setToPixelCoordinateSystem(enabledElement: EnabledElement, context: CanvasRenderingContext2D, scale?: number): void;
}
