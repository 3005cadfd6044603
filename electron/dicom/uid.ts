/** UIDs in the 2.25 form (PS3.5 B.2: a UUID written as one decimal integer). */
import { randomUUID } from 'node:crypto';

/** A fresh `2.25.<decimal UUID>` UID (at most 44 characters, within UI's 64). */
export function newUid(): string {
  return `2.25.${BigInt('0x' + randomUUID().replace(/-/g, '')).toString()}`;
}
