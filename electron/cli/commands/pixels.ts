/** `aegis pixels FILE`: one frame's decoded pixels as a NumPy .npy file. */
import { decodeFrame, loadInstance, toModality, type StoredPixels } from '../../dicom';
import { writeNpy, type NpyData } from '../../engine/io/npy';
import { UsageError, type Command } from '../command';
import { parseCommandArgs } from '../args';

export const pixels: Command = {
  usage: [
    'Usage: aegis pixels FILE.dcm [--frame N] [--stored] --out X.npy',
    '',
    'Decodes a frame (any transfer syntax Aegis reads) and writes it as a NumPy array:',
    '  default    modality values (Rescale Slope × stored + Intercept, e.g. HU for CT) as float32, rows×columns;',
    '             colour images (RGB, YBR, PALETTE COLOR) as rows×columns×3 RGB in float32',
    '  --stored   stored values after decompression, high bits masked and sign-extended, before the',
    '             modality LUT, in their own integer type (uint8/int8/uint16/int16/int32; 32-bit unsigned',
    '             as float64, which holds it exactly); colour stays rows×columns×3 as decoded',
    '',
    'Options:',
    '  --frame N  0-based frame of a multi-frame image (default 0)',
    '  --out X    the .npy file to write (required)',
  ].join('\n'),
  async run(argv) {
    const parsed = parseCommandArgs('pixels', argv, { frame: { type: 'string' }, stored: { type: 'boolean' }, out: { type: 'string' } });
    const [file, ...extra] = parsed.positionals;
    if (!file || extra.length) throw new UsageError('give exactly one DICOM file: aegis pixels FILE.dcm --out X.npy');
    if (!parsed.values.out) throw new UsageError('--out X.npy is required');
    const frame = parsed.values.frame === undefined ? 0 : Number(parsed.values.frame);
    if (!Number.isInteger(frame) || frame < 0) throw new UsageError(`--frame must be a whole number ≥ 0, not "${parsed.values.frame}"`);
    const decoded = await decodeFrame(await loadInstance(file), frame);
    const { meta } = decoded;
    const colour = decoded.rgb !== undefined;
    const shape = colour ? [meta.rows, meta.columns, 3] : [meta.rows, meta.columns];
    let data: NpyData;
    let what: string;
    if (parsed.values.stored) {
      data = npyStored(decoded.stored);
      what = `stored values (${meta.bitsStored} of ${meta.bitsAllocated} bits, ${meta.pixelRepresentation ? 'signed' : 'unsigned'})`;
      if (meta.samplesPerPixel === 1 && colour) shape.pop(); // PALETTE COLOR: stored values are indices
    } else if (colour) {
      data = Float32Array.from(decoded.rgb!);
      what = 'RGB';
    } else {
      data = toModality(decoded.stored, meta);
      what = `modality values (slope ${meta.rescaleSlope}, intercept ${meta.rescaleIntercept})`;
    }
    await writeNpy(parsed.values.out, { data, shape });
    console.log(`${parsed.values.out}: ${shape.join('×')} ${data.constructor.name.replace('Array', '').toLowerCase()} ${what}, frame ${frame} of ${meta.numberOfFrames}`);
    return 0;
  },
};

/** Stored arrays as .npy dtypes; uint32 has none there, float64 holds it exactly. */
function npyStored(stored: StoredPixels): NpyData {
  return stored instanceof Uint32Array ? Float64Array.from(stored) : stored;
}
