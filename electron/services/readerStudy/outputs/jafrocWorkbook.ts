/**
 * RJafroc's JAFROC Excel workbook for an ROC dataset (the "new" factorial format read by
 * `DfReadDataFile(file, format = "JAFROC")`): a Truth sheet (CaseID, LesionID, Weight, ReaderID,
 * ModalityID, Paradigm — non-diseased cases have LesionID 0 and Weight 0, diseased ones LesionID 1
 * and Weight 1; the first rows of ReaderID/ModalityID/Paradigm list the readers, the modalities, "ROC"
 * and "FCTRL"), an NL sheet (ReaderID, ModalityID, CaseID, NL_Rating: ratings of non-diseased cases)
 * and an LL sheet (ReaderID, ModalityID, CaseID, LesionID, LL_Rating: ratings of diseased cases).
 */
import ExcelJS from 'exceljs';
import type { MrmcDataset } from '../../../engine/stats/mrmc';

/** The workbook's bytes (.xlsx) for an iMRMC-shaped dataset (integer case ids). */
export async function jafrocWorkbook(data: MrmcDataset): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Aegis';
  const truth = wb.addWorksheet('Truth');
  truth.addRow(['CaseID', 'LesionID', 'Weight', 'ReaderID', 'ModalityID', 'Paradigm']);
  const lists = [data.readers.join(', '), data.modalities.join(', ')];
  const paradigm = ['ROC', 'FCTRL'];
  const ordered = [...data.cases.filter((c) => c.truth === 0), ...data.cases.filter((c) => c.truth === 1)];
  ordered.forEach((c, i) => truth.addRow([c.id, c.truth, c.truth, i === 0 ? lists[0] : null, i === 0 ? lists[1] : null, paradigm[i] ?? null]));
  const truthOf = new Map(data.cases.map((c) => [c.id, c.truth]));
  const nl = wb.addWorksheet('NL');
  nl.addRow(['ReaderID', 'ModalityID', 'CaseID', 'NL_Rating']);
  const ll = wb.addWorksheet('LL');
  ll.addRow(['ReaderID', 'ModalityID', 'CaseID', 'LesionID', 'LL_Rating']);
  for (const s of data.scores) {
    if (truthOf.get(s.caseId) === 0) nl.addRow([s.reader, s.modality, s.caseId, s.score]);
    else ll.addRow([s.reader, s.modality, s.caseId, 1, s.score]);
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** Reads such a workbook back into a dataset (for checks and for `aegis study mrmc` on RJafroc files later). */
export async function readJafrocWorkbook(bytes: Uint8Array): Promise<MrmcDataset> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const rows = (name: string) => {
    const sheet = wb.getWorksheet(name);
    if (!sheet) throw new RangeError(`the workbook has no ${name} sheet`);
    const out: unknown[][] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) out.push((row.values as unknown[]).slice(1));
    });
    return out;
  };
  const truthRows = rows('Truth');
  const cases = truthRows.map((r) => ({ id: Number(r[0]), truth: Number(r[1]) === 0 ? (0 as const) : (1 as const) }));
  const split = (v: unknown) => String(v).split(',').map((x) => x.trim());
  const readers = split(truthRows[0][3]);
  const modalities = split(truthRows[0][4]);
  const scores = [
    ...rows('NL').map((r) => ({ reader: String(r[0]), modality: String(r[1]), caseId: Number(r[2]), score: Number(r[3]) })),
    ...rows('LL').map((r) => ({ reader: String(r[0]), modality: String(r[1]), caseId: Number(r[2]), score: Number(r[4]) })),
  ];
  return { header: [], cases, readers, modalities, scores };
}
