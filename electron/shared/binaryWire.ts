/**
 * The binary wire format of the loopback server: a JSON value whose typed arrays (frame pixels,
 * float maps) travel as raw bytes instead of base64 text. Used for HTTP bodies and WebSocket frames.
 * Electron IPC needs none of this: structured clone already carries typed arrays.
 *
 * Layout (all integers little-endian):
 *   bytes 0–3  magic "AEGB"
 *   bytes 4–7  u32 length H of the UTF-8 JSON header
 *   bytes 8…   header `{ value, parts: [{ type, byteOffset, byteLength }] }`, where each typed array in
 *              `value` is replaced by `{ "$aegisPart": index }`
 *   then       each part's bytes at `byteOffset` (from the start of the message), 8-byte aligned so
 *              the decoder can view Float64Array parts in place without copying.
 */

/** The MIME type of a message in this format. */
export const BINARY_WIRE_MIME = 'application/vnd.aegis.binary';

const MAGIC = [0x41, 0x45, 0x47, 0x42]; // "AEGB"
const PART_KEY = '$aegisPart';

const TYPED_ARRAYS = {
  Uint8Array,
  Uint8ClampedArray,
  Int8Array,
  Uint16Array,
  Int16Array,
  Uint32Array,
  Int32Array,
  Float32Array,
  Float64Array,
} as const;
type TypedArrayName = keyof typeof TYPED_ARRAYS;
type AnyTypedArray = InstanceType<(typeof TYPED_ARRAYS)[TypedArrayName]>;

interface PartHeader {
  type: TypedArrayName;
  byteOffset: number;
  byteLength: number;
}

function typedArrayName(value: unknown): TypedArrayName | null {
  if (!ArrayBuffer.isView(value) || value instanceof DataView) return null;
  // Node's Buffer is a Uint8Array subclass; send it as a plain Uint8Array.
  for (const name of Object.keys(TYPED_ARRAYS) as TypedArrayName[]) {
    if (value instanceof TYPED_ARRAYS[name]) return name;
  }
  return null;
}

/** True when `value` holds a typed array anywhere inside it (so it must travel as binary). */
export function containsBinary(value: unknown): boolean {
  if (typedArrayName(value)) return true;
  if (Array.isArray(value)) return value.some(containsBinary);
  if (value !== null && typeof value === 'object') return Object.values(value).some(containsBinary);
  return false;
}

/** Encodes a JSON-compatible value that may contain typed arrays into one binary message. */
export function encodeBinaryMessage(value: unknown): Uint8Array {
  const parts: AnyTypedArray[] = [];
  const replace = (v: unknown): unknown => {
    const name = typedArrayName(v);
    if (name) {
      parts.push(v as AnyTypedArray);
      return { [PART_KEY]: parts.length - 1 };
    }
    if (Array.isArray(v)) return v.map(replace);
    if (v !== null && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, replace(x)]));
    }
    return v;
  };
  const skeleton = replace(value);

  // Offsets depend on the header length, which depends on the offsets' digits: iterate to a fixpoint.
  const layout = (headerLength: number) => {
    let offset = align8(8 + headerLength);
    const partHeaders: PartHeader[] = parts.map((p) => {
      const h = { type: typedArrayName(p) as TypedArrayName, byteOffset: offset, byteLength: p.byteLength };
      offset = align8(offset + p.byteLength);
      return h;
    });
    return { partHeaders, headerBytes: new TextEncoder().encode(JSON.stringify({ value: skeleton, parts: partHeaders })) };
  };
  let guess = 0;
  let { partHeaders, headerBytes } = layout(guess);
  while (headerBytes.length !== guess) {
    guess = headerBytes.length;
    ({ partHeaders, headerBytes } = layout(guess));
  }

  const last = partHeaders[partHeaders.length - 1];
  const total = last ? last.byteOffset + last.byteLength : 8 + headerBytes.length;
  const out = new Uint8Array(total);
  out.set(MAGIC, 0);
  new DataView(out.buffer).setUint32(4, headerBytes.length, true);
  out.set(headerBytes, 8);
  parts.forEach((p, i) => out.set(new Uint8Array(p.buffer, p.byteOffset, p.byteLength), partHeaders[i].byteOffset));
  return out;
}

/**
 * Decodes a message made by {@link encodeBinaryMessage}. Typed arrays come back with their original
 * element type, viewing the message's buffer without a copy when it is 8-byte aligned.
 * @throws Error with a plain description when the bytes are not such a message.
 */
export function decodeBinaryMessage(bytes: Uint8Array | ArrayBuffer): unknown {
  let view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  if (view.byteOffset % 8 !== 0) view = view.slice();
  if (view.length < 8 || MAGIC.some((b, i) => view[i] !== b)) {
    throw new Error('Not an Aegis binary message (missing "AEGB" magic).');
  }
  const headerLength = new DataView(view.buffer, view.byteOffset, 8).getUint32(4, true);
  if (8 + headerLength > view.length) throw new Error('Aegis binary message truncated inside its header.');
  const header = JSON.parse(new TextDecoder().decode(view.subarray(8, 8 + headerLength))) as {
    value: unknown;
    parts: PartHeader[];
  };
  const arrays = header.parts.map((p, i) => {
    const Ctor = TYPED_ARRAYS[p.type];
    if (!Ctor) throw new Error(`Aegis binary message part ${i} has unknown type "${p.type}".`);
    if (p.byteOffset + p.byteLength > view.length) throw new Error(`Aegis binary message truncated in part ${i}.`);
    return new Ctor(view.buffer as ArrayBuffer, view.byteOffset + p.byteOffset, p.byteLength / Ctor.BYTES_PER_ELEMENT);
  });
  const restore = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(restore);
    if (v !== null && typeof v === 'object') {
      const index = (v as Record<string, unknown>)[PART_KEY];
      if (typeof index === 'number' && Object.keys(v).length === 1) return arrays[index];
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, restore(x)]));
    }
    return v;
  };
  return restore(header.value);
}

function align8(n: number): number {
  return Math.ceil(n / 8) * 8;
}
