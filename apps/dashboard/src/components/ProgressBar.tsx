import type { Progress } from '../api/types';

/** Tasks done out of total, as a bar and as numbers. */
export function ProgressBar({ progress }: { progress: Progress }) {
  const fraction = progress.total > 0 ? Math.min(1, progress.done / progress.total) : 0;
  return (
    <span className="progress" title={`${progress.done} of ${progress.total} tasks`}>
      <span className="progress-track">
        <span className="progress-fill" style={{ width: `${(fraction * 100).toFixed(1)}%` }} />
      </span>
      <span className="progress-text">
        {progress.done}/{progress.total}
      </span>
    </span>
  );
}
