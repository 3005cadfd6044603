import { describe, expect, it } from 'vitest';
import { presetsFor } from '../../renderer/viewer/windowPresets';
import { prefetchOrder } from '../../renderer/viewer/prefetchOrder';
import { commandForKey, isTypingTarget, LAYER_SHORTCUTS, SHORTCUTS, withShortcut } from '../../renderer/viewer/shortcuts';
import { thumbnailPixels } from '../../renderer/viewer/thumbnailPixels';
import { formatMeasurement } from '../../renderer/viewer/measurementFormat';
import type { Image } from 'cornerstone-core';

describe('presetsFor', () => {
  it("offers the file's window first, then the CT windows", () => {
    const p = presetsFor('CT', { windowCenter: 35, windowWidth: 350 });
    expect(p.map((x) => x.id)).toEqual(['file', 'lung', 'mediastinum', 'bone', 'brain', 'soft-tissue', 'liver', 'stroke', 'subdural', 'temporal-bone']);
    expect(p[1].voi).toEqual({ windowWidth: 1500, windowCenter: -600 });
    expect(p[4].voi).toEqual({ windowWidth: 80, windowCenter: 40 });
  });
  it('gives other modalities their own window, then windows on their value range (issue 19 item 9)', () => {
    expect(presetsFor('MR', { windowCenter: 1, windowWidth: 2 }).map((x) => x.id)).toEqual(['file']);
    expect(presetsFor('MR', null)).toEqual([]);
    const dx = presetsFor('DX', null, { min: 0, max: 4000 });
    expect(dx.map((x) => x.id)).toEqual(['full-range', 'middle-half', 'lower-half', 'upper-half']);
    expect(dx[0].voi).toEqual({ windowWidth: 4000, windowCenter: 2000 });
    expect(dx[2].voi).toEqual({ windowWidth: 2000, windowCenter: 1000 });
    expect(presetsFor('MR', null, { min: 5, max: 5 })).toEqual([]);
  });
});

describe('prefetchOrder', () => {
  it('alternates ahead and behind, nearest first, inside the stack', () => {
    expect(prefetchOrder(5, 10, 3)).toEqual([6, 4, 7, 3, 8, 2]);
    expect(prefetchOrder(0, 3, 5)).toEqual([1, 2]);
    expect(prefetchOrder(2, 3, 5)).toEqual([1, 0]);
    expect(prefetchOrder(0, 1, 5)).toEqual([]);
  });
});

describe('shortcuts', () => {
  it('maps keys to commands, ignoring Caps Lock and modified presses', () => {
    const k = (key: string, mod = false) => commandForKey({ key, ctrlKey: mod, altKey: false, metaKey: false });
    expect(k('ArrowDown')).toBe('nextImage');
    expect(k('I')).toBe('invert');
    expect(k('?')).toBe('help');
    expect(k('r', true)).toBeNull();
    expect(k('x')).toBeNull();
  });
  it('binds every key at most once', () => {
    const keys = SHORTCUTS.flatMap((s) => s.keys);
    expect(new Set(keys).size).toBe(keys.length);
  });
  it('leaves keys typed into form fields alone', () => {
    const el = (tagName: string, isContentEditable = false) => ({ tagName, isContentEditable }) as unknown as EventTarget;
    expect(['INPUT', 'SELECT', 'TEXTAREA'].map((t) => isTypingTarget(el(t)))).toEqual([true, true, true]);
    expect(isTypingTarget(el('DIV', true))).toBe(true);
    expect(isTypingTarget(el('BUTTON'))).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });
  it('names the first bound key in a control tooltip', () => {
    expect(withShortcut('Reset view', 'reset')).toBe('Reset view (Space)');
    expect(withShortcut('Zoom in', 'zoomIn')).toBe('Zoom in (+)');
    expect(withShortcut('W/L', 'toolWwwc')).toBe('W/L (w)');
  });
  it("keeps the lab's layer keys (G, X) free of viewer commands", () => {
    const layerKeys = Object.values(LAYER_SHORTCUTS).map((s) => s.key);
    expect(layerKeys).toEqual(['g', 'x']);
    for (const key of layerKeys) expect(commandForKey({ key, ctrlKey: false, altKey: false, metaKey: false })).toBeNull();
  });
});

describe('thumbnailPixels', () => {
  const grey = (over: Partial<Image>): Image => ({
    imageId: 'a', minPixelValue: 0, maxPixelValue: 100, slope: 1, intercept: 0, windowCenter: 50, windowWidth: 100,
    getPixelData: () => new Int16Array([0, 100, 50, 25]), rows: 2, columns: 2, height: 2, width: 2, color: false,
    invert: false, sizeInBytes: 8, ...over,
  });
  it('windows grey values linearly (low edge black, high edge white)', () => {
    const t = thumbnailPixels(grey({}), 2);
    expect([t[0], t[4], t[8], t[12]]).toEqual([0, 255, 128, 64]);
    expect([t[3], t[7]]).toEqual([255, 255]);
  });
  it('applies slope/intercept and inversion', () => {
    const t = thumbnailPixels(grey({ slope: 2, intercept: -100, invert: true }), 2);
    // modality values −100, 100, 0, −50 in window 0…100, inverted
    expect([t[0], t[4], t[8], t[12]]).toEqual([255, 0, 255, 255]);
  });
  it('letterboxes a wide image', () => {
    const img = grey({ rows: 1, columns: 4, height: 1, width: 4, getPixelData: () => new Int16Array([100, 100, 100, 100]) });
    const t = thumbnailPixels(img, 4);
    expect(t[0]).toBe(0); // row 0 is the black band above
    expect(t[(1 * 4 + 0) * 4]).toBe(255); // row 1 holds the image
  });
});

describe('formatMeasurement', () => {
  it('writes lengths and ROI statistics with their units', () => {
    expect(formatMeasurement({ tool: 'Length', length: 37.28, mm: true, unit: 'HU' })).toBe('Length: 37.3 mm');
    expect(formatMeasurement({ tool: 'Length', length: 12, mm: false, unit: '' })).toBe('Length: 12.0 px');
    expect(formatMeasurement({ tool: 'EllipticalRoi', area: 75.43, mean: 200, stdDev: 0, mm: true, unit: 'HU' })).toBe(
      'Ellipse: mean 200.0 HU, SD 0.0 HU, area 75.4 mm²',
    );
    expect(formatMeasurement({ tool: 'RectangleRoi', area: 16, mean: 1500.25, stdDev: 3.04, mm: false, unit: '' })).toBe(
      'Rectangle: mean 1500.3, SD 3.0, area 16.0 px²',
    );
  });
});
