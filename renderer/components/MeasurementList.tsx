/** The measurements on the active viewport's image, as text a screen reader can read. */
import { formatMeasurement, type Measurement } from '../viewer/measurementFormat';

/** Props: the measurements to list. */
export interface MeasurementListProps {
  measurements: Measurement[];
}

/** Sidebar panel; nothing when there are no measurements. */
export function MeasurementList({ measurements }: MeasurementListProps) {
  if (measurements.length === 0) return null;
  return (
    <section className="measurements" aria-label="Measurements">
      <h2>Measurements</h2>
      <ul>
        {measurements.map((m, i) => (
          <li key={i}>{formatMeasurement(m)}</li>
        ))}
      </ul>
    </section>
  );
}
