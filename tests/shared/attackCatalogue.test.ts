import { describe, expect, it } from 'vitest';
import {
  ATTACK_CATALOGUE,
  ATTACK_IDS,
  ATTACK_PARAMETERS,
  attackDefaults,
  attackEntry,
  attackPresets,
  EPS_BOUNDED_ATTACK_IDS,
  isAttackId,
  type AttackCatalogueEntry,
} from '../../electron/shared/attackCatalogue';

const entries = ATTACK_CATALOGUE as readonly AttackCatalogueEntry[];

describe('attack catalogue', () => {
  it('has unique lower-case ids and unique preset ids', () => {
    expect(new Set(ATTACK_IDS).size).toBe(ATTACK_IDS.length);
    for (const id of ATTACK_IDS) expect(id).toMatch(/^[a-z][a-z0-9-]*$/);
    const presetIds = attackPresets().map((p) => p.id);
    expect(new Set(presetIds).size).toBe(presetIds.length);
  });

  it('is self-consistent: minimum-norm attacks are not eps-bounded, presets use a supported norm, parameters are known', () => {
    for (const e of entries) {
      expect(e.norms.length, e.id).toBeGreaterThan(0);
      if (e.minimumNorm) expect(e.epsBounded, e.id).toBe(false);
      expect(e.defaults.steps, e.id).toBeGreaterThanOrEqual(1);
      for (const name of Object.keys(e.parameters)) expect(ATTACK_PARAMETERS, `${e.id}.${name}`).toHaveProperty(name);
      for (const p of e.presets) {
        expect(e.norms, `${e.id} preset ${p.id}`).toContain(p.params.norm);
        if (e.epsBounded) expect(p.params.eps, p.id).toBeGreaterThan(0);
      }
      expect(e.reference.length, e.id).toBeGreaterThan(10);
    }
  });

  it('gives the defaults the CLI and the lab used before the catalogue', () => {
    const before = { fgsm: 1, bim: 10, pgd: 10, mifgsm: 10, cw: 100, deepfool: 50 };
    expect(Object.fromEntries(Object.keys(before).map((id) => [id, attackDefaults(id).steps]))).toEqual(before);
    expect(attackDefaults('pgd')).toEqual({ norm: 'linf', eps: 0.02, steps: 10 });
    expect(attackDefaults('cw')).toEqual({ norm: 'l2', eps: 0, steps: 100 });
    expect(attackDefaults('fgsm', 'l2')).toEqual({ norm: 'l2', eps: 1, steps: 1 });
    expect(attackDefaults('deepfool', undefined, true).steps).toBe(30);
    expect(EPS_BOUNDED_ATTACK_IDS.slice(0, 4)).toEqual(['fgsm', 'bim', 'pgd', 'mifgsm']);
    expect(EPS_BOUNDED_ATTACK_IDS).not.toContain('cw');
    expect(EPS_BOUNDED_ATTACK_IDS).not.toContain('deepfool');
  });

  it('names the known ids when asked for an unknown one', () => {
    expect(isAttackId('pgd')).toBe(true);
    expect(isAttackId('nope')).toBe(false);
    expect(() => attackEntry('nope')).toThrow(/unknown attack "nope"; choose one of fgsm, bim, pgd/);
  });
});

describe('attack ids are written once', () => {
  it('each attack id appears as a quoted literal in at most 3 non-test source files', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, e.name);
        if (e.isDirectory()) {
          if (!['node_modules', 'dist', 'tests', '.git', 'release'].includes(e.name)) walk(p);
        } else if (/\.(ts|tsx|js|mjs)$/.test(e.name)) files.push(p);
      }
    };
    for (const root of ['electron', 'renderer', 'native-models', 'scripts']) walk(root);
    for (const id of ATTACK_IDS) {
      const literal = new RegExp(`['"\`]${id}['"\`]`);
      const holders = files.filter((f) => literal.test(readFileSync(f, 'utf8')));
      expect(holders.length, `${id}: ${holders.join(', ')}`).toBeLessThanOrEqual(3);
      expect(holders).toContain(join('electron', 'shared', 'attackCatalogue.ts'));
    }
  });
});
