/**
 * Groups the opened series for the browser: Patient → Study → Series. Patients sort by name, studies
 * by date (newest first), series by series number then description; a derived (attacked) series
 * follows the series it was derived from, not its own series number.
 */
import type { SeriesSummary } from '../../../electron/shared/studyTypes';

/** One study of a patient, with its series. */
export interface StudyGroup {
  studyInstanceUid: string;
  studyDescription: string;
  studyDate: string;
  series: SeriesSummary[];
}

/** One patient, with their studies. */
export interface PatientGroup {
  key: string;
  patientName: string;
  patientId: string;
  studies: StudyGroup[];
}

/** True when `s` is a derived series shown under its source (which is in `all`). */
export function isUnderSource(s: SeriesSummary, all: readonly SeriesSummary[]): boolean {
  return !!s.sourceSeriesInstanceUid && all.some((o) => o.seriesInstanceUid === s.sourceSeriesInstanceUid);
}

/** Reorders one study's series so each derived series directly follows its source (in their sorted order). */
function underSources(series: SeriesSummary[]): SeriesSummary[] {
  const children = new Map<string, SeriesSummary[]>();
  for (const s of series) if (isUnderSource(s, series)) children.set(s.sourceSeriesInstanceUid!, [...(children.get(s.sourceSeriesInstanceUid!) ?? []), s]);
  const out: SeriesSummary[] = [];
  const visit = (s: SeriesSummary) => {
    out.push(s);
    for (const c of children.get(s.seriesInstanceUid) ?? []) visit(c);
  };
  for (const s of series) if (!isUnderSource(s, series)) visit(s);
  return out;
}

/** Builds the Patient → Study → Series tree. */
export function groupSeries(series: SeriesSummary[]): PatientGroup[] {
  const patients = new Map<string, PatientGroup>();
  for (const s of series) {
    const key = `${s.patientId}\u0000${s.patientName}`;
    let patient = patients.get(key);
    if (!patient) {
      patient = { key, patientName: s.patientName, patientId: s.patientId, studies: [] };
      patients.set(key, patient);
    }
    let study = patient.studies.find((st) => st.studyInstanceUid === s.studyInstanceUid);
    if (!study) {
      study = { studyInstanceUid: s.studyInstanceUid, studyDescription: s.studyDescription, studyDate: s.studyDate, series: [] };
      patient.studies.push(study);
    }
    study.series.push(s);
  }
  const list = [...patients.values()].sort((a, b) => a.patientName.localeCompare(b.patientName) || a.patientId.localeCompare(b.patientId));
  for (const p of list) {
    p.studies.sort((a, b) => b.studyDate.localeCompare(a.studyDate) || a.studyInstanceUid.localeCompare(b.studyInstanceUid));
    for (const st of p.studies) {
      st.series.sort(
        (a, b) =>
          (a.seriesNumber ?? Number.MAX_SAFE_INTEGER) - (b.seriesNumber ?? Number.MAX_SAFE_INTEGER) ||
          a.seriesDescription.localeCompare(b.seriesDescription),
      );
      st.series = underSources(st.series);
    }
  }
  return list;
}
