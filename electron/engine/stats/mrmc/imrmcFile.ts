/**
 * The iMRMC input format (FDA DIDSR/iMRMC, also read by RJafroc's `DfReadDataFile`): free-text header
 * lines, the keys `NR:` (readers), `N0:` (truth-negative cases), `N1:` (truth-positive cases), `NM:`
 * (modalities), then `BEGIN DATA:` and one `readerID,caseID,modalityID,score` row per line. Truth rows
 * have reader `-1` (or `truth`), modality `truth` and score 0 or 1. Case ids are integers (RJafroc
 * refuses anything else). Parsing is strict: every problem is reported with its line number.
 */

/** One reader's score of one case in one modality. Units: the study's rating scale (larger = more positive). */
export interface MrmcScore {
  reader: string;
  caseId: number;
  modality: string;
  score: number;
}

/** The content of an iMRMC file. */
export interface MrmcDataset {
  /** Free-text lines before the keys (a title, a description), without the key lines. */
  header: string[];
  /** Every case with its truth (1 = positive/abnormal/manipulated), in file order. */
  cases: { id: number; truth: 0 | 1 }[];
  /** Reader and modality ids in order of first appearance. */
  readers: string[];
  modalities: string[];
  scores: MrmcScore[];
}

const KEYS = ['NR', 'N0', 'N1', 'NM'] as const;

/** A problem in an iMRMC file, with where it is. */
export class ImrmcFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImrmcFormatError';
  }
}

/**
 * Parses an iMRMC file's text.
 *
 * @param text the whole file
 * @param name how the file is called in error messages
 * @throws ImrmcFormatError naming the line and what to fix
 */
