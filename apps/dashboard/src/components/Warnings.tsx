/** The report's warnings, as a plain list. */
export function Warnings({ warnings }: { warnings: readonly string[] }) {
  if (warnings.length === 0) return <p className="muted">No warnings.</p>;
  return (
    <ul className="warnings" data-testid="warnings">
      {warnings.map((warning, i) => (
        <li key={i}>{warning}</li>
      ))}
    </ul>
  );
}
