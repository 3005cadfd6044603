/** A labelled menu of a model's classes with one "no particular class" choice (explain the predicted class, attack untargeted …). */

/** Props: `value` is a class index or null for the `noneLabel` choice. */
export interface ClassSelectProps {
  label: string;
  noneLabel: string;
  classes: string[];
  value: number | null;
  onChange: (value: number | null) => void;
}

/** The menu (a native select inside its label: keyboard-reachable, read by screen readers). */
export function ClassSelect({ label, noneLabel, classes, value, onChange }: ClassSelectProps) {
  return (
    <label>
      {label}
      <select value={value ?? ''} onChange={(e) => onChange(e.target.value === '' ? null : Number(e.target.value))}>
        <option value="">{noneLabel}</option>
        {classes.map((c, i) => (
          <option key={i} value={i}>
            {c}
          </option>
        ))}
      </select>
    </label>
  );
}
