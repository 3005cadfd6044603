/**
 * Issue #13: `aegis demo`'s study and the derived (attacked) images it writes pass dicom3tools'
 * dciodvfy with no error (it once failed every file: an empty AnatomicRegionSequence beside
 * BodyPartExamined CHEST). Warnings are allowed (the private 99AEGIS coding scheme of the derived
 * images' codes is one); errors are not.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = mkdtempSync(join(tmpdir(), 'aegis-demo-dciodvfy-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("aegis demo's DICOM passes dciodvfy", () => {
  it('every study and derived file: 0 errors', () => {
    const out = join(root, 'out');
    const run = spawnSync(process.execPath, ['bin/aegis.js', 'demo', '--out', out], { env: { ...process.env, AEGIS_HOME: join(root, 'home') }, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const files = readdirSync(out, { recursive: true }).map(String).filter((f) => f.endsWith('.dcm'));
    expect(files.filter((f) => f.startsWith('study')).length).toBe(20);
    expect(files.filter((f) => f.startsWith('derived')).length).toBeGreaterThan(0);
    const errors = files.flatMap((f) => {
      // dciodvfy writes its findings to stderr and exits 0 either way.
      const text = spawnSync('dciodvfy', [join(out, f)], { encoding: 'utf8' }).stderr;
      return text.split('\n').filter((line) => line.startsWith('Error')).map((line) => `${f}: ${line}`);
    });
    expect(errors).toEqual([]);
  });

  it('dciodvfy is installed (dicom3tools; .ci/run installs it)', () => {
    expect(() => execFileSync('which', ['dciodvfy'])).not.toThrow();
  });
});
