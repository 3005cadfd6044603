import { describe, expect, it } from 'vitest';
import { newUid, UidMap } from '../../electron/dicom';

/** PS3.5 9.1: components of digits, no leading zero (unless the component is 0), at most 64 characters. */
const VALID = /^2\.25\.[1-9]\d*$/;

describe('UIDs of one length', () => {
  it('newUid is always a valid 44-character 2.25 UID', () => {
    const lengths = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const uid = newUid();
      expect(uid).toMatch(VALID);
      lengths.add(uid.length);
    }
    expect([...lengths]).toEqual([44]);
  });

  it('de-identification replaces every UID by a distinct valid UID of one length, the same within a map', () => {
    const map = new UidMap();
    const out = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const uid = map.map(`1.2.826.0.1.3680043.${i}`);
      expect(uid).toMatch(VALID);
      expect(uid).toHaveLength(44);
      out.add(uid);
    }
    expect(out.size).toBe(2000);
    expect(map.map('1.2.826.0.1.3680043.7')).toBe(map.map('1.2.826.0.1.3680043.7'));
  });
});
