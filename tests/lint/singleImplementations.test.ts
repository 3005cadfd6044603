/**
 * One of each (issue 12 item 6): the source tree holds one durable atomic writer, one PNG encoder,
 * one Part-10 DICOM writer and one integral-image window sum, and nothing else re-implements them.
 * Each check scans every product and native-models source file for the marks of an implementation.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts'))
    .map((e) => join(e.parentPath, e.name).split('\\').join('/'));
}

const FILES = ['electron', 'native-models', 'renderer'].flatMap(sources).map((path) => ({ path, text: readFileSync(path, 'utf8') }));

/** Files whose text matches every pattern. */
const implementing = (...marks: RegExp[]) => FILES.filter((f) => marks.every((m) => m.test(f.text))).map((f) => f.path).sort();

describe('one implementation of each base service', () => {
  it('scans the tree', () => {
    expect(FILES.length).toBeGreaterThan(200);
  });

  it('one atomic writer: only electron/base/atomicWrite.ts fsyncs, renames or links a file into place', () => {
    expect(implementing(/\bfsync(Sync)?\(|\.sync\(\)/)).toEqual(['electron/base/atomicWrite.ts']);
    // write-to-temp-then-rename: a temporary name and a rename/link of it.
    expect(implementing(/\.tmp\b|tmp-|tmpdir/, /\b(rename|renameSync|link|linkSync)\(\s*tmp\b/)).toEqual(['electron/base/atomicWrite.ts']);
  });

  it('one PNG encoder: only electron/base/png.ts deflates an IDAT', () => {
    expect(implementing(/IHDR/, /deflate(Sync)?\(/)).toEqual(['electron/base/png.ts']);
  });

  it("one Part-10 writer: only electron/dicom/dcmjsIo.ts serialises a data set (dcmjs' DicomDict)", () => {
    expect(implementing(/DicomDict\b/)).toEqual(['electron/dicom/dcmjsIo.ts']);
    // Outside the DICOM room nothing builds Part 10 bytes by hand (the "DICM" marker after the preamble).
    expect(implementing(/'DICM'|0x44, 0x49, 0x43, 0x4d/).filter((f) => !f.startsWith('electron/dicom/'))).toEqual([]);
  });

  it('one integral-image window sum: electron/engine/imaging/windowSum.ts', () => {
    expect(implementing(/\(y \+ 1\) \* \(w \+ 1\) \+ x \+ 1\]/)).toEqual(['electron/engine/imaging/windowSum.ts']);
  });
});
