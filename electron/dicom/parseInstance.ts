/**
 * Lenient Part 10 / raw data set parsing on top of dicom-parser: files with or without preamble and
 * meta header, implicit/explicit little endian, explicit big endian, deflated; a missing or wrong
 * transfer syntax is sniffed from the data set itself.
 */
import dicomParser from 'dicom-parser';
import { inflateRaw } from 'pako';
import { readFile } from 'node:fs/promises';
import { DicomError } from './dicomError';
import { addMissingFragments } from './encapsulatedItems';
import { countElements, MAX_HEADER_ELEMENTS } from './headerBudget';
import { plain } from './plainWords';
import { EXPLICIT_BE, EXPLICIT_LE, IMPLICIT_LE, transferSyntaxInfo, type TransferSyntaxInfo } from './transferSyntax';
import { vrOf } from './dictionary';

/** One parsed DICOM object. `dataSet` holds the data set proper, `meta` the group 0002 header if any. */
export interface ParsedInstance {
  /** Source path, or null when parsed from bytes only. */
  path: string | null;
  dataSet: dicomParser.DataSet;
  meta: dicomParser.DataSet | null;
  transferSyntax: TransferSyntaxInfo;
  /** Things a lenient reader fixed or guessed, in plain words. */
  warnings: string[];
  /** True when parsing stopped before Pixel Data (indexing). */
  headerOnly: boolean;
}

/** Options for {@link parseInstance}. */
export interface ParseOptions {
  /** Used in messages and kept on the result. */
  path?: string;
  /** Stop before (7FE0,0010) Pixel Data: fast, for indexing. */
  headerOnly?: boolean;
}

const VRS = new Set(
  'AE AS AT CS DA DS DT FD FL IS LO LT OB OD OF OL OV OW PN SH SL SQ SS ST SV TM UC UI UL UN UR US UT UV'.split(' '),
);

/** Reads a file and parses it; see {@link parseInstance}. Never opens the file for writing. */
export async function loadInstance(path: string, options: Omit<ParseOptions, 'path'> = {}): Promise<ParsedInstance> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'file not found' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a folder' : `cannot be read (${code ?? String(err)})`;
    throw new DicomError(why, path);
  }
  return parseInstance(bytes, { ...options, path });
}

/**
 * Parses DICOM bytes. Throws {@link DicomError} with a plain-words reason when the bytes are not a
 * DICOM data set a lenient reader can make sense of.
 */
export function parseInstance(bytes: Uint8Array, options: ParseOptions = {}): ParsedInstance {
  return guard(options.path, () => parseUnguarded(bytes, options));
}

/**
 * Runs `fn`, turning anything but a {@link DicomError} (a library tripping over damaged data) into a
 * DicomError, so callers only ever see plain-words failures.
 */
export function guard<T>(path: string | null | undefined, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof DicomError) throw err;
    throw new DicomError(`file is damaged (${plain(err)})`, path ?? undefined);
  }
}

