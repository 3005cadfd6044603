import { describe, it } from 'vitest';
import { checkGradient } from './gradcheck';
import { opCases } from './opCases';

describe('every op gradient equals central finite differences', () => {
  for (const c of opCases()) {
    it(c.name, async () => {
      await checkGradient(c.model, c.shape, { params: c.params, x: c.x, h: c.h });
    });
  }
});
