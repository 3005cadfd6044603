/**
 * The model settings form as plain fields (strings, as inputs hold them) and the conversions to and
 * from metadata.json (electron/shared/modelMetadata): first input and first output only, which is
 * what the pipeline feeds. Bad answers come back as plain-words errors naming the field.
 */
import { ModelMetadataSchema, type ModelMetadata } from '../../../electron/shared/modelMetadata';

/** The form's fields. Window centre/width in modality units (e.g. HU); size in pixels. */
export interface MetadataFields {
  name: string;
  intensity: 'window' | 'minmax';
  center: string;
  width: string;
  height: string;
  widthPx: string;
  channels: '1' | '3';
  rangeLo: string;
  rangeHi: string;
  mean: string;
  std: string;
  outputKind: 'probabilities' | 'logits' | 'multilabel-logits' | 'segmentation';
  /** Class names, comma-separated, in class-axis order. */
  classes: string;
}

/** The fields of a metadata object (first input and output; defaults where absent). */
export function fieldsFromMetadata(meta: ModelMetadata): MetadataFields {
  const parsed = ModelMetadataSchema.parse(meta);
  const input = Object.values(parsed.network_data_format.inputs)[0];
  const output = Object.values(parsed.network_data_format.outputs)[0];
  const intensity = input?.intensity ?? { kind: 'minmax' as const };
  return {
    name: parsed.name,
    intensity: intensity.kind,
    center: intensity.kind === 'window' ? String(intensity.center) : '40',
    width: intensity.kind === 'window' ? String(intensity.width) : '400',
    height: input?.size ? String(input.size[0]) : '',
    widthPx: input?.size ? String(input.size[1]) : '',
    channels: input?.channels === 3 ? '3' : '1',
    rangeLo: String(input?.range[0] ?? 0),
    rangeHi: String(input?.range[1] ?? 1),
    mean: (input?.mean ?? [0]).join(', '),
    std: (input?.std ?? [1]).join(', '),
    outputKind: output?.kind ?? 'logits',
    classes: (output?.classes ?? []).join(', '),
  };
}

function num(label: string, text: string): number {
  const v = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(v)) throw new Error(`${label}: enter a number (got "${text}").`);
  return v;
}

function list(label: string, text: string): number[] {
  const parts = text.split(',').map((t) => t.trim()).filter(Boolean);
  if (parts.length === 0) throw new Error(`${label}: enter one number per channel, separated by commas.`);
  return parts.map((p) => num(label, p));
}

/**
 * metadata.json from the fields, keeping the input/output names of `base`. Throws a plain-words
 * error for a non-number, a non-positive width/size/std, or an empty range.
 */
export function metadataFromFields(f: MetadataFields, base: ModelMetadata): ModelMetadata {
  const inputName = Object.keys(base.network_data_format.inputs)[0] ?? 'image';
  const outputName = Object.keys(base.network_data_format.outputs)[0] ?? 'output';
  const lo = num('Range low', f.rangeLo);
  const hi = num('Range high', f.rangeHi);
  if (!(hi > lo)) throw new Error('Range: the high end must be above the low end.');
  const std = list('Std', f.std);
  if (std.some((s) => s <= 0)) throw new Error('Std: every value must be positive.');
  let size: [number, number] | undefined;
  if (f.height.trim() || f.widthPx.trim()) {
    size = [num('Input height', f.height), num('Input width', f.widthPx)];
    if (size.some((s) => !Number.isInteger(s) || s <= 0)) throw new Error('Input size: height and width must be positive whole numbers of pixels.');
  }
  let intensity: { kind: 'window'; center: number; width: number } | { kind: 'minmax' } = { kind: 'minmax' };
  if (f.intensity === 'window') {
    const width = num('Window width', f.width);
    if (!(width > 0)) throw new Error('Window width must be positive.');
    intensity = { kind: 'window', center: num('Window centre', f.center), width };
  }
  const classes = f.classes.split(',').map((c) => c.trim()).filter(Boolean);
  return ModelMetadataSchema.parse({
    ...base,
    name: f.name.trim() || base.name,
    network_data_format: {
      inputs: { [inputName]: { ...base.network_data_format.inputs[inputName], size, channels: Number(f.channels), intensity, range: [lo, hi], mean: list('Mean', f.mean), std } },
      outputs: { [outputName]: { ...base.network_data_format.outputs[outputName], kind: f.outputKind, classes } },
    },
  });
}
