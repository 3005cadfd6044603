/**
 * A linear pre-check of JSON text before `JSON.parse`: a body such as `[[[[…` nested a million deep
 * costs the parser seconds and gigabytes and the validator a stack overflow (issue #13). One pass over
 * the bytes, outside strings, finds the deepest nesting without building anything.
 */

/** The deepest `[`/`{` nesting any contract input needs is far below this. */
export const MAX_JSON_DEPTH = 64;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const OPEN_OBJECT = 0x7b;
const CLOSE_ARRAY = 0x5d;
const CLOSE_OBJECT = 0x7d;

/**
 * True when the JSON text in `bytes` (UTF-8) nests arrays and objects deeper than `maxDepth`.
 * Malformed text is not judged here; `JSON.parse` refuses it afterwards.
 */
export function jsonNestsDeeperThan(bytes: Uint8Array, maxDepth: number = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (inString) {
      if (b === BACKSLASH) i++;
      else if (b === QUOTE) inString = false;
    } else if (b === QUOTE) {
      inString = true;
    } else if (b === OPEN_ARRAY || b === OPEN_OBJECT) {
      if (++depth > maxDepth) return true;
    } else if (b === CLOSE_ARRAY || b === CLOSE_OBJECT) {
      depth--;
    }
  }
  return false;
}
