import { describe, expect, it } from 'vitest';
import { groupSeries } from '../../renderer/features/study/groupSeries';
import { formatDicomDate, formatPersonName } from '../../renderer/viewer/dicomText';
import type { SeriesSummary } from '../../electron/shared/studyTypes';

const s = (patientName: string, study: string, date: string, uid: string, num: number | null): SeriesSummary => ({
  patientName, patientId: patientName.toUpperCase(), studyInstanceUid: study, studyDescription: `desc ${study}`, studyDate: date,
  seriesInstanceUid: uid, seriesDescription: `series ${uid}`, seriesNumber: num, modality: 'CT', imageIds: [], derived: false,
});

describe('groupSeries', () => {
  it('groups Patient → Study → Series with stable orders', () => {
    const tree = groupSeries([
      s('Zed', 'st1', '20200101', 'a', 3),
      s('Abe', 'st2', '20190101', 'b', null),
      s('Abe', 'st3', '20210101', 'c', 2),
      s('Abe', 'st2', '20190101', 'd', 1),
    ]);
    expect(tree.map((p) => p.patientName)).toEqual(['Abe', 'Zed']);
    expect(tree[0].studies.map((st) => st.studyInstanceUid)).toEqual(['st3', 'st2']); // newest first
    expect(tree[0].studies[1].series.map((x) => x.seriesInstanceUid)).toEqual(['d', 'b']); // numbered first
  });
});

describe('formatting', () => {
  it('formats DICOM dates and person names', () => {
    expect(formatDicomDate('20240131')).toBe('2024-01-31');
    expect(formatDicomDate('')).toBe('');
    expect(formatPersonName('Doe^Jane^Q')).toBe('Doe, Jane Q');
    expect(formatPersonName('Doe')).toBe('Doe');
    expect(formatPersonName('')).toBe('Anonymous');
  });
});
