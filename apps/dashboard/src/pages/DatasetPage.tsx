/** One dataset's history: every sweep on any of its versions, and each one's best validation score over time. */
import { useCallback } from 'react';
import { listDatasetSweeps } from '../api/client';
import { useReadWithToken } from '../api/token';
import type { Page, SweepInfo } from '../api/types';
import { BestOverTimeChart } from '../charts/BestOverTimeChart';
import { ErrorMessage } from '../components/ErrorMessage';
import { StatusBadge } from '../components/StatusBadge';
import { numeric, TableHead } from '../components/TableHead';
import { formatDate, formatNumber, penaltyLabel } from '../format';
import { href } from '../router';

export function DatasetPage({ name }: { name: string }) {
  const read = useCallback(() => listDatasetSweeps(name), [name]);
  const { value: answer, error } = useReadWithToken<Page<SweepInfo> | null>(read, null);
  const sweeps = answer?.items ?? [];
  return (
    <section>
      <h1>Dataset {name}</h1>
      <ErrorMessage error={error} />
      {answer && sweeps.length === 0 && <p className="muted">No sweep has run on this dataset yet.</p>}
      {sweeps.length > 0 && (
        <>
          <h2>Best validation over time</h2>
          <BestOverTimeChart sweeps={sweeps} />
          <h2>Sweeps ({answer?.total})</h2>
          <table data-testid="dataset-sweeps-table">
            <TableHead
              columns={['sweep', numeric('version'), 'status', 'metric', 'best', numeric('validation'), 'created']}
            />
            <tbody>
              {sweeps.map((sweep) => (
                <tr key={sweep.id} data-testid="dataset-sweep-row">
                  <td>
                    <a href={href.sweep(sweep.id)}>{sweep.name}</a>
                  </td>
                  <td className="num">{sweep.datasetVersion}</td>
                  <td>
                    <StatusBadge status={sweep.status} />
                  </td>
                  <td>{sweep.config.metric ?? '—'}</td>
                  <td>
                    {sweep.best
                      ? `${penaltyLabel(sweep.best.penalty, sweep.best.l1Ratio)}, λ = ${formatNumber(sweep.best.lambda)}`
                      : '—'}
                  </td>
                  <td className="num">{formatNumber(sweep.best?.validation)}</td>
                  <td>{formatDate(sweep.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
