/** The data set as a tree of {@link TagNode}s for the tag browser, sequences included. */
import dicomParser from 'dicom-parser';
import type { TagNode } from '../shared/studyTypes';
import { nameOf, vrOf } from './dictionary';
import { guard, type ParsedInstance } from './parseInstance';

const MAX_VALUE = 256;
const BINARY = new Set(['OB', 'OW', 'OD', 'OF', 'OL', 'OV', 'UN']);
const TEXT_VRS = new Set(['AE', 'AS', 'CS', 'DA', 'DS', 'DT', 'IS', 'LO', 'LT', 'PN', 'SH', 'ST', 'TM', 'UC', 'UI', 'UR', 'UT']);

/** Meta header then data set; values shortened to 256 characters, binary values summarised by size. */
export function tagTree(instance: ParsedInstance): TagNode[] {
  return guard(instance.path, () => {
    const meta = instance.meta ? nodes(instance.meta, 0) : [];
    return [...meta, ...nodes(instance.dataSet, 0)];
  });
}

function nodes(ds: dicomParser.DataSet, depth: number): TagNode[] {
  return Object.keys(ds.elements)
    .sort()
    .map((key) => node(ds, ds.elements[key]!, depth));
}

function node(ds: dicomParser.DataSet, el: dicomParser.Element, depth: number): TagNode {
  const key = el.tag.slice(1).toUpperCase();
  const tag = `(${key.slice(0, 4)},${key.slice(4)})`;
  const vr = el.vr ?? (el.items ? 'SQ' : vrOf(key) || 'UN');
  if (el.items) {
    const items = depth < 8 ? el.items.map((item) => (item.dataSet ? nodes(item.dataSet, depth + 1) : [])) : [];
    return { tag, vr: 'SQ', name: nameOf(key), value: `${el.items.length} item(s)`, items };
  }
  return { tag, vr, name: nameOf(key), value: valueOf(ds, el, vr) };
}

function valueOf(ds: dicomParser.DataSet, el: dicomParser.Element, vr: string): string {
  if (el.tag === 'x7fe00010') return el.encapsulatedPixelData ? `${el.fragments?.length ?? 0} compressed fragment(s)` : `${el.length.toLocaleString('en-US')} bytes`;
  if (el.dataOffset + el.length > ds.byteArray.length) return `(${el.length} bytes, past the end of the file)`;
  if (BINARY.has(vr) || el.length > 4096) return `(${el.length.toLocaleString('en-US')} bytes)`;
  let text: string;
  if (TEXT_VRS.has(vr)) text = (ds.string(el.tag) ?? '').replace(/\0/g, '');
  else text = numbers(ds, el, vr);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE)}…` : text;
}

function numbers(ds: dicomParser.DataSet, el: dicomParser.Element, vr: string): string {
  const read: Record<string, [number, (i: number) => number | undefined]> = {
    US: [2, (i) => ds.uint16(el.tag, i)],
    SS: [2, (i) => ds.int16(el.tag, i)],
    UL: [4, (i) => ds.uint32(el.tag, i)],
    SL: [4, (i) => ds.int32(el.tag, i)],
    FL: [4, (i) => ds.float(el.tag, i)],
    FD: [8, (i) => ds.double(el.tag, i)],
  };
  if (vr === 'AT') return ds.attributeTag(el.tag) ?? '';
  const r = read[vr];
  if (!r) return `(${el.length} bytes)`;
  const count = Math.min(Math.floor(el.length / r[0]), 64);
  return Array.from({ length: count }, (_, i) => String(r[1](i))).join('\\');
}
