/**
 * Sweeps side by side (GET /api/compare): the validation curves of each penalty overlaid, one colour per sweep, and
 * a table with a column per sweep: best penalty, λ, validation ± sd, test score, nonzeros, dataset version, then one
 * row per config field whose value differs between the sweeps.
 */
import { useCallback } from 'react';
import { compareSweeps } from '../api/client';
import { useReadWithToken } from '../api/token';
import type { ComparedSweep, Comparison } from '../api/types';
import { CompareCurvesChart, type ComparedLine } from '../charts/CompareCurvesChart';
import { seriesColor } from '../charts/palette';
import { ErrorMessage } from '../components/ErrorMessage';
import { TableHead } from '../components/TableHead';
import { formatNumber, penaltyLabel } from '../format';
import { href } from '../router';

export function ComparePage({ ids }: { ids: string[] }) {
  const read = useCallback(() => compareSweeps(ids), [ids.join(',')]);
  const { value: comparison, error } = useReadWithToken<Comparison | null>(read, null);
  return (
    <section>
      <h1>Compare sweeps</h1>
      {ids.length < 2 && (
        <p className="muted">
          Choose two sweeps or more on the <a href={href.sweeps()}>sweeps list</a> to compare them.
        </p>
      )}
      {ids.length >= 2 && <ErrorMessage error={error} />}
      {comparison && <ComparisonView comparison={comparison} />}
    </section>
  );
}

function ComparisonView({ comparison }: { comparison: Comparison }) {
  const { sweeps } = comparison;
  const metrics = new Set(sweeps.map((sweep) => sweep.metric));
  return (
    <>
      <ul className="compare-legend" data-testid="compare-legend">
        {sweeps.map((sweep, i) => (
          <li key={sweep.id}>
            <span className="swatch" style={{ background: seriesColor(i) }} />
            <a href={href.sweep(sweep.id)}>{sweep.name}</a>
          </li>
        ))}
      </ul>
      {metrics.size > 1 && (
        <p className="muted small">
          The sweeps score on different metrics ({[...metrics].join(', ')}): compare their curves with care.
        </p>
      )}
      <h2>Validation curves</h2>
      <div className="two-columns">
        {penaltyGroups(sweeps).map(([label, lines]) => (
          <div key={label} data-testid="compare-penalty">
            <h3>{label}</h3>
            <CompareCurvesChart lines={lines} metric={[...metrics].join(' / ')} testId={`compare-chart-${label}`} />
          </div>
        ))}
      </div>
      <h2>Best models and differences</h2>
      <div className="scroll-x">
        <CompareTable comparison={comparison} />
      </div>
    </>
  );
}

/** The curves grouped by penalty label, in the order first met, each line in its sweep's colour. */
function penaltyGroups(sweeps: readonly ComparedSweep[]): [string, ComparedLine[]][] {
  const groups = new Map<string, ComparedLine[]>();
  sweeps.forEach((sweep, sweepIndex) => {
    for (const curve of sweep.curves) {
      const label = penaltyLabel(curve.penalty, curve.l1Ratio);
      const lines = groups.get(label) ?? [];
      lines.push({ label: sweep.name, sweepIndex, curve });
      groups.set(label, lines);
    }
  });
  return [...groups];
}

function CompareTable({ comparison }: { comparison: Comparison }) {
  const { sweeps, differences } = comparison;
  const rows: [string, (sweep: ComparedSweep) => string][] = [
    ['best penalty', (s) => (s.best ? penaltyLabel(s.best.penalty, s.best.l1Ratio) : '—')],
    ['λ', (s) => formatNumber(s.best?.lambda)],
    [
      'validation ± sd',
      (s) =>
        s.best ? `${formatNumber(s.best.validation.mean)} ± ${formatNumber(s.best.validation.sd)} (${s.metric})` : '—',
    ],
    ['test score', (s) => testScores(s)],
    ['nonzeros', (s) => (s.best ? String(s.best.nonzeros) : '—')],
    ['dataset', (s) => `${s.dataset.name} v${s.dataset.version}`],
  ];
  return (
    <table data-testid="compare-table">
      <TableHead columns={['', ...sweeps.map((sweep) => sweep.name)]} />
      <tbody>
        {rows.map(([label, cell]) => (
          <tr key={label} data-testid="compare-row">
            <th scope="row">{label}</th>
            {sweeps.map((sweep) => (
              <td key={sweep.id}>{cell(sweep)}</td>
            ))}
          </tr>
        ))}
        {differences.map((difference) => (
          <tr key={difference.path} className="difference" data-testid="difference-row">
            <th scope="row">
              <code>{difference.path}</code>
            </th>
            {difference.values.map((value, i) => (
              <td key={i}>{configValue(value)}</td>
            ))}
          </tr>
        ))}
        {differences.length === 0 && (
          <tr>
            <td colSpan={sweeps.length + 1} className="muted">
              The configs are the same in every field.
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}

function testScores(sweep: ComparedSweep): string {
  const test = sweep.best?.test;
  if (!test) return '—';
  return Object.entries(test)
    .map(([metric, value]) => `${metric} ${formatNumber(value)}`)
    .join(', ');
}

/** A config value as a cell: long arrays (fold ids) shortened. */
function configValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}
