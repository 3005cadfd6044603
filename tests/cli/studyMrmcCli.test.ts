// `aegis study mrmc FILE.imrmc --json` end to end: the published Van Dyke and Franken figures come out of the CLI.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const fixture = (name: string) => fileURLToPath(new URL(`../engine/stats/fixtures/${name}`, import.meta.url));
const cli = (...args: string[]) => JSON.parse(execFileSync('node', ['bin/aegis.js', 'study', 'mrmc', ...args, '--json'], { encoding: 'utf8' }));

describe('aegis study mrmc', () => {
  it('Van Dyke 1993: AUCs to 1e-6 and all three analyses at the printed precision', () => {
    const a = cli(fixture('VanDyke.imrmc'));
    expect(Math.abs(a.modalityAuc[0].auc - 0.89703704)).toBeLessThan(1e-6);
    expect(Math.abs(a.modalityAuc[1].auc - 0.94083736)).toBeLessThan(1e-6);
    expect(Math.abs(a.readerAuc[9].auc - 0.92995169)).toBeLessThan(1e-6);
    const [rr, fr, rf] = [a.rrrc.differences[0], a.frrc.differences[0], a.rrfc.differences[0]];
    expect([rr.se.toFixed(5), a.rrrc.ddf.toFixed(2), rr.statistic.toFixed(2), a.rrrc.p.toFixed(4), rr.lower.toFixed(5), rr.upper.toFixed(5)]).toEqual([
      '0.02075', '15.26', '-2.11', '0.0517', '-0.08796', '0.00036',
    ]);
    expect([fr.se.toFixed(5), fr.statistic.toFixed(2), a.frrc.p.toFixed(4), fr.lower.toFixed(5), fr.upper.toFixed(5)]).toEqual(['0.01872', '-2.34', '0.0193', '-0.08049', '-0.00711']);
    expect([rf.se.toFixed(5), a.rrfc.df2, rf.statistic.toFixed(2), a.rrfc.p.toFixed(4), rf.lower.toFixed(5), rf.upper.toFixed(5)]).toEqual([
      '0.01485', 4, '-2.95', '0.0420', '-0.08502', '-0.00258',
    ]);
  });

  it('Franken 1992: the clamp makes RRRC equal RRFC (ddf 3)', () => {
    const a = cli(fixture('Franken.imrmc'));
    expect(a.rrrc.ddf).toBe(3);
    expect([a.rrrc.f.toFixed(2), a.rrrc.p.toFixed(4), a.rrrc.differences[0].se.toFixed(5)]).toEqual(['4.69', '0.1188', '0.00501']);
    expect([a.frrc.chiSquare.toFixed(5), a.frrc.p.toFixed(4), a.frrc.differences[0].se.toFixed(5)]).toEqual(['0.32101', '0.5710', '0.01916']);
  });

  it('DeLong covariance on request; bad files and options give a plain error and exit code', () => {
    expect(cli(fixture('VanDyke.imrmc'), '--covariance', 'delong').rrrc.ddf.toFixed(2)).toBe('15.07');
    const dir = mkdtempSync(join(tmpdir(), 'aegis-mrmc-'));
    writeFileSync(join(dir, 'bad.imrmc'), 'NR:1\nN0:1\nN1:1\nNM:1\nBEGIN DATA:\n-1,1,truth,0\n-1,x,truth,1\n');
    const bad = spawnSync('node', ['bin/aegis.js', 'study', 'mrmc', join(dir, 'bad.imrmc')], { encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/bad\.imrmc line 7: case id "x" is not an integer/);
    const opt = spawnSync('node', ['bin/aegis.js', 'study', 'mrmc', fixture('VanDyke.imrmc'), '--covariance', 'bootstrap'], { encoding: 'utf8' });
    expect(opt.status).toBe(2);
    expect(opt.stderr).toMatch(/--covariance must be jackknife or delong/);
  });
});