export function parseImrmc(text: string, name = 'iMRMC file'): MrmcDataset {
  const lines = text.split(/\r?\n/);
  const begin = lines.findIndex((l) => /^\s*BEGIN DATA:\s*$/i.test(l));
  if (begin < 0) throw new ImrmcFormatError(`${name}: no "BEGIN DATA:" line; an iMRMC file has a header, then BEGIN DATA:, then reader,case,modality,score rows`);
  const header: string[] = [];
  const keys = new Map<string, number>();
  lines.slice(0, begin).forEach((line, i) => {
    const m = /^\s*(NR|N0|N1|NM)\s*:\s*(\S*)\s*$/i.exec(line);
    if (!m) {
      header.push(line);
      return;
    }
    const key = m[1].toUpperCase();
    const v = Number(m[2]);
    if (!Number.isInteger(v) || v < 1) throw new ImrmcFormatError(`${name} line ${i + 1}: ${key} must be a whole number ≥ 1, got "${m[2]}"`);
    if (keys.has(key)) throw new ImrmcFormatError(`${name} line ${i + 1}: ${key} is given twice`);
    keys.set(key, v);
  });
  const missing = KEYS.filter((k) => !keys.has(k));
  if (missing.length) throw new ImrmcFormatError(`${name}: the header lacks ${missing.map((k) => `${k}:`).join(', ')} (NR readers, N0 negative cases, N1 positive cases, NM modalities)`);

  const truth = new Map<number, 0 | 1>();
  const cases: { id: number; truth: 0 | 1 }[] = [];
  const readers: string[] = [];
  const modalities: string[] = [];
  const scores: MrmcScore[] = [];
  const seen = new Set<string>();
  const scoreLines: { line: number; score: MrmcScore }[] = [];
  for (let i = begin + 1; i < lines.length; i++) {
    const raw = lines[i].trim();
    if (raw === '') continue;
    const where = `${name} line ${i + 1}`;
    const cells = raw.split(',').map((c) => c.trim());
    if (cells.length !== 4) throw new ImrmcFormatError(`${where}: expected 4 comma-separated fields (reader,case,modality,score), found ${cells.length}: "${raw}"`);
    const [reader, caseText, modality, scoreText] = cells;
    if (!/^-?\d+$/.test(caseText)) throw new ImrmcFormatError(`${where}: case id "${caseText}" is not an integer; iMRMC and RJafroc need integer case ids`);
    const caseId = Number(caseText);
    if (!Number.isSafeInteger(caseId)) throw new ImrmcFormatError(`${where}: case id "${caseText}" is out of range`);
    const isTruth = reader === '-1' || reader.toLowerCase() === 'truth';
    if (isTruth !== (modality.toLowerCase() === 'truth')) {
      throw new ImrmcFormatError(`${where}: a truth row has reader -1 and modality "truth" (both), got reader "${reader}", modality "${modality}"`);
    }
    if (scoreText === '' || !Number.isFinite(Number(scoreText))) throw new ImrmcFormatError(`${where}: score "${scoreText}" is not a finite number`);
    const score = Number(scoreText);
    if (isTruth) {
      if (score !== 0 && score !== 1) throw new ImrmcFormatError(`${where}: truth must be 0 (negative) or 1 (positive), got ${scoreText}`);
      if (truth.has(caseId)) throw new ImrmcFormatError(`${where}: case ${caseId} has a second truth row`);
      truth.set(caseId, score);
      cases.push({ id: caseId, truth: score });
      continue;
    }
    if (reader === '' || modality === '') throw new ImrmcFormatError(`${where}: reader and modality ids must not be empty`);
    const key = `${reader}\u0000${caseId}\u0000${modality}`;
    if (seen.has(key)) throw new ImrmcFormatError(`${where}: reader ${reader} scored case ${caseId} in modality ${modality} twice`);
    seen.add(key);
    if (!readers.includes(reader)) readers.push(reader);
    if (!modalities.includes(modality)) modalities.push(modality);
    scoreLines.push({ line: i + 1, score: { reader, caseId, modality, score } });
  }
  for (const { line, score } of scoreLines) {
    if (!truth.has(score.caseId)) throw new ImrmcFormatError(`${name} line ${line}: case ${score.caseId} has no truth row (-1,${score.caseId},truth,0|1)`);
    scores.push(score);
  }
  const n0 = cases.filter((c) => c.truth === 0).length;
  const counts: Record<(typeof KEYS)[number], number> = { NR: readers.length, N0: n0, N1: cases.length - n0, NM: modalities.length };
  for (const k of KEYS) {
    if (keys.get(k) !== counts[k]) throw new ImrmcFormatError(`${name}: the header says ${k}:${keys.get(k)} but the data have ${counts[k]}`);
  }
  return { header, cases, readers, modalities, scores };
}

/**
 * Writes a dataset in the iMRMC format: header text, NR/N0/N1/NM keys, BEGIN DATA:, truth rows, then
 * score rows. Reader and modality ids must not contain commas or line breaks.
 */
export function formatImrmc(data: MrmcDataset): string {
  for (const id of [...data.readers, ...data.modalities]) {
    if (/[,\r\n]/.test(id) || id.trim() !== id || id === '') throw new ImrmcFormatError(`id "${id}" cannot be written: ids must be non-empty, without leading or trailing spaces, commas or line breaks`);
    if (id === '-1' || id.toLowerCase() === 'truth') throw new ImrmcFormatError(`id "${id}" is reserved for truth rows`);
  }
  for (const c of data.cases) if (!Number.isSafeInteger(c.id)) throw new ImrmcFormatError(`case id ${c.id} is not an integer`);
  const n0 = data.cases.filter((c) => c.truth === 0).length;
  const out = [
    ...data.header.filter((l) => !/^\s*(NR|N0|N1|NM)\s*:/i.test(l) && !/^\s*BEGIN DATA:/i.test(l)),
    `NR:${data.readers.length}`,
    `N0:${n0}`,
    `N1:${data.cases.length - n0}`,
    `NM:${data.modalities.length}`,
    'BEGIN DATA:',
    ...data.cases.map((c) => `-1,${c.id},truth,${c.truth}`),
    ...data.scores.map((s) => `${s.reader},${s.caseId},${s.modality},${s.score}`),
  ];
  return `${out.join('\n')}\n`;
}
