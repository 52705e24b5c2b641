/**
 * The datasets the server knows, and the upload of a CSV: the first lines are parsed here for a
 * preview of the columns; the server's answer (rows, features, task) confirms the upload.
 */
import { useState, type FormEvent } from 'react';
import { ApiError, listDatasets, uploadDataset } from '../api/client';
import { useReadWithToken } from '../api/token';
import type { DatasetInfo } from '../api/types';
import { ErrorMessage } from '../components/ErrorMessage';
import { Options } from '../components/Options';
import { numeric, TableHead } from '../components/TableHead';
import { TextInput } from '../components/TextInput';
import { previewCsv, readFileStart, type CsvPreview } from '../csv-preview';
import { href } from '../router';

export function DatasetsPage() {
  const { value: datasets, error, reload: load } = useReadWithToken<DatasetInfo[] | null>(listDatasets, null);

  return (
    <section>
      <h1>Datasets</h1>
      <UploadForm onUploaded={load} />
      <h2>Known datasets</h2>
      <ErrorMessage error={error} />
      {datasets && (
        <table data-testid="datasets-table">
          <TableHead columns={['name', numeric('version'), numeric('rows'), numeric('features'), 'target', 'task']} />
          <tbody>
            {datasets.map((d) => (
              <tr key={d.id}>
                <td>
                  <a href={href.dataset(d.name)}>{d.name}</a>
                  {d.builtin && <span className="muted small"> (built-in)</span>}
                </td>
                <td className="num">{d.version}</td>
                <td className="num">{d.rows}</td>
                <td className="num" title={d.features.join(', ')}>
                  {d.features.length}
                </td>
                <td>{d.target}</td>
                <td>{d.task}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function UploadForm({ onUploaded }: { onUploaded: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<CsvPreview | null>(null);
  const [name, setName] = useState('');
  const [target, setTarget] = useState('');
  const [uploaded, setUploaded] = useState<DatasetInfo | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const choose = async (chosen: File | null) => {
    setFile(chosen);
    setUploaded(null);
    setError(null);
    setPreview(null);
    if (!chosen) return;
    const parsed = previewCsv(await readFileStart(chosen));
    setPreview(parsed);
    setName((current) => current || chosen.name.replace(/\.csv$/i, ''));
    setTarget(parsed.header[parsed.header.length - 1] ?? '');
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      setUploaded(await uploadDataset(file, name, target));
      onUploaded();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  // A 401 carries an errors list too, but it is about the token, not a field: ErrorMessage says where to set it.
  const fieldErrors = error instanceof ApiError && !error.needsToken ? error.errors : [];
  return (
    <form className="upload" onSubmit={submit} data-testid="upload-form">
      <h2>Upload a CSV</h2>
      <div className="upload-fields">
        <label>
          <span className="field-label">File</span>
          <input
            type="file"
            name="file"
            accept=".csv,text/csv"
            onChange={(e) => void choose(e.target.files?.[0] ?? null)}
          />
        </label>
        <TextInput label="Name" name="datasetName" value={name} onChange={setName} />
        <label>
          <span className="field-label">Target column</span>
          <select name="target" value={target} onChange={(e) => setTarget(e.target.value)} disabled={!preview}>
            <Options values={preview?.header ?? []} />
          </select>
        </label>
        <button type="submit" className="primary" disabled={!file || busy}>
          {busy ? 'Uploading…' : 'Upload'}
        </button>
      </div>
      {fieldErrors.length > 0 ? (
        <ul className="error" role="alert">
          {fieldErrors.map((e, i) => (
            <li key={i}>
              {e.path ? `${e.path}: ` : ''}
              {e.message}
            </li>
          ))}
        </ul>
      ) : (
        <ErrorMessage error={error} />
      )}
      {preview && <PreviewTable preview={preview} target={target} />}
      {uploaded && (
        <p className="success" data-testid="upload-result">
          Stored <strong>{uploaded.name}</strong> v{uploaded.version}: {uploaded.rows} rows, {uploaded.features.length}{' '}
          features, target {uploaded.target} ({uploaded.task}). <a href={href.newSweep()}>Start a sweep</a>
        </p>
      )}
    </form>
  );
}

function PreviewTable({ preview, target }: { preview: CsvPreview; target: string }) {
  return (
    <div className="preview" data-testid="csv-preview">
      <p className="muted small">
        Preview of the first {preview.rows.length} rows, {preview.header.length} columns (parsed in the browser).
      </p>
      <div className="scroll-x">
        <table className="compact">
          <thead>
            <tr>
              {preview.header.map((column, i) => (
                <th key={i} className={column === target ? 'target-column' : undefined}>
                  {column}
                  <span className="muted small">
                    {' '}
                    {column === target ? 'target' : preview.numeric[i] ? 'number' : 'text'}
                  </span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((row, r) => (
              <tr key={r}>
                {preview.header.map((_, c) => (
                  <td key={c}>{row[c] ?? ''}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
