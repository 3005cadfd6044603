/**
 * Drives one cornerstone viewport: enables the element, loads a stack of `aegis:` image ids,
 * scrolls, windows, zooms, rotates, flips, inverts, plays cine, and reports its state after every
 * render. Framework-free so the React components stay thin.
 */
import * as cornerstone from 'cornerstone-core';
import type { Viewport, VOI } from 'cornerstone-core';
import * as cornerstoneTools from 'cornerstone-tools';
import { frameMetaCache } from './aegisImageLoader';
import { collectMeasurements } from './collectMeasurements';
import type { Measurement } from './measurementFormat';
import { StackPrefetcher } from './stackPrefetcher';

/** DOM event a viewport element fires once the first image of a new stack is on screen. */
export const VIEWPORT_SETTLED = 'aegis:viewport-settled';

const scrollToIndex = cornerstoneTools.importInternal('util/scrollToIndex');

/** What a viewport shows, reported after each render. Units: modality units for the window, scale = screen px per image px, rotation in degrees. */
export interface ViewportState {
  imageIds: string[];
  imageIndex: number;
  imageId: string | null;
  voi: VOI | null;
  scale: number;
  invert: boolean;
  rotation: number;
  hflip: boolean;
  vflip: boolean;
  /** Renders since the stack was set; tests wait on it. */
  renderCount: number;
  cinePlaying: boolean;
  /** Measurements on the image on screen. */
  measurements: Measurement[];
  /** Plain-words reason the current image could not be shown, or null. */
  error: string | null;
}

/** The state of a viewport with nothing loaded. */
export const EMPTY_VIEWPORT_STATE: ViewportState = {
  imageIds: [],
  imageIndex: 0,
  imageId: null,
  voi: null,
  scale: 1,
  invert: false,
  rotation: 0,
  hflip: false,
  vflip: false,
  renderCount: 0,
  cinePlaying: false,
  measurements: [],
  error: null,
};

/** Controller of one enabled cornerstone element. */
export class ViewportController {
  private state: ViewportState = EMPTY_VIEWPORT_STATE;
  private prefetcher: StackPrefetcher | null = null;
  private loadToken = 0;

  constructor(
    readonly element: HTMLElement,
    private readonly onChange: (state: ViewportState) => void,
  ) {
    cornerstone.enable(element);
    cornerstoneTools.addStackStateManager(element, ['stack', 'playClip']);
    element.addEventListener(cornerstone.EVENTS.IMAGE_RENDERED, this.handleRendered);
    element.addEventListener(cornerstone.EVENTS.NEW_IMAGE, this.handleNewImage);
  }

  /** Current state (the last one reported). */
  get current(): ViewportState {
    return this.state;
  }

  /** Shows `imageIds` starting at `index`, fitted to the element with the image's own window. */
  async setStack(imageIds: string[], index = 0): Promise<void> {
    const token = ++this.loadToken;
    this.stopCine();
    this.prefetcher?.stop();
    const start = Math.min(Math.max(index, 0), Math.max(imageIds.length - 1, 0));
    // Until its first image is drawn, this viewport must not drive synchronised peers (viewportSync).
    this.element.dataset.aegisLoading = '1';
    // Swap the stack in one synchronous step: synchronised peers read it on every event.
    cornerstoneTools.clearToolState(this.element, 'stack');
    if (imageIds.length > 0) cornerstoneTools.addToolState(this.element, 'stack', { imageIds, currentImageIdIndex: start });
    this.emit({ ...EMPTY_VIEWPORT_STATE, imageIds, imageIndex: start });
    if (imageIds.length === 0) return;
    try {
      const image = await cornerstone.loadAndCacheImage(imageIds[start]);
      if (token !== this.loadToken) return;
      const viewport = cornerstone.getDefaultViewportForImage(this.element, image);
      cornerstone.displayImage(this.element, image, viewport);
      this.prefetcher = new StackPrefetcher(imageIds);
      this.prefetcher.update(start);
    } catch (err) {
      if (token === this.loadToken) {
        delete this.element.dataset.aegisLoading;
        this.emit({ ...this.state, error: describe(err) });
      }
    }
  }

  /** Shows stack index `index` (clamped to the stack). */
  scrollTo(index: number): void {
    const n = this.state.imageIds.length;
    if (n === 0 || !this.hasImage()) return;
    scrollToIndex(this.element, Math.min(Math.max(index, 0), n - 1));
  }

  /** Moves `delta` slices through the stack (from the slice last asked for, even if still loading). */
  scrollBy(delta: number): void {
    const stack = cornerstoneTools.getToolState(this.element, 'stack')?.data[0];
    this.scrollTo((stack ? stack.currentImageIdIndex : this.state.imageIndex) + delta);
  }

