/** `aegis study mrmc FILE.imrmc`: the full Obuchowski–Rockette MRMC analysis of any iMRMC file. */
import { readFile } from 'node:fs/promises';
import { analyseMrmc, ImrmcFormatError, parseImrmc, type AucDifference, type OrAnalysis, type SingleModality } from '../../../engine/stats/mrmc';
import { parseCommandArgs } from '../../args';
import { UsageError } from '../../command';

/** Usage text of `aegis study mrmc`. */
export const mrmcUsage = [
  'Usage: aegis study mrmc FILE.imrmc [--covariance jackknife|delong] [--level 0.95] [--json]',
  '',
  'Reads an iMRMC input file (header with NR:/N0:/N1:/NM:, BEGIN DATA:, reader,case,modality,score rows;',
  'truth rows -1,case,truth,0|1) and prints the Obuchowski–Rockette analysis of the empirical AUC with',
  "Hillis' denominator degrees of freedom, as OR-DBM MRMC 2.5, RJafroc and MRMCaov report it: reader AUCs,",
  'ANOVA, OR variance components, and the random-readers/random-cases, fixed-readers/random-cases and',
  'random-readers/fixed-cases tests with differences, single-modality intervals and per-reader results.',
  'Cases read in every modality give the crossed design; cases read in one modality each, the nested one.',
  '',
  'Options:',
  '  --covariance M  jackknife (default, as OR-DBM MRMC) or delong',
  '  --level L       two-sided confidence level of every interval (default 0.95)',
  '  --json          print one JSON object',
].join('\n');

const f = (v: number, d = 5) => (Number.isFinite(v) ? v.toFixed(d) : String(v));
const ci = (lo: number, hi: number) => `(${f(lo)}, ${f(hi)})`;

function diffLine(d: AucDifference): string {
  const stat = d.df === null ? `z ${f(d.statistic, 2)}` : `t ${f(d.statistic, 2)} on ${f(d.df, 2)} df`;
  return `  ${d.a} − ${d.b}: ${f(d.estimate)} SE ${f(d.se)}  ${stat}  p ${f(d.p, 4)}  CI ${ci(d.lower, d.upper)}`;
}

function singleLines(s: SingleModality[]): string[] {
  return s.map((x) => `  ${x.modality}: AUC ${f(x.auc)} SE ${f(x.se)}${x.df === null ? '' : ` df ${f(x.df, 2)}`}  CI ${ci(x.lower, x.upper)}`);
}

function report(a: OrAnalysis): string {
  const pct = `${Math.round(a.level * 100)} %`;
  const lines = [
    `Design: ${a.design}, ${a.readers.length} readers × ${a.modalities.length} modalities; covariance ${a.covariance}; ${pct} intervals`,
    ...a.cases.map((c) => `  modality ${c.modality}: ${c.n0} negative, ${c.n1} positive cases`),
    'Reader AUCs (empirical, ties ½):',
    ...a.modalities.map((m) => `  ${m}: ${a.readerAuc.filter((x) => x.modality === m).map((x) => f(x.auc, 6)).join('  ')}  mean ${f(a.modalityAuc.find((x) => x.modality === m)!.auc, 6)}`),
    `ANOVA: MS(T) ${f(a.anova.msT, 8)}  MS(R) ${f(a.anova.msR, 8)}  MS(T×R) ${f(a.anova.msTR, 8)}`,
    `OR components: Var ${f(a.components.var, 8)}  Cov1 ${f(a.components.cov1, 8)}  Cov2 ${f(a.components.cov2, 8)}  Cov3 ${f(a.components.cov3, 8)}  Var(R) ${f(a.components.varR, 8)}  Var(T×R) ${f(a.components.varTR, 8)}`,
  ];
  if (a.rrrc) lines.push(`Random readers, random cases: F ${f(a.rrrc.f, 4)} on (${a.rrrc.df1}, ${f(a.rrrc.ddf, 2)}) df, p ${f(a.rrrc.p, 4)}`, ...a.rrrc.differences.map(diffLine), ...singleLines(a.rrrc.single));
  if (a.frrc) lines.push(`Fixed readers, random cases: χ² ${f(a.frrc.chiSquare, 4)} on ${a.frrc.df} df, p ${f(a.frrc.p, 4)}`, ...a.frrc.differences.map(diffLine), ...singleLines(a.frrc.single));
  if (a.frrc) for (const pr of a.frrc.perReader) lines.push(...pr.differences.map((d) => `  reader ${pr.reader}${diffLine(d)}`));
  if (a.rrfc) lines.push(`Random readers, fixed cases: F ${f(a.rrfc.f, 4)} on (${a.rrfc.df1}, ${a.rrfc.df2}) df, p ${f(a.rrfc.p, 4)}`, ...a.rrfc.differences.map(diffLine), ...singleLines(a.rrfc.single));
  if (!a.frrc) lines.push('One modality: no comparison; single-modality intervals (fixed readers):', ...singleLines(a.singleFrrc));
  return lines.join('\n');
}

/** Runs `aegis study mrmc`; resolves to the exit code. */
export async function runMrmc(argv: string[]): Promise<number> {
  const parsed = parseCommandArgs('study mrmc', argv, { json: { type: 'boolean' }, covariance: { type: 'string' }, level: { type: 'string' } });
  const [file, ...extra] = parsed.positionals;
  if (!file || extra.length) throw new UsageError('give exactly one iMRMC file: aegis study mrmc FILE.imrmc');
  const covariance = parsed.values.covariance ?? 'jackknife';
  if (covariance !== 'jackknife' && covariance !== 'delong') throw new UsageError(`--covariance must be jackknife or delong, not "${covariance}"`);
  const level = parsed.values.level === undefined ? 0.95 : Number(parsed.values.level);
  if (!(level > 0 && level < 1)) throw new UsageError(`--level must be a number between 0 and 1 (e.g. 0.95), not "${parsed.values.level}"`);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`, 1);
  }
  let analysis: OrAnalysis;
  try {
    analysis = analyseMrmc(parseImrmc(text, file), covariance, level);
  } catch (err) {
    if (err instanceof ImrmcFormatError || err instanceof RangeError) throw new UsageError(err.message, 1);
    throw err;
  }
  console.log(parsed.values.json ? JSON.stringify(analysis, (_, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v)) : report(analysis));
  return 0;
}
