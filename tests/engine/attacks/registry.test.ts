import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { attackImplementation, missingImplementations } from '../../../electron/engine/attacks/registry';
import { ATTACK_CATALOGUE, ATTACK_IDS, attackPresets } from '../../../electron/shared/attackCatalogue';
import { attackMethodSchema, boundedAttackMethodSchema } from '../../../electron/shared/labTypes';
import { ATTACK_CHOICES } from '../../../electron/cli/attackChoices';
import { LAB_ATTACK_METHODS, marginMethod } from '../../../renderer/features/attack/attackMethods';

describe('engine attack registry, keyed by the catalogue', () => {
  it('has an implementation for every catalogue id', () => {
    expect(missingImplementations()).toEqual([]);
    for (const id of ATTACK_IDS) expect(typeof attackImplementation(id).run, id).toBe('function');
  });

  it('fails loudly when a catalogue entry has no implementation', () => {
    const withNew = [...ATTACK_CATALOGUE, { id: 'no-such-attack' }];
    expect(missingImplementations(withNew)).toEqual(['no-such-attack']);
    expect(() => attackImplementation('no-such-attack')).toThrow(/unknown attack "no-such-attack"; choose one of fgsm/);
  });
});

describe('every list of attacks is the catalogue', () => {
  it('the contract enum, the lab\'s method menu, the margin enum and the CLI choices equal the catalogue ids', () => {
    expect(attackMethodSchema.options).toEqual([...ATTACK_IDS]);
    expect(LAB_ATTACK_METHODS.map((m) => m.id)).toEqual([...ATTACK_IDS]);
    expect(LAB_ATTACK_METHODS.map((m) => m.label)).toEqual(ATTACK_CATALOGUE.map((e) => e.label));
    expect(ATTACK_CHOICES.split('|')).toEqual([...ATTACK_IDS]);
    for (const id of ATTACK_IDS) expect(boundedAttackMethodSchema.safeParse(marginMethod(id)).success, id).toBe(true);
    const bounded = ATTACK_CATALOGUE.filter((e) => e.epsBounded).map((e) => e.id);
    for (const id of ATTACK_IDS) expect(boundedAttackMethodSchema.safeParse(id).success, id).toBe((bounded as string[]).includes(id));
  });

  it('the presets are valid contract parameters', () => {
    for (const p of attackPresets()) expect(attackMethodSchema.parse(p.params.method)).toBe(p.params.method);
  });

  it('`aegis attack --help` and `aegis detect-eval --help` list every catalogue id; an unknown method is refused with the list', () => {
    const run = (...args: string[]) => spawnSync('node', ['bin/aegis.js', ...args], { encoding: 'utf8' });
    const attackHelp = run('attack', '--help');
    expect(attackHelp.stdout).toContain(`--method ${ATTACK_IDS.join('|')}`);
    for (const e of ATTACK_CATALOGUE) expect(attackHelp.stdout, e.id).toContain(`${e.id} ${e.defaults.steps}`);
    const evalHelp = run('detect-eval', '--help');
    expect(evalHelp.stdout).toContain(ATTACK_IDS.join(', '));
    const bad = run('attack', '--model', 'm.onnx', 'x.dcm', '--method', 'nope');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain(`--method must be one of ${ATTACK_IDS.join(', ')}`);
  });
});
