/**
 * Frames by image id: their metadata, pixels and tag tree, read from the files the studies index
 * points at. Decoded frames are kept in an LRU cache bounded in MB, parsed files in a smaller one, so
 * scrolling back through a stack costs no decoding; concurrent requests for one frame share one decode.
 */
import { decodeFrame, DicomError, frameMeta, loadInstance, parseImageId, type ParsedInstance } from '../../dicom/index';
import type { CallOutput } from '../../shared/contract';
import type { FrameMeta, PixelDtype } from '../../shared/studyTypes';
import { ApiError } from '../apiError';
import { LruCache } from './lruCache';
import type { StudyIndex } from './studyIndex';

type FramePixels = CallOutput<'frames.pixels'>;

const MB = 1024 * 1024;

function dtypeOf(a: ArrayBufferView): PixelDtype {
  if (a instanceof Uint8Array) return 'uint8';
  if (a instanceof Int8Array) return 'int8';
  if (a instanceof Uint16Array) return 'uint16';
  if (a instanceof Int16Array) return 'int16';
  if (a instanceof Uint32Array) return 'uint32';
  if (a instanceof Int32Array) return 'int32';
  return 'float32';
}

function extremes(values: ArrayLike<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return values.length ? [lo, hi] : [0, 0];
}

/** Serves frames of indexed instances; see the file comment. */
export class FrameStore {
  private readonly frames: LruCache<string, FramePixels>;
  private readonly files: LruCache<string, ParsedInstance>;
  private readonly metas = new LruCache<string, FrameMeta>(20_000);
  private readonly inFlight = new Map<string, Promise<FramePixels>>();
  private readonly loading = new Map<string, Promise<ParsedInstance>>();

  /** @param cacheMb budget of the decoded-frame cache in MB; parsed files get a quarter of it on top. */
  constructor(
    private readonly index: StudyIndex,
    cacheMb: number,
  ) {
    this.frames = new LruCache(cacheMb * MB);
    this.files = new LruCache((cacheMb * MB) / 4);
  }

  /** Pixel-free description of the frame. */
  async meta(imageId: string): Promise<FrameMeta> {
    const hit = this.metas.get(imageId);
    if (hit) return hit;
    const { instance, frame } = await this.open(imageId);
    const meta = this.guard(() => frameMeta(instance, frame, imageId));
    this.metas.set(imageId, meta, 1);
    return meta;
  }

  /** The frame's pixels: stored values, or 8-bit RGB for colour; see the 'frames.pixels' contract. */
  pixels(imageId: string): Promise<FramePixels> {
    const hit = this.frames.get(imageId);
    if (hit) return Promise.resolve(hit);
    let pending = this.inFlight.get(imageId);
    if (!pending) {
      pending = this.decode(imageId).finally(() => this.inFlight.delete(imageId));
      this.inFlight.set(imageId, pending);
    }
    return pending;
  }

  /** The parsed file behind an image id, for the tag tree. */
  async instance(imageId: string): Promise<ParsedInstance> {
    return (await this.open(imageId)).instance;
  }

  private async decode(imageId: string): Promise<FramePixels> {
    const { instance, frame } = await this.open(imageId);
    let decoded;
    try {
      decoded = await decodeFrame(instance, frame, imageId);
    } catch (err) {
      throw this.asApiError(err);
    }
    const values = decoded.rgb ?? decoded.stored;
    const [minValue, maxValue] = extremes(values);
    const m = decoded.meta;
    const out: FramePixels = {
      imageId,
      meta: {
        color: decoded.rgb !== undefined,
        dtype: dtypeOf(values),
        rows: m.rows,
        columns: m.columns,
        samplesPerPixel: decoded.rgb ? 3 : m.samplesPerPixel,
        minValue,
        maxValue,
      },
      data: new Uint8Array(values.buffer, values.byteOffset, values.byteLength),
    };
    this.metas.set(imageId, m, 1);
    this.frames.set(imageId, out, values.byteLength);
    return out;
  }

  private async open(imageId: string): Promise<{ instance: ParsedInstance; frame: number }> {
    const id = parseImageId(imageId);
    const where = id ? this.index.instance(id.key) : undefined;
    if (!id || !where) throw new ApiError('not-found', `Image ${imageId} is not in any opened study; open its file or folder first.`);
    if (id.frame >= where.numberOfFrames) {
      throw new ApiError('not-found', `Image ${imageId} does not exist: the file has ${where.numberOfFrames} frame(s).`);
    }
    return { instance: await this.load(where.path), frame: id.frame };
  }

  /** The parsed file, from the cache or read once however many frames of it are asked for at once. */
  private async load(path: string): Promise<ParsedInstance> {
    const hit = this.files.get(path);
    if (hit) return hit;
    let pending = this.loading.get(path);
    if (!pending) {
      pending = loadInstance(path)
        .then((instance) => {
          this.files.set(path, instance, instance.dataSet.byteArray.byteLength);
          return instance;
        })
        .finally(() => this.loading.delete(path));
      this.loading.set(path, pending);
    }
    try {
      return await pending;
    } catch (err) {
      throw this.asApiError(err);
    }
  }

  private guard<T>(f: () => T): T {
    try {
      return f();
    } catch (err) {
      throw this.asApiError(err);
    }
  }

  private asApiError(err: unknown): Error {
    if (err instanceof DicomError) return new ApiError('failed', err.message);
    return err instanceof Error ? err : new Error(String(err));
  }
}
