/**
 * Groups the opened series for the browser: Patient → Study → Series. Patients sort by name, studies
 * by date (newest first), series by series number then description.
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
    }
  }
  return list;
}
