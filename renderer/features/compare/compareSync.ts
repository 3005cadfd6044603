/**
 * Synchronisation of the compare view: the original and attacked viewports share scroll, window/level
 * and pan/zoom through the viewer's own {@link ViewportSync}; the perturbation viewport follows
 * pan/zoom only (its diverging colours have no window to share).
 */
import * as cornerstone from 'cornerstone-core';
import * as cornerstoneTools from 'cornerstone-tools';
import { ViewportSync } from '../../viewer/viewportSync';

/** The compare view's synchronisers. */
export class CompareSync {
  private readonly images = new ViewportSync();
  private readonly panZoom = new cornerstoneTools.Synchronizer(cornerstone.EVENTS.IMAGE_RENDERED, cornerstoneTools.panZoomSynchronizer);
  private panZoomMembers: HTMLElement[] = [];

  /** Links `original` and `attacked` fully and `perturbation` by pan/zoom (elements with an image on screen). */
  link(original: HTMLElement, attacked: HTMLElement, perturbation: HTMLElement | null): void {
    this.images.setMembers([original, attacked]);
    const next = perturbation ? [original, perturbation] : [];
    for (const el of this.panZoomMembers) if (!next.includes(el)) this.panZoom.remove(el);
    for (const el of next) if (!this.panZoomMembers.includes(el)) this.panZoom.add(el);
    this.panZoomMembers = next;
  }

  /** Detaches everything. */
  destroy(): void {
    this.images.destroy();
    this.panZoom.destroy();
    this.panZoomMembers = [];
  }
}
