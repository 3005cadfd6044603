import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLabelledDataset } from '../../../electron/engine/qa/labelsCsv';

function folder(files: string[], csv: string): { dir: string; labels: string } {
  const dir = mkdtempSync(join(tmpdir(), 'aegis-qa-labels-'));
  for (const f of files) writeFileSync(join(dir, f), 'x');
  const labels = join(dir, 'labels.csv');
  writeFileSync(labels, csv);
  return { dir, labels };
}

const CLASSES = ['nodule absent', 'nodule present'];

describe('readLabelledDataset', () => {
  it('reads class names (any case, quoted) and indices', () => {
    const { dir, labels } = folder(['a.dcm', 'b,c.dcm', 'd.dcm'], 'file,label\r\na.dcm,Nodule Present\n"b,c.dcm","nodule absent"\nd.dcm,1\n\n');
    const items = readLabelledDataset(dir, labels, CLASSES, false);
    expect(items.map((i) => [i.file, i.label])).toEqual([['a.dcm', 1], ['b,c.dcm', 0], ['d.dcm', 1]]);
    expect(items[0]!.path).toBe(join(dir, 'a.dcm'));
  });

  it('names the line and the fix for each kind of bad row', () => {
    const a = folder(['a.dcm'], 'file,label\na.dcm,cat\n');
    expect(() => readLabelledDataset(a.dir, a.labels, CLASSES, false)).toThrow(/line 2: unknown label "cat".*"nodule absent" \(0\), "nodule present" \(1\)/);
    const b = folder(['a.dcm'], 'file,label\nmissing.dcm,0\n');
    expect(() => readLabelledDataset(b.dir, b.labels, CLASSES, false)).toThrow(/line 2: "missing.dcm" does not exist/);
    const c = folder(['a.dcm'], 'file,label\na.dcm,0\na.dcm,1\n');
    expect(() => readLabelledDataset(c.dir, c.labels, CLASSES, false)).toThrow(/line 3: "a.dcm" is listed twice \(first on line 2\)/);
    const d = folder(['a.dcm'], 'name,label\na.dcm,0\n');
    expect(() => readLabelledDataset(d.dir, d.labels, CLASSES, false)).toThrow(/header naming the columns "file"/);
    const e = folder(['a.dcm'], 'file,label\n../a.dcm,0\n');
    expect(() => readLabelledDataset(e.dir, e.labels, CLASSES, false)).toThrow(/outside the data folder/);
    const f = folder(['a.dcm'], 'file,label\na.dcm,2\n');
    expect(() => readLabelledDataset(f.dir, f.labels, CLASSES, false)).toThrow(/unknown label "2"/);
    expect(() => readLabelledDataset(f.dir, join(f.dir, 'nope.csv'), CLASSES, false)).toThrow(/no such labels file/);
    const g = folder(['a.dcm'], 'file,label\na.dcm,0\n');
    expect(() => readLabelledDataset(g.dir, g.labels, [], true)).toThrow(/no "mask" column/);
  });

  it('pairs segmentation images with their masks', () => {
    const { dir, labels } = folder(['a.dcm', 'a_mask.png'], 'file,mask\na.dcm,a_mask.png\n');
    expect(readLabelledDataset(dir, labels, [], true)).toEqual([{ file: 'a.dcm', path: join(dir, 'a.dcm'), label: -1, mask: join(dir, 'a_mask.png') }]);
    const bad = folder(['a.dcm'], 'file,mask\na.dcm,gone.png\n');
    expect(() => readLabelledDataset(bad.dir, bad.labels, [], true)).toThrow(/mask "gone.png" does not exist/);
  });
});
