import type { SweepStatus } from '../api/types';

export function StatusBadge({ status }: { status: SweepStatus | string }) {
  return (
    <span className={`badge badge-${status}`} data-testid="sweep-status">
      {status}
    </span>
  );
}
