import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatImrmc, parseImrmc } from '../../../electron/engine/stats/mrmc';

const text = readFileSync(new URL('fixtures/VanDyke.imrmc', import.meta.url), 'utf8');
const head = 'T\nNR:1\nN0:1\nN1:1\nNM:1\nBEGIN DATA:\n-1,1,truth,0\n-1,2,truth,1\n';

describe('iMRMC files', () => {
  it('reads Van Dyke and writes it back row for row', () => {
    const d = parseImrmc(text);
    expect(d.header).toEqual(['Van Dyke Data File']);
    expect(d.cases).toHaveLength(114);
    expect(d.scores).toHaveLength(1140);
    expect(d.readers).toEqual(['0', '1', '2', '3', '4']);
    const again = parseImrmc(formatImrmc(d));
    expect(again).toEqual(d);
    expect(formatImrmc(d).split('\n').slice(0, 6)).toEqual(['Van Dyke Data File', 'NR:5', 'N0:69', 'N1:45', 'NM:2', 'BEGIN DATA:']);
  });

  it('refuses bad files with the line and the fix', () => {
    expect(() => parseImrmc('x\n-1,1,truth,0')).toThrow(/no "BEGIN DATA:" line/);
    expect(() => parseImrmc('NR:1\nBEGIN DATA:\n')).toThrow(/lacks N0:, N1:, NM:/);
    expect(() => parseImrmc(`${head}r,1a,m,3\n`, 'f.imrmc')).toThrow(/f.imrmc line 9: case id "1a" is not an integer/);
    expect(() => parseImrmc(`${head}r,1,m,3\nr,1,m,4\n`)).toThrow(/line 10: reader r scored case 1 in modality m twice/);
    expect(() => parseImrmc(`${head}r,3,m,3\n`)).toThrow(/case 3 has no truth row/);
    expect(() => parseImrmc(`${head}r,1,m,NaN\n`)).toThrow(/not a finite number/);
    expect(() => parseImrmc(`${head}-1,3,truth,2\n`)).toThrow(/truth must be 0/);
    expect(() => parseImrmc(`${head}r,1,m,3\nq,1,m,3\n`)).toThrow(/header says NR:1 but the data have 2/);
    expect(() => parseImrmc(`${head}r,1,m\n`)).toThrow(/expected 4 comma-separated fields/);
  });

  it('refuses to write ids the format cannot hold', () => {
    const d = parseImrmc(`${head}r,1,m,3\nr,2,m,4\n`);
    expect(() => formatImrmc({ ...d, readers: ['a,b'] })).toThrow(/commas/);
    expect(() => formatImrmc({ ...d, modalities: ['truth'] })).toThrow(/reserved/);
  });
});
