/**
 * One generator edit of one greyscale image in stored-pixel space (ARCHITECTURE.md principle 2): cut
 * the patch around the click, map it to model units as the metadata says, mask its centre, generate,
 * match the generated context's mean to the original's (CT-GAN's local intensity matching), bring it
 * back to native resolution and paste it with a feathered blend, quantised to the original's stored
 * integers. Nothing beyond `blend.outer` native pixels of the click changes.
 */
import type { GeneratorSpec } from '../../shared/generatorMetadata';
import { resolveIntensityMapping, type IntensityMapping } from '../imaging/intensityMapping';
import { storedToModality, type StoredFormat } from '../imaging/storedFormat';
import type { LesionGenerator } from './generatorModel';
import { pasteBack } from './pasteBack';
import { centreMask, cropBox, patchBox, toModelResolution, toNativeResolution, type NativeBox } from './patchBox';

/** A greyscale image as stored. */
export interface StoredPlane {
  /** Stored values, row-major width × height. */
  stored: ArrayLike<number>;
  width: number;
  height: number;
  format: StoredFormat;
  /** MONOCHROME1 (white = low values): the generator sees it inverted, as classifiers do. */
  monochrome1?: boolean;
}

/** The edited region, native pixels. */
export interface FakeRegion {
  /** The click: column and row. */
  col: number;
  row: number;
  /** Full replacement up to this distance from the click. */
  inner: number;
  /** No pixel at or beyond this distance changes. */
  outer: number;
  /** The patch the generator read (may extend past the image edge). */
  box: NativeBox;
}

/** What an edit produced. */
export interface FakeEdit {
  /** New stored values (row-major, same size); equal to the original outside the region. */
  stored: Float64Array;
  region: FakeRegion;
  /** Pixels whose stored value changed. */
  changed: number;
}

const toModel = (m: IntensityMapping, v: number) => {
  const t = (v - m.lo) / (m.hi - m.lo);
  return m.outMin + (m.invert ? 1 - t : t) * (m.outMax - m.outMin);
};
const fromModel = (m: IntensityMapping, u: number) => {
  const t = (u - m.outMin) / (m.outMax - m.outMin);
  return m.lo + (m.invert ? 1 - t : t) * (m.hi - m.lo);
};

/** Checks that the click lies on the image; returns the region the spec would edit. */
export function fakeRegion(spec: GeneratorSpec, width: number, height: number, col: number, row: number): FakeRegion {
  if (!(Number.isInteger(col) && Number.isInteger(row) && col >= 0 && row >= 0 && col < width && row < height)) {
    throw new Error(`the location ${col},${row} is outside the ${width}×${height} image (columns 0…${width - 1}, rows 0…${height - 1})`);
  }
  return { col, row, inner: spec.blend.inner, outer: spec.blend.outer, box: patchBox(spec, width, height, col, row) };
}

/** Applies `generator` at native pixel (col, row) of `image`. */
export async function applyGenerator(generator: LesionGenerator, image: StoredPlane, col: number, row: number): Promise<FakeEdit> {
  const spec = generator.metadata.generator;
  const { width, height } = image;
  if (image.stored.length !== width * height) throw new Error(`a generator edits greyscale images; this one has ${image.stored.length / (width * height)} channels`);
  const region = fakeRegion(spec, width, height, col, row);
  const modality = storedToModality(image.stored, image.format);
  const mapping = resolveIntensityMapping(spec.intensity, modality, spec.range, image.monochrome1 ?? false);
  const p = spec.patchSize;
  const native = cropBox(modality, width, height, region.box);
  const coarseModel = toModelResolution(native.map((v) => toModel(mapping, v)), region.box, p);
  const mask = centreMask(p, spec.mask.radius);
  const input = Float32Array.from(coarseModel, (v, i) => (mask[i] ? spec.mask.fill : v));
  const generated = await generator.generate(input, mask);
  // Local intensity matching: the generated context's mean onto the original's.
  let shift = 0;
  let count = 0;
  for (let i = 0; i < mask.length; i++) {
    if (mask[i]) continue;
    shift += coarseModel[i]! - generated[i]!;
    count += 1;
  }
  shift = count ? shift / count : 0;
  const generatedNative = toNativeResolution(generated.map((v) => v + shift), region.box, p).map((u) => fromModel(mapping, u));
  const coarse = spec.texture === 'keep' ? toNativeResolution(coarseModel, region.box, p).map((u) => fromModel(mapping, u)) : undefined;
  const { stored, changed } = pasteBack({
    stored: image.stored,
    modality,
    width,
    height,
    format: image.format,
    box: region.box,
    generated: generatedNative,
    coarse,
    col,
    row,
    inner: region.inner,
    outer: region.outer,
  });
  return { stored, region, changed };
}
