/**
 * Using a sweep's result: download its best model (regsweep JSON, ONNX in double or float32, GET
 * /api/sweeps/:id/model) once it has
 * succeeded, and "Run again" (POST /api/sweeps/:id/rerun: the identical config on the same dataset version) once it
 * has finished, which opens the new sweep's page.
 */
import { getModelFile, rerunSweep, type ModelFileFormat } from '../api/client';
import type { SweepInfo } from '../api/types';
import { downloadBlob, fileStem } from '../download';
import { href, navigate } from '../router';
import { ErrorMessage } from './ErrorMessage';
import { useAction } from './use-action';

const FINISHED = new Set(['succeeded', 'failed', 'cancelled']);

export function ModelActions({ sweep }: { sweep: SweepInfo }) {
  const action = useAction();
  const { error, run } = action;
  const busy = action.busy !== null;
  const base = fileStem(sweep.name);
  const download = (format: ModelFileFormat) =>
    run(`model ${format}`, async () =>
      downloadBlob(
        `${base}-model${format === 'onnx-float32' ? '-float32.onnx' : `.${format}`}`,
        await getModelFile(sweep.id, format),
      ),
    );
  const runAgain = () =>
    run('rerun', async () => {
      const { id } = await rerunSweep(sweep.id);
      navigate(href.sweep(id));
    });

  if (!FINISHED.has(sweep.status)) return null;
  return (
    <div className="export-bar" data-testid="model-actions">
      {sweep.status === 'succeeded' && (
        <>
          <span className="muted">Model:</span>
          <button type="button" disabled={busy} onClick={() => download('json')}>
            Model JSON
          </button>
          <button type="button" disabled={busy} onClick={() => download('onnx')}>
            Model ONNX
          </button>
          <button
            type="button"
            disabled={busy}
            onClick={() => download('onnx-float32')}
            title="float input; ai.onnx.ml linear operators for GLMs"
          >
            ONNX float32
          </button>
        </>
      )}
      <button type="button" disabled={busy} onClick={runAgain} title="the identical config on the same dataset version">
        Run again
      </button>
      <ErrorMessage error={error} />
    </div>
  );
}
