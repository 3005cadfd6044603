import { describe, expect, it } from 'vitest';
import { dciodvfyErrors } from './dciodvfy';

describe('the dciodvfy helper the DICOM tests validate with', () => {
  it('throws when the validator is not installed instead of reporting zero errors', () => {
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      expect(() => dciodvfyErrors('/dev/null')).toThrow(/dciodvfy could not run/);
    } finally {
      process.env.PATH = path;
    }
  });

  it('reports the errors of a file that is not DICOM at all', () => {
    expect(dciodvfyErrors('/dev/null')).toContain('Error - Information Object Not found');
  });
});
