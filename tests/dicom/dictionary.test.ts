import { describe, expect, it } from 'vitest';
import { nameOf, vrOf } from '../../electron/dicom/dictionary';

describe('data dictionary (issue 19 item 9: standard tags were shown as "Unknown")', () => {
  it('names the standard attributes of a DX/CR header that the hand-written table lacked', () => {
    const expected: Record<string, [string, string]> = {
      x00181164: ['ImagerPixelSpacing', 'DS'],
      x00185101: ['ViewPosition', 'CS'],
      x00181110: ['DistanceSourceToDetector', 'DS'],
      x00181111: ['DistanceSourceToPatient', 'DS'],
      x00181150: ['ExposureTime', 'IS'],
      x00181151: ['XRayTubeCurrent', 'IS'],
      x00181152: ['Exposure', 'IS'],
      x00187004: ['DetectorType', 'CS'],
      x00181114: ['EstimatedRadiographicMagnificationFactor', 'DS'],
      x00080068: ['PresentationIntentType', 'CS'],
      x00200062: ['ImageLaterality', 'CS'],
      x00540220: ['ViewCodeSequence', 'SQ'],
    };
    for (const [tag, [name, vr]] of Object.entries(expected)) {
      expect(nameOf(tag), tag).toBe(name);
      expect(vrOf(tag), tag).toBe(vr);
    }
  });

  it('still says Private for odd groups and Unknown for tags in no dictionary', () => {
    expect(nameOf('x00091001')).toBe('Private');
    expect(nameOf('x7fe10010')).toBe('Private');
    expect(nameOf('x00189999')).toBe('Unknown');
    expect(vrOf('x00189999')).toBe('');
  });
});
