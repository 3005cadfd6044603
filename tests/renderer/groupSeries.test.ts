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

  it('puts each derived series right under the series it came from (issue 19 item 7)', () => {
    const attacked = (uid: string, source: string, description: string): SeriesSummary => ({
      ...s('Abe', 'st1', '20200101', uid, 1001),
      seriesDescription: description,
      derived: true,
      sourceSeriesInstanceUid: source,
    });
    const tree = groupSeries([
      attacked('x1', 'a', 'PGD eps 0.02 of chest'),
      s('Abe', 'st1', '20200101', 'a', 1),
      s('Abe', 'st1', '20200101', 'b', 2),
      attacked('x2', 'b', 'FGSM eps 0.01 of lateral'),
      attacked('x3', 'a', 'CW eps 0.5 of chest'),
      attacked('orphan', 'gone', 'PGD eps 0.03 of closed series'),
    ]);
    expect(tree[0].studies[0].series.map((x) => x.seriesInstanceUid)).toEqual(['a', 'x3', 'x1', 'b', 'x2', 'orphan']);
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