  /** Sets the window in modality units. */
  setVoi(voi: VOI): void {
    this.update((v) => ({ voi: { ...voi, windowWidth: Math.max(voi.windowWidth, 1) }, invert: v.invert }));
  }

  /** Toggles grey-scale inversion. */
  toggleInvert(): void {
    this.update((v) => ({ invert: !v.invert }));
  }

  /** Multiplies the zoom by `factor`, about the image centre. */
  zoomBy(factor: number): void {
    this.update((v) => ({ scale: Math.min(Math.max(v.scale * factor, 0.05), 40) }));
  }

  /** Rotates by `degrees` (clockwise positive). */
  rotateBy(degrees: number): void {
    this.update((v) => ({ rotation: (((v.rotation + degrees) % 360) + 360) % 360 }));
  }

  /** Mirrors left–right. */
  flipHorizontal(): void {
    this.update((v) => ({ hflip: !v.hflip }));
  }

  /** Mirrors top–bottom. */
  flipVertical(): void {
    this.update((v) => ({ vflip: !v.vflip }));
  }

  /** Fits the image to the element, keeping window, rotation and flips. */
  fit(): void {
    if (this.hasImage()) cornerstone.fitToWindow(this.element);
  }

  /** Back to the image's default viewport: own window, fitted, no rotation, flip or inversion. */
  reset(): void {
    if (this.hasImage()) cornerstone.reset(this.element);
  }

  /** Re-fits the canvas after the element changed size (layout switch, window resize). */
  resize(): void {
    if (this.hasImage()) cornerstone.resize(this.element, true);
  }

  /** Starts or stops cine playback at `fps` frames per second. */
  toggleCine(fps = 15): void {
    if (this.state.cinePlaying) this.stopCine();
    else if (this.hasImage() && this.state.imageIds.length > 1) {
      cornerstoneTools.playClip(this.element, fps);
      this.emit({ ...this.state, cinePlaying: true });
    }
  }

  /** Stops cine playback if it runs. */
  stopCine(): void {
    if (!this.state.cinePlaying) return;
    cornerstoneTools.stopClip(this.element);
    this.emit({ ...this.state, cinePlaying: false });
  }

  /** Releases the element and its listeners. */
  destroy(): void {
    this.loadToken++;
    this.stopCine();
    this.prefetcher?.stop();
    this.element.removeEventListener(cornerstone.EVENTS.IMAGE_RENDERED, this.handleRendered);
    this.element.removeEventListener(cornerstone.EVENTS.NEW_IMAGE, this.handleNewImage);
    cornerstone.disable(this.element);
  }

  private hasImage(): boolean {
    return cornerstone.getEnabledElement(this.element).image !== undefined;
  }

  private update(change: (v: Viewport) => Partial<Viewport>): void {
    if (!this.hasImage()) return;
    const viewport = cornerstone.getViewport(this.element);
    if (viewport) cornerstone.setViewport(this.element, { ...viewport, ...change(viewport) });
  }

  private emit(state: ViewportState): void {
    this.state = state;
    this.onChange(state);
  }

  private readonly handleNewImage = (): void => {
    const stack = cornerstoneTools.getToolState(this.element, 'stack')?.data[0];
    if (stack) this.prefetcher?.update(stack.currentImageIdIndex);
  };

  private readonly handleRendered = (): void => {
    const enabled = cornerstone.getEnabledElement(this.element);
    const v = enabled.viewport;
    if (!v || !enabled.image) return;
    // After this event's other listeners (the synchronizers) have seen the flag.
    if (this.element.dataset.aegisLoading) {
      queueMicrotask(() => {
        delete this.element.dataset.aegisLoading;
        this.element.dispatchEvent(new Event(VIEWPORT_SETTLED));
      });
    }
    const stack = cornerstoneTools.getToolState(this.element, 'stack')?.data[0];
    const meta = frameMetaCache.get(enabled.image.imageId);
    this.emit({
      ...this.state,
      measurements: collectMeasurements(this.element, meta?.modality ?? '', Boolean(meta?.pixelSpacing)),
      imageIndex: stack ? stack.currentImageIdIndex : this.state.imageIndex,
      imageId: enabled.image.imageId,
      voi: { windowWidth: v.voi.windowWidth, windowCenter: v.voi.windowCenter },
      scale: v.scale,
      invert: v.invert,
      rotation: v.rotation,
      hflip: v.hflip,
      vflip: v.vflip,
      renderCount: this.state.renderCount + 1,
      error: null,
    });
  };
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