function parseUnguarded(bytes: Uint8Array, options: ParseOptions): ParsedInstance {
  const path = options.path ?? null;
  const fail = (why: string): never => {
    throw new DicomError(why, path ?? undefined);
  };
  const warnings: string[] = [];
  // A Node Buffer's slice() shares memory and its .buffer is a pool; work on a plain Uint8Array view.
  bytes = patchOvLengths(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  if (bytes.length < 8) fail(`not a DICOM file (only ${bytes.length} bytes)`);

  let part10 = bytes.length >= 132 && ascii(bytes, 128, 4) === 'DICM';
  // A meta header without the 128-byte preamble: give dicom-parser the preamble it expects.
  if (!part10 && u16le(bytes, 0) === 0x0002 && VRS.has(ascii(bytes, 4, 2))) {
    const padded = new Uint8Array(bytes.length + 132);
    padded.set([0x44, 0x49, 0x43, 0x4d], 128);
    padded.set(bytes, 132);
    bytes = padded;
    part10 = true;
    warnings.push('no 128-byte preamble before the meta header');
  }

  let meta: dicomParser.DataSet | null = null;
  let body = bytes;
  let tsUid: string;
  /** The VR encoding the data set really uses, when it differs from the transfer syntax's. */
  let foundVr: string | null = null;
  if (part10) {
    try {
      meta = dicomParser.readPart10Header(bytes);
    } catch (err) {
      if (tooDeep(err)) fail(TOO_DEEP);
      fail(`meta header is damaged (${plain(err)})`);
    }
    const position = (meta as unknown as { position: number }).position;
    body = bytes.subarray(position);
    const named = (meta!.string('x00020010') ?? '').replace(/\0/g, '').trim();
    const sniffed = sniff(body);
    if (!named) {
      if (!sniffed) fail('no transfer syntax in the meta header and the data set is not recognisable');
      warnings.push(`no transfer syntax in the meta header; read as ${transferSyntaxInfo(sniffed!).name}`);
      tsUid = sniffed!;
    } else {
      tsUid = named;
      const info = transferSyntaxInfo(named);
      // A common defect: meta header says explicit VR, data set is implicit (or the reverse).
      if (!info.deflated && sniffed && transferSyntaxInfo(sniffed).explicitVr !== info.explicitVr && info.littleEndian) {
        warnings.push(`transfer syntax says ${info.explicitVr ? 'explicit' : 'implicit'} VR but the data set is ${info.explicitVr ? 'implicit' : 'explicit'}; read as found`);
        // Only the VR encoding is wrong: a compressed syntax keeps its codec (pydicom's SC_rgb_jpeg.dcm).
        foundVr = info.explicitVr ? IMPLICIT_LE : EXPLICIT_LE;
        if (info.encoding === 'native') tsUid = foundVr;
      }
    }
  } else {
    const sniffed = sniff(bytes);
    if (!sniffed) fail("not a DICOM file (no 'DICM' marker at byte 128 and no data set at the start)");
    warnings.push('no preamble or meta header');
    tsUid = sniffed!;
  }

  const transferSyntax = transferSyntaxInfo(tsUid!);
  let parseUid =
    foundVr ??
    (transferSyntax.encoding === 'native' && !transferSyntax.deflated ? tsUid! : transferSyntax.littleEndian ? (transferSyntax.explicitVr ? EXPLICIT_LE : IMPLICIT_LE) : EXPLICIT_BE);
  if (transferSyntax.deflated) {
    try {
      body = inflateRaw(body);
    } catch (err) {
      fail(`deflated data set cannot be inflated (${plain(err)})`);
    }
    parseUid = EXPLICIT_LE;
  }

  if (parseUid !== EXPLICIT_BE && countElements(body, parseUid !== IMPLICIT_LE) > MAX_HEADER_ELEMENTS) {
    fail(`the data set holds over ${MAX_HEADER_ELEMENTS.toLocaleString('en-US')} elements and sequence items before the image, far more than any real DICOM file; not read`);
  }
  const dataSet = parseBody(body, parseUid, options.headerOnly === true, warnings, fail);
  if (transferSyntax.encoding !== 'native') addMissingFragments(dataSet, warnings);
  delete dataSet.elements.x00020010;
  return { path, dataSet, meta, transferSyntax, warnings, headerOnly: options.headerOnly === true };
}

function parseBody(
  body: Uint8Array,
  tsUid: string,
  headerOnly: boolean,
  warnings: string[],
  fail: (why: string) => never,
): dicomParser.DataSet {
  const opts: dicomParser.ParseDicomOptions = {
    TransferSyntaxUID: tsUid,
    vrCallback: (tag: string) => (vrOf(tag) || undefined) as unknown as void,
  };
  if (headerOnly) opts.untilTag = 'x7fe00010';
  let dataSet: dicomParser.DataSet;
  try {
    dataSet = dicomParser.parseDicom(body, opts);
  } catch (err) {
    // Thousands of nested sequences exhaust the parser's stack: what was read so far is not the file.
    if (tooDeep(err)) fail(TOO_DEEP);
    const partial = (err as { dataSet?: dicomParser.DataSet }).dataSet;
    const count = partial ? Object.keys(partial.elements).length : 0;
    if (!partial || count < 2) fail(`data set cannot be read (${plain(err)})`);
    warnings.push(`data set ends early (${plain(err)}); ${count} elements read`);
    dataSet = partial!;
  }
  warnings.push(...dataSet.warnings.map((w) => w.replace(/^dicomParser\.[\w.]+: /, '')));
  dropOverruns(dataSet, warnings);
  return dataSet;
}

/**
 * Removes elements whose value runs past the end of the data (a damaged length), so later reads
 * cannot overrun; Pixel Data stays so the reader can say how much of it is missing.
 */
function dropOverruns(ds: dicomParser.DataSet, warnings: string[]): void {
  const end = ds.byteArray.length;
  for (const [key, el] of Object.entries(ds.elements)) {
    if (el.items) {
      for (const item of el.items) if (item.dataSet) dropOverruns(item.dataSet, warnings);
      continue;
    }
    if (key === 'x7fe00010' || el.dataOffset + el.length <= end) continue;
    delete ds.elements[key];
    warnings.push(`(${key.slice(1, 5).toUpperCase()},${key.slice(5).toUpperCase()}) runs past the end of the data; ignored`);
  }
}

/** Guesses the transfer syntax of a raw data set from its first element; null if it is not one. */
function sniff(b: Uint8Array): string | null {
  if (b.length < 8) return null;
  const groupLe = u16le(b, 0);
  const groupBe = (b[0]! << 8) | b[1]!;
  const plausible = (g: number) => g >= 0x0002 && g <= 0x7fe0 && g % 2 === 0 && g <= 0x0040;
  const explicit = VRS.has(ascii(b, 4, 2));
  if (plausible(groupLe)) return explicit ? EXPLICIT_LE : IMPLICIT_LE;
  if (plausible(groupBe) && explicit) return EXPLICIT_BE;
  return null;
}

/**
 * dicom-parser 1.8 reads the OV VR (Extended Offset Table, 7FE0,0001/0002) with a 2-byte length and
 * loses the rest of the file. OV has the same layout as OB, so a copy with those VRs relabelled OB
 * parses correctly (the tables are read as raw bytes either way).
 */
function patchOvLengths(bytes: Uint8Array): Uint8Array {
  let copy: Uint8Array | null = null;
  for (const element of [1, 2]) {
    const pattern = Buffer.from([0xe0, 0x7f, element, 0x00, 0x4f, 0x56, 0x00, 0x00]);
    const at = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(pattern);
    if (at < 0) continue;
    copy ??= bytes.slice();
    copy[at + 5] = 0x42;
  }
  return copy ?? bytes;
}

function u16le(b: Uint8Array, at: number): number {
  return b[at]! | (b[at + 1]! << 8);
}

function ascii(b: Uint8Array, at: number, n: number): string {
  let s = '';
  for (let i = at; i < at + n && i < b.length; i++) s += String.fromCharCode(b[i]!);
  return s;
}

/** The message for a data set whose sequences nest deeper than the reader's stack allows. */
const TOO_DEEP = 'sequences are nested thousands of levels deep, which no real DICOM file does; the file is damaged or crafted';

/** True when `err` (or the error dicom-parser wraps) is a stack overflow from deeply nested sequences. */
function tooDeep(err: unknown): boolean {
  const inner = (err as { exception?: unknown })?.exception ?? err;
  return inner instanceof RangeError || /Maximum call stack size exceeded/.test(String(inner));
}

/** Plain words for a library failure; see ./plainWords. */
export { plain } from './plainWords';
