/* eslint-disable @typescript-eslint/no-explicit-any -- HTTP answers are untyped JSON here */
/** `regsweep serve` processes for the distributed tests: real processes of the compiled CLI (npm run build). */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { createTestSchema, type TestSchema } from './services';

const CLI = join(__dirname, '..', '..', 'dist', 'apps', 'cli', 'src', 'main.js');

export interface ServerProcess {
  readonly child: ChildProcess;
  /** http://127.0.0.1:PORT, the port the system chose (`--port 0`). */
  readonly url: string;
  readonly exited: Promise<number | null>;
  output(): string;
}

/**
 * Starts `regsweep serve --port 0 …args` (with `env` added to this process's environment) and resolves once it logs
 * the address it listens on.
 */
export function startServerProcess(args: string[], env: NodeJS.ProcessEnv = {}): Promise<ServerProcess> {
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const read = (chunk: string) => {
      output += chunk;
      const listening = /listening on (http:\/\/[\d.]+:\d+)/.exec(output);
      if (listening) resolve({ child, url: listening[1], exited, output: () => output });
    };
    child.stdout!.setEncoding('utf8').on('data', read);
    child.stderr!.setEncoding('utf8').on('data', read);
    void exited.then((code) => reject(new Error(`regsweep serve exited with ${code} before listening:\n${output}`)));
  });
}

/** Resolves once the server's output contains `text` (a log line it writes when something happened). */
export function serverOutputContains(server: ServerProcess, text: string): Promise<void> {
  if (server.output().includes(text)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const check = () => {
      if (!server.output().includes(text)) return;
      server.child.stdout!.off('data', check);
      server.child.stderr!.off('data', check);
      resolve();
    };
    server.child.stdout!.on('data', check);
    server.child.stderr!.on('data', check);
    void server.exited.then(() => reject(new Error(`server exited before writing "${text}":\n${server.output()}`)));
  });
}

/** Nest's start-up listing of modules and routes: nothing a failure is explained by. */
const START_UP_LISTING = /\[(InstanceLoader|RoutesResolver|RouterExplorer)\]/;

/**
 * The last `lines` lines the server wrote (stdout and stderr, interleaved as they came) without colours and without
 * the start-up listing, for failure messages.
 */
export function recentOutput(server: ServerProcess, lines = 30): string {
  return stripVTControlCharacters(server.output())
    .split('\n')
    .filter((line) => line.trim() !== '' && !START_UP_LISTING.test(line))
    .slice(-lines)
    .join('\n');
}

/** SIGTERM (the server requeues its sweeps and closes) and wait for the exit. */
export async function stopServerProcess(server: ServerProcess): Promise<void> {
  if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGTERM');
  await server.exited;
}

/**
 * Registers the hooks of a fresh test schema for each test (`each`) or for the file (`all`); `start(env)` starts one
 * more server on it, `stopAll()` stops every server started so far. The hooks stop them before dropping the schema.
 */
export function useServersOnSchema(scope: 'each' | 'all'): {
  readonly schema: TestSchema;
  start(env?: NodeJS.ProcessEnv): Promise<ServerProcess>;
  stopAll(): Promise<void>;
} {
  let schema: TestSchema | undefined;
  const servers: ServerProcess[] = [];
  const stopAll = async () => void (await Promise.all(servers.splice(0).map(stopServerProcess)));
  (scope === 'each' ? beforeEach : beforeAll)(async () => {
    schema = await createTestSchema();
  });
  (scope === 'each' ? afterEach : afterAll)(async () => {
    await stopAll();
    await schema?.drop();
  });
  return {
    get schema() {
      return schema!;
    },
    async start(env = {}) {
      const server = await startServerProcess(['--database', schema!.url], env);
      servers.push(server);
      return server;
    },
    stopAll,
  };
}

/** A sweep as `GET /api/sweeps/:id` of the server at `url` answers it. */
export async function sweepAt(url: string, id: string): Promise<any> {
  return (await fetch(`${url}/api/sweeps/${id}`)).json();
}

/** POSTs the config to the server at `url` (202 expected) and answers the new sweep's id. */
export async function submitSweep(url: string, config: object): Promise<string> {
  const submitted = await fetch(`${url}/api/sweeps`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(config),
  });
  if (submitted.status !== 202) throw new Error(`submit answered ${submitted.status}: ${await submitted.text()}`);
  return ((await submitted.json()) as { id: string }).id;
}

/** Polls the sweep every 50 ms until `reached` holds for it; answers it then. */
export async function waitForSweepAt(url: string, id: string, reached: (sweep: any) => boolean): Promise<any> {
  for (;;) {
    const sweep = await sweepAt(url, id);
    if (reached(sweep)) return sweep;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Whether a sweep has ended (succeeded, failed or cancelled). */
export const ended = (sweep: any): boolean => !['queued', 'running'].includes(sweep.status);
