/**
 * A sweep's tags and notes, editable in place (PATCH /api/sweeps/:id). The tags are typed as a comma list; the
 * server's refusals ({path, message}) show beside the field they name, and nothing is stored then.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { ApiError, updateSweepTracking } from '../api/client';
import type { SweepInfo } from '../api/types';
import { splitList } from '../sweep-filters';
import { ErrorMessage } from './ErrorMessage';
import { assignErrors } from './field-errors';
import { Field } from './Field';

interface Props {
  sweep: SweepInfo;
  onSaved: (sweep: SweepInfo) => void;
}

export function TrackingEditor({ sweep, onSaved }: Props) {
  const [tags, setTags] = useState((sweep.tags ?? []).join(', '));
  const [notes, setNotes] = useState(sweep.notes ?? '');
  const [failure, setFailure] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    setTags((sweep.tags ?? []).join(', '));
    setNotes(sweep.notes ?? '');
  }, [sweep.id, sweep.tags?.join('\n'), sweep.notes]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    updateSweepTracking(sweep.id, { tags: splitList(tags), notes }).then((answer) => {
      setFailure(null);
      setSaved(true);
      onSaved(answer);
    }, setFailure);
  };
  const fieldErrors = failure instanceof ApiError ? failure.errors : [];
  const { byField, unassigned } = assignErrors(fieldErrors, ['tags', 'notes']);
  return (
    <form className="tracking" data-testid="tracking" onSubmit={submit}>
      <Field label="Tags" path="tags" errors={byField} hint="comma-separated">
        <input name="tags" value={tags} onChange={(event) => setTags(event.target.value)} />
      </Field>
      <Field label="Notes" path="notes" errors={byField}>
        <textarea name="notes" value={notes} onChange={(event) => setNotes(event.target.value)} />
      </Field>
      {fieldErrors.length === 0 ? (
        <ErrorMessage error={failure} />
      ) : (
        unassigned.length > 0 && <ErrorMessage error={failure} />
      )}
      <div className="toolbar">
        <button type="submit">Save tags and notes</button>
        {saved && <span className="muted small">Saved.</span>}
      </div>
    </form>
  );
}
