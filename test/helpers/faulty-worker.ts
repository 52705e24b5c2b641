/**
 * Builds the fault tests' worker file: faulty-fold-task.worker.ts and fault-injection.ts transpiled into
 * dist/test/helpers/, beside the built server (Piscina runs JavaScript; `npm run build` compiles no tests), with the
 * rules as a JSON file the wrapper reads. (Not the environment: jest gives each test file its own copy of it.)
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ModuleKind, ScriptTarget, transpileModule } from 'typescript';
import { packageRoot } from '../../apps/server/src/common/package-root';
import type { FaultRule } from './fault-injection';

/** The worker file to pass as AppOptions.workerFile, acting out `rules`. */
export function faultyWorkerFile(rules: readonly FaultRule[]): string {
  const target = join(packageRoot(), 'dist', 'test', 'helpers');
  mkdirSync(target, { recursive: true });
  const rulesJson = JSON.stringify(rules);
  const name = `faulty-fold-task-${createHash('sha256').update(rulesJson).digest('hex').slice(0, 12)}`;
  writeFileSync(join(target, 'fault-injection.js'), transpile('fault-injection'));
  writeFileSync(join(target, `${name}.worker.js`), transpile('faulty-fold-task.worker'));
  writeFileSync(join(target, `${name}.rules.json`), rulesJson);
  return join(target, `${name}.worker.js`);
}

function transpile(name: string): string {
  const source = readFileSync(join(__dirname, `${name}.ts`), 'utf8');
  return transpileModule(source, {
    compilerOptions: { module: ModuleKind.CommonJS, target: ScriptTarget.ES2022, esModuleInterop: true },
  }).outputText;
}
