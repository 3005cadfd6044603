/**
 * A parsed instance as plain Part 10 bytes (preamble, DICM, a fresh meta header, the data set as
 * read), so dcmjs can rewrite files it could not open itself: no preamble or meta header, a missing
 * transfer syntax, deflated data sets (given inflated, as Explicit VR Little Endian).
 */
import type { ParsedInstance } from './parseInstance';
import { EXPLICIT_LE } from './transferSyntax';

function element(group: number, el: number, vr: string, value: Uint8Array): Uint8Array {
  const long = vr === 'OB';
  const out = new Uint8Array((long ? 12 : 8) + value.length);
  const v = new DataView(out.buffer);
  v.setUint16(0, group, true);
  v.setUint16(2, el, true);
  out[4] = vr.charCodeAt(0);
  out[5] = vr.charCodeAt(1);
  if (long) v.setUint32(8, value.length, true);
  else v.setUint16(6, value.length, true);
  out.set(value, long ? 12 : 8);
  return out;
}

function uid(text: string): Uint8Array {
  const b = new TextEncoder().encode(text.replace(/\0/g, '').trim());
  return b.length % 2 ? Uint8Array.from([...b, 0]) : b;
}

/** Part 10 bytes of `instance` (which must have been parsed in full, not header-only). */
export function part10Bytes(instance: ParsedInstance): Uint8Array {
  const ds = instance.dataSet;
  const ts = instance.transferSyntax.deflated ? EXPLICIT_LE : instance.transferSyntax.uid;
  const meta = [
    element(2, 1, 'OB', Uint8Array.of(0, 1)),
    element(2, 2, 'UI', uid(ds.string('x00080016') ?? '')),
    element(2, 3, 'UI', uid(ds.string('x00080018') ?? '')),
    element(2, 0x10, 'UI', uid(ts)),
  ];
  const metaLength = meta.reduce((n, m) => n + m.length, 0);
  const groupLength = element(2, 0, 'UL', new Uint8Array(new Uint32Array([metaLength]).buffer));
  const body = ds.byteArray;
  const out = new Uint8Array(132 + groupLength.length + metaLength + body.length);
  out.set([0x44, 0x49, 0x43, 0x4d], 128);
  let at = 132;
  for (const part of [groupLength, ...meta, body]) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
