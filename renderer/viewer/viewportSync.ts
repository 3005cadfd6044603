/**
 * Synchronises the viewports of a multi-viewport layout: slice index (scroll), window/level with
 * inversion, and pan/zoom, using cornerstone-tools' synchronizers. Slice sync clamps to the shorter
 * stack; W/L is copied in modality units.
 */
import * as cornerstone from 'cornerstone-core';
import * as cornerstoneTools from 'cornerstone-tools';
import type { Synchronizer } from 'cornerstone-tools';

/** One set of synchronizers over a set of viewport elements. */
export class ViewportSync {
  private readonly synchronizers: Synchronizer[];
  private readonly members = new Set<HTMLElement>();

  constructor() {
    this.synchronizers = [
      new cornerstoneTools.Synchronizer(cornerstone.EVENTS.NEW_IMAGE, cornerstoneTools.stackImageIndexSynchronizer),
      new cornerstoneTools.Synchronizer(cornerstone.EVENTS.IMAGE_RENDERED, cornerstoneTools.wwwcSynchronizer),
      new cornerstoneTools.Synchronizer(cornerstone.EVENTS.IMAGE_RENDERED, cornerstoneTools.panZoomSynchronizer),
    ];
  }

  /** Makes `elements` (enabled, with a stack loaded) the synchronised set. */
  setMembers(elements: HTMLElement[]): void {
    for (const el of [...this.members]) {
      if (!elements.includes(el)) {
        this.synchronizers.forEach((s) => s.remove(el));
        this.members.delete(el);
      }
    }
    for (const el of elements) {
      if (this.members.has(el)) continue;
      this.synchronizers.forEach((s) => s.add(el));
      this.members.add(el);
    }
  }

  /** Removes every member and detaches the synchronizers. */
  destroy(): void {
    this.synchronizers.forEach((s) => s.destroy());
    this.members.clear();
  }
}
