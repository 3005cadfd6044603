import { describe, expect, it } from 'vitest';
import { defaultWindow, frameToImage, rgbToRgba, viewStoredValues } from '../../renderer/viewer/frameToImage';
import type { FrameMeta, PixelMeta } from '../../electron/shared/studyTypes';

const meta = (over: Partial<FrameMeta> = {}): FrameMeta => ({
  imageId: 'aegis:k:0',
  rows: 2,
  columns: 3,
  samplesPerPixel: 1,
  photometricInterpretation: 'MONOCHROME2',
  bitsAllocated: 16,
  bitsStored: 12,
  pixelRepresentation: 1,
  rescaleSlope: 1,
  rescaleIntercept: -1024,
  windowCenter: 40,
  windowWidth: 400,
  pixelSpacing: [0.7, 0.5],
  minStored: -2048,
  maxStored: 2047,
  frameIndex: 0,
  numberOfFrames: 1,
  instanceNumber: 1,
  modality: 'CT',
  ...over,
});
const pmeta = (over: Partial<PixelMeta> = {}): PixelMeta => ({
  color: false,
  dtype: 'int16',
  rows: 2,
  columns: 3,
  samplesPerPixel: 1,
  minValue: -5,
  maxValue: 1000,
  ...over,
});
const bytesOf = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

describe('viewStoredValues', () => {
  it('views little-endian int16 bytes with their sign', () => {
    const src = new Int16Array([-5, 0, 7, 1000, -1024, 3]);
    const out = viewStoredValues(bytesOf(src), pmeta());
    expect(out).toBeInstanceOf(Int16Array);
    expect([...out]).toEqual([-5, 0, 7, 1000, -1024, 3]);
  });

  it('copies misaligned bytes instead of failing', () => {
    const backing = new Uint8Array(13);
    backing.set(bytesOf(new Uint16Array([1, 2, 3, 65535, 5, 6])), 1);
    const out = viewStoredValues(backing.subarray(1), pmeta({ dtype: 'uint16' }));
    expect([...out]).toEqual([1, 2, 3, 65535, 5, 6]);
  });

  it('says how many bytes it expected when the buffer is short', () => {
    expect(() => viewStoredValues(new Uint8Array(10), pmeta())).toThrow(/10 bytes, expected 12 \(2×3×1 int16\)/);
  });
});

describe('rgbToRgba', () => {
  it('adds an opaque alpha after each RGB triple', () => {
    expect([...rgbToRgba([1, 2, 3, 4, 5, 6], 2)]).toEqual([1, 2, 3, 255, 4, 5, 6, 255]);
  });
});

describe('defaultWindow', () => {
  it("uses the file's own window when present", () => {
    expect(defaultWindow(meta(), 0, 100)).toEqual({ center: 40, width: 400 });
  });
  it('falls back to the modality-value range of the frame', () => {
    // stored −5…1000 → HU −1029…−24 with intercept −1024
    expect(defaultWindow(meta({ windowCenter: null, windowWidth: null }), -5, 1000)).toEqual({ center: -526.5, width: 1005 });
  });
  it('handles a negative slope and a flat frame', () => {
    expect(defaultWindow(meta({ windowCenter: null, windowWidth: null, rescaleSlope: -2, rescaleIntercept: 0 }), 1, 3)).toEqual({ center: -4, width: 4 });
    expect(defaultWindow(meta({ windowCenter: null, windowWidth: null }), 7, 7).width).toBe(1);
  });
});

describe('frameToImage', () => {
  it('builds a grey cornerstone image with modality LUT, window and spacing', () => {
    const src = new Int16Array([-5, 0, 7, 1000, -1024, 3]);
    const img = frameToImage('aegis:k:0', meta(), pmeta(), bytesOf(src));
    expect(img).toMatchObject({
      rows: 2, columns: 3, width: 3, height: 2, color: false, slope: 1, intercept: -1024,
      windowCenter: 40, windowWidth: 400, minPixelValue: -5, maxPixelValue: 1000,
      rowPixelSpacing: 0.7, columnPixelSpacing: 0.5, invert: false, sizeInBytes: 12,
    });
    expect(Array.from(img.getPixelData())).toEqual([-5, 0, 7, 1000, -1024, 3]);
  });

  it('starts MONOCHROME1 inverted', () => {
    const img = frameToImage('a', meta({ photometricInterpretation: 'MONOCHROME1' }), pmeta(), bytesOf(new Int16Array(6)));
    expect(img.invert).toBe(true);
  });

  it('expands colour to RGBA with an identity LUT and a full 8-bit window', () => {
    const rgb = new Uint8Array([10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120, 130, 140, 150, 160, 170, 180]);
    const img = frameToImage('a', meta({ samplesPerPixel: 3, photometricInterpretation: 'RGB', pixelSpacing: null }), pmeta({ color: true, dtype: 'uint8', samplesPerPixel: 3 }), rgb);
    expect(img).toMatchObject({ color: true, slope: 1, intercept: 0, minPixelValue: 0, maxPixelValue: 255, windowWidth: 256, rowPixelSpacing: undefined });
    const px = img.getPixelData();
    expect(px.length).toBe(24);
    expect([px[4], px[5], px[6], px[7]]).toEqual([40, 50, 60, 255]);
  });
});
