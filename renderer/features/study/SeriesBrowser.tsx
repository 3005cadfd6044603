/** The series browser: Patient → Study → Series, each series a button with its thumbnail. */
import { useMemo } from 'react';
import type { SeriesSummary } from '../../../electron/shared/studyTypes';
import { formatDicomDate, formatPersonName } from '../../viewer/dicomText';
import { groupSeries, isUnderSource } from './groupSeries';
import { SeriesThumbnail } from './SeriesThumbnail';

/** Props of {@link SeriesBrowser}. */
export interface SeriesBrowserProps {
  series: SeriesSummary[];
  /** Series UIDs on screen, to highlight. */
  shown: string[];
  onSelect: (series: SeriesSummary) => void;
}

/** Tree of the opened series; selecting one loads it into the active viewport. */
export function SeriesBrowser({ series, shown, onSelect }: SeriesBrowserProps) {
  const patients = useMemo(() => groupSeries(series), [series]);
  if (patients.length === 0) return <p className="series-empty">No studies open yet.</p>;
  return (
    <nav className="series-browser" aria-label="Series browser">
      {patients.map((p) => (
        <section key={p.key} className="patient">
          <h2>
            {formatPersonName(p.patientName)} <span className="dim">{p.patientId}</span>
          </h2>
          {p.studies.map((st) => (
            <section key={st.studyInstanceUid} className="study">
              <h3>
                {st.studyDescription || 'Study'} <span className="dim">{formatDicomDate(st.studyDate)}</span>
              </h3>
              <ul>
                {st.series.map((s) => (
                  <li key={s.seriesInstanceUid} className={isUnderSource(s, st.series) ? 'derived-series' : undefined}>
                    <button
                      type="button"
                      className={`series-item${shown.includes(s.seriesInstanceUid) ? ' shown' : ''}`}
                      data-series-uid={s.seriesInstanceUid}
                      onClick={() => onSelect(s)}
                      aria-label={`Series ${s.seriesNumber ?? ''} ${s.seriesDescription} (${s.modality}, ${s.imageIds.length} images)`}
                    >
                      <SeriesThumbnail imageId={s.imageIds[Math.floor(s.imageIds.length / 2)]} />
                      <span className="series-text">
                        <span className="series-title">
                          {isUnderSource(s, st.series) ? `↳ ${s.seriesDescription}` : `${s.modality} ${s.seriesNumber ?? ''} ${s.seriesDescription}`}
                        </span>
                        <span className="dim">
                          {s.imageIds.length} image{s.imageIds.length === 1 ? '' : 's'}
                          {s.derived ? ' · derived' : ''}
                        </span>
                      </span>
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </section>
      ))}
    </nav>
  );
}
