/**
 * A pool worker for the fault tests: the real fold-task.worker with the injected faults in front of its fold tasks.
 * Transpiled by faulty-worker.ts into dist/test/helpers/, whence these relative imports reach the built worker.
 */
import runFoldTask, * as real from '../../apps/server/src/runner/fold-task.worker';
import type { FoldTaskMessage } from '../../apps/server/src/runner/fold-task.worker';
import { readFileSync } from 'node:fs';
import { actOutFault, faultFor, type FaultRule } from './fault-injection';

/** Written beside this file as <name>.rules.json for <name>.worker.js (faulty-worker.ts). */
const rules = JSON.parse(readFileSync(__filename.replace(/\.worker\.js$/, '.rules.json'), 'utf8')) as FaultRule[];

export default function faultyFoldTask(message: FoldTaskMessage) {
  if (message.task) {
    const fault = faultFor(rules, { ...message.task, fold: message.fold.fold });
    if (fault) actOutFault(fault);
  }
  return runFoldTask(message);
}

export const { rowsCrossProducts, sumCrossProducts, warmUp } = real;
