import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demo } from '../../../electron/cli/commands/demo';
import { attackRecordSchema } from '../../../electron/shared/labTypes';
import { writeTinyModel } from './labFixtures';

describe('aegis demo --out DIR (headless)', () => {
  let root: string;
  const savedEnv = process.env.AEGIS_BUNDLED_MODELS;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'aegis-democli-'));
    process.env.AEGIS_BUNDLED_MODELS = join(root, 'bundled');
    writeTinyModel(join(root, 'bundled', 'tiny'));
  });
  afterAll(() => {
    if (savedEnv === undefined) delete process.env.AEGIS_BUNDLED_MODELS;
    else process.env.AEGIS_BUNDLED_MODELS = savedEnv;
    rmSync(root, { recursive: true, force: true });
  });

  it('predicts, attacks, exports the derived DICOM and the record, and writes a self-contained summary', async () => {
    const out = join(root, 'out');
    const printed: string[] = [];
    const spy = vi.spyOn(console, 'log').mockImplementation((s: string) => void printed.push(s));
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await demo.run(['--out', out, '--json', '--steps', '3'])).toBe(0);
    } finally {
      spy.mockRestore();
      stderr.mockRestore();
    }
    const result = JSON.parse(printed.at(-1)!) as { model: string; exported: { dicom: string; json: string; summary: string } };
    expect(result.model).toBe('bundled:tiny');
    const record = attackRecordSchema.parse(JSON.parse(readFileSync(result.exported.json, 'utf8')));
    expect(record.params).toMatchObject({ method: 'pgd', eps: 0.02, steps: 3 });
    expect(readFileSync(result.exported.dicom).equals(readFileSync(record.derived.path))).toBe(true);
    const html = readFileSync(result.exported.summary, 'utf8');
    expect(html.match(/src="data:image\/png;base64,/g)).toHaveLength(3);
    expect(html).toMatch(/ADVERSARIAL/);
    expect(html).toMatch(/Not a patient, not for clinical use/);
    expect(html).not.toMatch(/<script|https?:\/\//);
    expect(readdirSync(out).sort()).toEqual(['attack.json', `${record.derived.sopInstanceUid}.dcm`, 'summary.html', 'workspace'].sort());
  }, 60_000);
});
