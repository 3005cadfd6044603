import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ASSETS = 'dist/renderer/assets';

describe('exactly one copy of cornerstone', () => {
  it('is installed once (no nested copies under cornerstone-tools)', () => {
    for (const dep of ['cornerstone-core', 'cornerstone-math']) {
      expect(existsSync(join('node_modules/cornerstone-tools/node_modules', dep)), dep).toBe(false);
      expect(existsSync(join('node_modules', dep)), dep).toBe(true);
    }
  });

  it.skipIf(!existsSync(ASSETS))('is bundled once in the built renderer (source map)', () => {
    const maps = readdirSync(ASSETS).filter((f) => f.endsWith('.js.map'));
    const sources = maps.flatMap((f) => (JSON.parse(readFileSync(join(ASSETS, f), 'utf8')) as { sources: string[] }).sources);
    for (const pkg of ['cornerstone-core', 'cornerstone-tools', 'cornerstone-math', 'hammerjs']) {
      const copies = sources.filter((s) => s.includes(`node_modules/${pkg}/`));
      expect(copies, pkg).toHaveLength(1);
    }
  });
});
