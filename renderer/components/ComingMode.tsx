/** The screen of a mode whose feature has not landed yet: what it will do, said plainly. */

/** Props: the mode's name, what it will offer, and the issue that builds it. */
export interface ComingModeProps {
  title: string;
  summary: string;
  plans: readonly string[];
}

/** A centred note: "<title> is coming", the summary and the planned steps. */
export function ComingMode({ title, summary, plans }: ComingModeProps) {
  return (
    <section className="coming-mode" aria-labelledby="coming-mode-title">
      <h2 id="coming-mode-title">{title} is coming</h2>
      <p>{summary}</p>
      <ul>
        {plans.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ul>
      <p className="dim">Until then, use Review for this study.</p>
    </section>
  );
}
