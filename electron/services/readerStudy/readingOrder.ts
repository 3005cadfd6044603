import { seededRandom } from '../../engine/stats/seededRandom';
import type { StudyCase } from '../../shared/readerStudyTypes';

/**
 * A 32-bit seed for one reader's order in one phase, derived from the study seed, the reader id and
 * the phase id (FNV-1a over their text), so an order is reproducible and independent per reader, as
 * grand-challenge seeds its per-reader shuffle.
 */
export function readerSeed(studySeed: number, readerId: string, phaseId: string): number {
  let h = 0x811c9dc5;
  for (const ch of `${studySeed}/${readerId}/${phaseId}`) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * The order in which one reader sees the cases of one phase (case ids).
 *
 * Versions of each source are dealt into blocks by a Latin-square rotation over readers and sources
 * (reader ρ, source s: version (ρ + s + b) mod m goes to block b), so across readers every condition
 * appears equally often early and late (counterbalancing). Each block is shuffled with the reader's
 * seed and the blocks follow one another, so two versions of a source are never back to back: within
 * a block every source is distinct, and a clash at a block boundary is swapped away. When readers
 * may not see two versions of one source, each reader gets only block 0 (one version per source,
 * rotated across readers).
 *
 * @param readerIndex the reader's position in the study's reader list (0-based)
 * @throws RangeError when no order can keep versions of a source apart
 */
export function readingOrder(cases: readonly StudyCase[], readerIndex: number, seed: number, allowSameSource: boolean): number[] {
  const bySource = new Map<string, StudyCase[]>();
  for (const c of cases) bySource.set(c.sourceImageId, [...(bySource.get(c.sourceImageId) ?? []), c]);
  const sources = [...bySource.values()];
  const blockCount = allowSameSource ? Math.max(...sources.map((v) => v.length)) : 1;
  const blocks: StudyCase[][] = Array.from({ length: blockCount }, () => []);
  sources.forEach((versions, s) => {
    const m = versions.length;
    for (let b = 0; b < Math.min(blockCount, m); b++) blocks[b].push(versions[(readerIndex + s + b) % m]);
  });
  const rand = seededRandom(seed);
  for (const block of blocks) {
    for (let i = block.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [block[i], block[j]] = [block[j], block[i]];
    }
  }
  for (let b = 1; b < blocks.length; b++) {
    const prev = blocks[b - 1][blocks[b - 1].length - 1];
    const block = blocks[b];
    if (block.length === 0 || block[0].sourceImageId !== prev.sourceImageId) continue;
    const swap = block.findIndex((x) => x.sourceImageId !== prev.sourceImageId);
    if (swap < 0) throw new RangeError(`source ${prev.sourceImageId} would be shown twice in a row; add sources or forbid two versions per reader`);
    [block[0], block[swap]] = [block[swap], block[0]];
  }
  return blocks.flat().map((c) => c.caseId);
}
