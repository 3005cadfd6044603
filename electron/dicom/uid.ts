/** UIDs in the 2.25 form (PS3.5 B.2: a UUID written as one decimal integer). */
import { randomUUID } from 'node:crypto';

/** Digits of a UUID ≥ 10³⁸ written in decimal (about 70 % of random UUIDs). */
const DIGITS = 39;

/**
 * A fresh `2.25.<decimal UUID>` UID, always 44 characters (within UI's 64). UUIDs whose decimal form
 * is shorter are drawn again rather than padded (a UID component may not start with 0), so two
 * objects that differ only in their UIDs have the same length: a blinded reader-study bundle must not
 * let file sizes tell versions apart.
 */
export function newUid(): string {
  for (;;) {
    const digits = BigInt('0x' + randomUUID().replace(/-/g, '')).toString();
    if (digits.length === DIGITS) return `2.25.${digits}`;
  }
}
