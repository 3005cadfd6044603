/** DICOM value representations as text for display: dates (DA) and person names (PN). */

/** DICOM DA (YYYYMMDD) as YYYY-MM-DD for display; other text unchanged. */
export function formatDicomDate(da: string): string {
  return /^\d{8}$/.test(da) ? `${da.slice(0, 4)}-${da.slice(4, 6)}-${da.slice(6, 8)}` : da;
}

/** DICOM PN (`Family^Given^Middle`) as "Family, Given Middle" for display. */
export function formatPersonName(pn: string): string {
  const [family = '', given = '', middle = ''] = pn.split('=')[0].split('^');
  const rest = [given, middle].filter(Boolean).join(' ');
  return rest ? `${family}, ${rest}` : family || 'Anonymous';
}
