/** Downloads of the report and the trials, as CSV or JSON, built in the browser from API answers. */
import { getReport } from '../api/client';
import { loadAllTrials } from '../api/coefficient-path';
import { downloadText, fileStem } from '../download';
import { reportCsv, trialsCsv } from '../export';
import { ErrorMessage } from './ErrorMessage';
import { useAction } from './use-action';

type Format = 'csv' | 'json';

export function ExportBar({ sweepId, sweepName }: { sweepId: string; sweepName: string }) {
  const { busy, error, run, progress } = useAction();
  const base = fileStem(sweepName);

  const exportReport = (format: Format) =>
    run(`report ${format}`, async () => {
      const report = await getReport(sweepId); // the full report, not the thinned one drawn on screen
      if (format === 'json') downloadText(`${base}-report.json`, JSON.stringify(report, null, 2), 'application/json');
      else downloadText(`${base}-report.csv`, reportCsv(report), 'text/csv');
    });

  const exportTrials = (format: Format) =>
    run(`trials ${format}`, async () => {
      const trials = await loadAllTrials(sweepId, (loaded, total) => progress(`trials ${format}: ${loaded}/${total}`));
      if (format === 'json') downloadText(`${base}-trials.json`, JSON.stringify(trials, null, 2), 'application/json');
      else downloadText(`${base}-trials.csv`, trialsCsv(trials), 'text/csv');
    });

  const buttons: [label: string, onClick: () => void][] = [
    ['Report JSON', () => exportReport('json')],
    ['Report CSV', () => exportReport('csv')],
    ['Trials JSON', () => exportTrials('json')],
    ['Trials CSV', () => exportTrials('csv')],
  ];
  return (
    <div className="export-bar">
      <span className="muted">Export:</span>
      {buttons.map(([label, onClick]) => (
        <button key={label} type="button" disabled={busy !== null} onClick={onClick}>
          {label}
        </button>
      ))}
      {busy && <span className="muted small">Preparing {busy}…</span>}
      <ErrorMessage error={error} />
    </div>
  );
}
