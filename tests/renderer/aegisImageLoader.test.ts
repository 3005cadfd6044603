import { describe, expect, it, vi } from 'vitest';
import type { ImageLoader, MetaDataProvider } from 'cornerstone-core';
import type { CallInput, CallName, CallOutput } from '../../electron/shared/contract';
import type { FrameMeta } from '../../electron/shared/studyTypes';

// Capture what the loader registers with cornerstone (which needs a DOM).
const registered: { scheme?: string; loader?: ImageLoader; provider?: MetaDataProvider } = {};
vi.mock('cornerstone-core', () => ({
  registerImageLoader: (scheme: string, loader: ImageLoader) => Object.assign(registered, { scheme, loader }),
  metaData: { addProvider: (provider: MetaDataProvider) => Object.assign(registered, { provider }) },
}));

const { registerAegisImageLoader, AEGIS_SCHEME } = await import('../../renderer/viewer/aegisImageLoader');

const meta: FrameMeta = {
  imageId: 'aegis:k:0', rows: 2, columns: 2, samplesPerPixel: 1, photometricInterpretation: 'MONOCHROME2',
  bitsAllocated: 16, bitsStored: 16, pixelRepresentation: 1, rescaleSlope: 1, rescaleIntercept: -1024,
  windowCenter: 40, windowWidth: 400, pixelSpacing: [0.5, 0.25], minStored: -32768, maxStored: 32767,
  frameIndex: 0, numberOfFrames: 1, instanceNumber: 1, modality: 'CT',
};

/** A mocked transport: answers frames.meta and frames.pixels, counting calls. */
function fakeApi() {
  const calls: string[] = [];
  return {
    calls,
    async call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> {
      calls.push(name);
      const { imageId } = input as { imageId: string };
      if (name === 'frames.meta') return { ...meta, imageId } as CallOutput<N>;
      if (name === 'frames.pixels') {
        const data = new Uint8Array(new Int16Array([1024, 1064, 0, 2048]).buffer);
        return { imageId, meta: { color: false, dtype: 'int16', rows: 2, columns: 2, samplesPerPixel: 1, minValue: 0, maxValue: 2048 }, data } as CallOutput<N>;
      }
      throw new Error(`unexpected call ${name}`);
    },
  };
}

describe('aegis: image loader', () => {
  it('loads stored values through the API and serves modality and spacing metadata', async () => {
    const api = fakeApi();
    registerAegisImageLoader(api);
    expect(registered.scheme).toBe(AEGIS_SCHEME);
    const image = await registered.loader!('aegis:k:0').promise;
    expect(Array.from(image.getPixelData())).toEqual([1024, 1064, 0, 2048]);
    expect(image).toMatchObject({ intercept: -1024, windowWidth: 400, rowPixelSpacing: 0.5, columnPixelSpacing: 0.25 });
    expect(registered.provider!('generalSeriesModule', 'aegis:k:0')).toEqual({ modality: 'CT' });
    expect(registered.provider!('imagePlaneModule', 'aegis:k:0')).toMatchObject({ rowPixelSpacing: 0.5, columnPixelSpacing: 0.25 });
    expect(registered.provider!('imagePlaneModule', 'aegis:unknown:0')).toBeUndefined();

    // The frame's metadata is fetched once; a second load asks only for pixels.
    await registered.loader!('aegis:k:0').promise;
    expect(api.calls.filter((c) => c === 'frames.meta')).toHaveLength(1);
    expect(api.calls.filter((c) => c === 'frames.pixels')).toHaveLength(2);
  });

  it('rejects with the API error so the viewport can show it', async () => {
    registerAegisImageLoader({ call: () => Promise.reject(new Error('1-001.dcm: file not found')) });
    await expect(registered.loader!('aegis:gone:0').promise).rejects.toThrow('file not found');
  });
});
