/**
 * Synchronises the viewports of a multi-viewport layout: slice index (scroll), window/level with
 * inversion, and pan/zoom, using cornerstone-tools' synchronizers. Slice sync clamps to the shorter
 * stack. W/L is copied in modality units, so only between viewports of the same modality (a CT
 * window means nothing on an MR); inversion is copied between all. A viewport that is still loading
 * a new series (data-aegis-loading) does not drive the others, so loading a series into one viewport
 * leaves its peers where they are; once its new image is on screen (or it joins the group) it takes
 * on the group's window, inversion and zoom from a settled peer, as if the user had just adjusted them.
 */
import * as cornerstone from 'cornerstone-core';
import * as cornerstoneTools from 'cornerstone-tools';
import type { Synchronizer, SynchronizerHandler } from 'cornerstone-tools';
import { frameMetaCache } from './aegisImageLoader';
import { VIEWPORT_SETTLED } from './ViewportController';

function modalityOf(element: HTMLElement): string | undefined {
  const id = cornerstone.getEnabledElement(element).image?.imageId;
  return id ? frameMetaCache.get(id)?.modality : undefined;
}

/** Wraps a handler so that a source still loading its first image is ignored. */
function unlessLoading(handler: SynchronizerHandler): SynchronizerHandler {
  return (synchronizer, source, target, eventData) => {
    if (source.dataset.aegisLoading === '1' || target.dataset.aegisLoading === '1') return;
    handler(synchronizer, source, target, eventData);
  };
}

/** Copies inversion always, and the VOI window when both viewports show the same modality. */
export const voiSynchronizer: SynchronizerHandler = (synchronizer, source, target) => {
  if (source === target) return;
  const from = cornerstone.getViewport(source);
  const to = cornerstone.getViewport(target);
  if (!from || !to) return;
  const sameModality = modalityOf(source) !== undefined && modalityOf(source) === modalityOf(target);
  const voiDiffers = to.voi.windowWidth !== from.voi.windowWidth || to.voi.windowCenter !== from.voi.windowCenter;
  if (to.invert === from.invert && !(sameModality && voiDiffers)) return;
  synchronizer.setViewport(target, {
    ...to,
    invert: from.invert,
    voi: sameModality ? { windowWidth: from.voi.windowWidth, windowCenter: from.voi.windowCenter } : to.voi,
  });
};

/** One set of synchronizers over a set of viewport elements. */
export class ViewportSync {
  private readonly synchronizers: Synchronizer[];
  private readonly members = new Set<HTMLElement>();

  /** A member that has just drawn the first image of a new stack adopts a settled peer's window and inversion. */
  private readonly handleSettled = (event: Event): void => {
    const target = event.currentTarget as HTMLElement;
    const peer = this.settledMember(target);
    if (peer) this.adopt(peer, target);
  };

  constructor() {
    this.synchronizers = [
      new cornerstoneTools.Synchronizer(cornerstone.EVENTS.NEW_IMAGE, unlessLoading(cornerstoneTools.stackImageIndexSynchronizer)),
      new cornerstoneTools.Synchronizer(cornerstone.EVENTS.IMAGE_RENDERED, unlessLoading(voiSynchronizer)),
      new cornerstoneTools.Synchronizer(cornerstone.EVENTS.IMAGE_RENDERED, unlessLoading(cornerstoneTools.panZoomSynchronizer)),
    ];
  }

  /**
   * Makes `elements` (enabled, with a stack loaded) the synchronised set. Elements joining a group
   * that already has members adopt the window and inversion of a member showing an image.
   */
  setMembers(elements: HTMLElement[]): void {
    for (const el of [...this.members]) {
      if (!elements.includes(el)) {
        this.synchronizers.forEach((s) => s.remove(el));
        el.removeEventListener(VIEWPORT_SETTLED, this.handleSettled);
        this.members.delete(el);
      }
    }
    const settled = this.settledMember();
    for (const el of elements) {
      if (this.members.has(el)) continue;
      this.synchronizers.forEach((s) => s.add(el));
      el.addEventListener(VIEWPORT_SETTLED, this.handleSettled);
      this.members.add(el);
      if (settled && !el.dataset.aegisLoading) this.adopt(settled, el);
    }
  }

  /**
   * `target` takes on `peer`'s window, inversion and pan/zoom, all before its next render, so that
   * render (which drives the synchronizers again) carries the group's state, not the target's defaults.
   */
  private adopt(peer: HTMLElement, target: HTMLElement): void {
    cornerstoneTools.panZoomSynchronizer(this.synchronizers[2]!, peer, target, undefined);
    voiSynchronizer(this.synchronizers[1]!, peer, target, undefined);
  }

  /** A member other than `except` that is not loading and shows an image. */
  private settledMember(except?: HTMLElement): HTMLElement | undefined {
    return [...this.members].find((el) => el !== except && !el.dataset.aegisLoading && cornerstone.getEnabledElement(el).image);
  }

  /** Removes every member and detaches the synchronizers. */
  destroy(): void {
    this.synchronizers.forEach((s) => s.destroy());
    this.members.forEach((el) => el.removeEventListener(VIEWPORT_SETTLED, this.handleSettled));
    this.members.clear();
  }
}
