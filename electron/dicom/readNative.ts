/** Native (uncompressed) frame bytes → integer samples, honouring byte order and bit packing. */
import type { DecodedSamples } from './codecs/decodedSamples';
import type { NativeFrame } from './frameBytes';
import type { ParsedInstance } from './parseInstance';
import type { PixelModule } from './pixelModule';

/** Reads one native frame's samples (raw, before masking); planar when Planar Configuration is 1. */
export function readNative(instance: ParsedInstance, pm: PixelModule, frame: NativeFrame): DecodedSamples {
  const { bytes, bitOffset } = frame;
  const le = instance.transferSyntax.littleEndian;
  const packed422 = pm.photometricInterpretation === 'YBR_FULL_422';
  const count = pm.rows * pm.columns * (packed422 ? 2 : pm.samplesPerPixel);
  let samples: DecodedSamples['samples'];
  if (pm.bitsAllocated === 1) {
    samples = new Uint8Array(count);
    for (let i = 0; i < count; i++) {
      const bit = bitOffset + i;
      samples[i] = (bytes[bit >> 3]! >> (bit & 7)) & 1;
    }
  } else if (pm.bitsAllocated === 8) {
    samples = new Uint8Array(bytes.subarray(0, count));
    // Big endian OW swaps byte pairs even for 8-bit samples (PS3.5 7.3).
    if (!le && instance.dataSet.elements.x7fe00010?.vr === 'OW') {
      for (let i = 0; i + 1 < samples.length; i += 2) {
        const t = samples[i]!;
        samples[i] = samples[i + 1]!;
        samples[i + 1] = t;
      }
    }
  } else {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (pm.bitsAllocated === 16) {
      const out = new Uint16Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getUint16(2 * i, le);
      samples = out;
    } else {
      const out = new Uint32Array(count);
      // A 32-bit sample in Explicit VR Big Endian is one big-endian 32-bit value whatever the VR says
      // (as dcmtk, GDCM and pydicom read it: pydicom's rtdose_expb.dcm equals rtdose.dcm).
      for (let i = 0; i < count; i++) out[i] = view.getUint32(4 * i, le);
      samples = out;
    }
  }
  const planar = pm.samplesPerPixel === 3 && pm.planarConfiguration === 1 && !packed422;
  return { width: pm.columns, height: pm.rows, components: packed422 ? 3 : pm.samplesPerPixel, samples, planar };
}
