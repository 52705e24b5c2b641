/** `regsweep schedules [--db FILE] [--json]` (issue 4): the stored cron schedules with their next run time. */
import { Command } from 'commander';
import { listSchedules } from '../app-context';
import { registerListCommand } from '../list-command';

export function registerSchedulesCommand(program: Command): void {
  registerListCommand(program, {
    name: 'schedules',
    description: 'List the cron schedules in the database with their next run time (they fire under `serve`).',
    list: listSchedules,
    columns: ['name', 'cron', 'timezone', 'state', 'overlap', 'next run (UTC)', 'dataset', 'id'],
    row: (s) => [
      s.name,
      s.cron,
      s.timezone,
      s.enabled ? 'active' : 'paused',
      s.overlap,
      s.nextRunAt ? s.nextRunAt.toISOString() : '—',
      s.sweep.dataset,
      s.id,
    ],
  });
}
