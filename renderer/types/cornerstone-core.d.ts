/**
 * Minimal typed declarations for the parts of cornerstone-core 2.6 that Aegis uses. The package ships
 * no types. Units: image pixels for coordinates, modality units for the VOI window.
 */
declare module 'cornerstone-core' {
  export interface VOI {
    windowWidth: number;
    windowCenter: number;
  }
  export interface Viewport {
    scale: number;
    translation: { x: number; y: number };
    voi: VOI;
    invert: boolean;
    pixelReplication: boolean;
    rotation: number;
    hflip: boolean;
    vflip: boolean;
  }
  export interface Image {
    imageId: string;
    minPixelValue: number;
    maxPixelValue: number;
    slope: number;
    intercept: number;
    windowCenter: number;
    windowWidth: number;
    getPixelData: () => ArrayLike<number>;
    rows: number;
    columns: number;
    height: number;
    width: number;
    color: boolean;
    rgba?: boolean;
    invert: boolean;
    columnPixelSpacing?: number;
    rowPixelSpacing?: number;
    sizeInBytes: number;
  }
  export interface EnabledElement {
    element: HTMLElement;
    image?: Image;
    canvas: HTMLCanvasElement;
    viewport?: Viewport;
  }
  export interface ImageLoadObject {
    promise: Promise<Image>;
    cancelFn?: () => void;
  }
  export type ImageLoader = (imageId: string) => ImageLoadObject;
  export type MetaDataProvider = (type: string, imageId: string) => unknown;

  export function enable(element: HTMLElement, options?: Record<string, unknown>): void;
  export function disable(element: HTMLElement): void;
  export function getEnabledElement(element: HTMLElement): EnabledElement;
  export function registerImageLoader(scheme: string, loader: ImageLoader): void;
  export function loadAndCacheImage(imageId: string): Promise<Image>;
  export function displayImage(element: HTMLElement, image: Image, viewport?: Partial<Viewport>): void;
  export function getViewport(element: HTMLElement): Viewport | undefined;
  export function setViewport(element: HTMLElement, viewport: Partial<Viewport>): void;
  export function getDefaultViewportForImage(element: HTMLElement, image: Image): Viewport;
  export function reset(element: HTMLElement): void;
  export function fitToWindow(element: HTMLElement): void;
  export function resize(element: HTMLElement, forceFitToWindow?: boolean): void;
  export function updateImage(element: HTMLElement, invalidated?: boolean): void;
  export const metaData: {
    addProvider(provider: MetaDataProvider, priority?: number): void;
    removeProvider(provider: MetaDataProvider): void;
  };
  export const imageCache: {
    setMaximumSizeBytes(bytes: number): void;
  };
  export const EVENTS: {
    IMAGE_RENDERED: 'cornerstoneimagerendered';
    NEW_IMAGE: 'cornerstonenewimage';
    ELEMENT_DISABLED: 'cornerstoneelementdisabled';
  };
}
