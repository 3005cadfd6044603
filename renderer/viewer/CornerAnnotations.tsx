/**
 * The four corner texts of a viewport: patient (top left), study and series (top right), window/level
 * and zoom (bottom left), frame position (bottom right). Window in modality units, zoom in screen
 * pixels per image pixel.
 */
import type { SeriesSummary } from '../../electron/shared/studyTypes';
import { formatDicomDate, formatPersonName } from './dicomText';
import type { ViewportState } from './ViewportController';

/** Props: the series shown and the viewport's last reported state. */
export interface CornerAnnotationsProps {
  series: SeriesSummary;
  state: ViewportState;
}

/** Overlay text, not interactive (pointer events pass through to the image). */
export function CornerAnnotations({ series, state }: CornerAnnotationsProps) {
  const voi = state.voi;
  return (
    <div className="corner-annotations" aria-hidden="true">
      <div className="corner top-left">
        <div>{formatPersonName(series.patientName)}</div>
        <div>ID: {series.patientId || '—'}</div>
      </div>
      <div className="corner top-right">
        <div>{series.studyDescription || 'Study'}</div>
        <div>{formatDicomDate(series.studyDate)}</div>
        <div>
          {series.modality} · S{series.seriesNumber ?? '?'} {series.seriesDescription}
        </div>
      </div>
      <div className="corner bottom-left">
        {voi && (
          <div>
            W {Math.round(voi.windowWidth)} / L {Math.round(voi.windowCenter)}
            {state.invert ? ' · inverted' : ''}
          </div>
        )}
        <div>Zoom {(state.scale * 100).toFixed(0)}%{state.rotation ? ` · ${state.rotation}°` : ''}</div>
      </div>
      <div className="corner bottom-right">
        <div>
          Image {state.imageIds.length ? state.imageIndex + 1 : 0} / {state.imageIds.length}
        </div>
        {state.cinePlaying && <div>Cine ▶</div>}
      </div>
    </div>
  );
}
