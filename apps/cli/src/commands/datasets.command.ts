/** `regsweep datasets [--db FILE] [--json]` (SPEC §5): the datasets the database knows, built-ins included. */
import { Command } from 'commander';
import { listDatasets } from '../app-context';
import { registerListCommand } from '../list-command';

export function registerDatasetsCommand(program: Command): void {
  registerListCommand(program, {
    name: 'datasets',
    description: 'List the datasets in the database (built-ins are registered on first use).',
    list: listDatasets,
    columns: ['name', 'version', 'rows', 'features', 'target', 'task', 'builtin', 'id'],
    row: (d) => [
      d.name,
      String(d.version),
      String(d.rows),
      String(d.features.length),
      d.target,
      d.task,
      d.builtin ? 'yes' : '',
      d.id,
    ],
  });
}
