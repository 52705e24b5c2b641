import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { SweepReport } from '@regsweep/sweep';
import { runProcess, type ProcessRun } from '../measure';

export const cliPath = resolve(__dirname, '../../../../bin/regsweep.js');
export const cliAvailable = (): boolean => existsSync(resolve(__dirname, '../../../apps/cli/src/commands/sweep.command.js'));

/** Runs `regsweep sweep CONFIG --json` as a whole process on a fresh SQLite file; returns the run and the parsed report. */
export function runSweepCli(config: object, outDir: string): { run: ProcessRun; report: SweepReport } {
  const dir = mkdtempSync(join(tmpdir(), 'regsweep-bench-db-'));
  const configPath = join(outDir, `bench-config-${process.pid}.json`);
  writeFileSync(configPath, JSON.stringify(config));
  try {
    const run = runProcess(process.execPath, [cliPath, 'sweep', configPath, '--json', '--db', join(dir, 'bench.sqlite')]);
    if (run.status !== 0) throw new Error(`regsweep sweep failed (${run.status}): ${run.stderr.slice(-2000)}`);
    return { run, report: JSON.parse(run.stdout) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
