/**
 * Workers on other hosts, as far as the network goes: two `regsweep worker` processes run in a network namespace
 * of their own (`ip netns`), joined to this one by a veth pair, and reach Redis and PostgreSQL at the pair's
 * address on this side, never through the loopback they would share with the server. Redis and PostgreSQL listen
 * on the loopback only, so a plain TCP relay of this test forwards the pair's address to them (the services'
 * configuration stays as it is). Needs root (CAP_NET_ADMIN) and iproute2: without them this test fails, saying so.
 */
import type { INestApplication } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
import { join } from 'node:path';
import request from 'supertest';
import { parse as parseYaml } from 'yaml';
import { startTestApp, waitForSweep } from '../helpers/test-app';
import { startQueueModeServer, startWorker, stopQueueModeServer, type WorkerProcess } from './queue-processes';
import type { TestSchema } from './services';

const CONFIG = parseYaml(readFileSync(join(__dirname, '..', '..', 'examples', 'diabetes-penalties.yaml'), 'utf8'));
const SUFFIX = randomBytes(2).toString('hex');
const NAMESPACE = `rsw-${SUFFIX}`;
const HOST_END = `rswh${SUFFIX}`;
const WORKER_END = `rswn${SUFFIX}`;
const SUBNET = 200 + (parseInt(SUFFIX, 16) % 50);
const HOST_ADDRESS = `10.231.${SUBNET}.1`;
const WORKER_ADDRESS = `10.231.${SUBNET}.2`;

let schema: TestSchema;
let queueUrl: string;
let server: INestApplication;
let queue: Queue;
const relays: Server[] = [];
const workers: WorkerProcess[] = [];

function ip(...args: string[]): void {
  execFileSync('ip', args, { stdio: 'pipe' });
}

/** Forwards HOST_ADDRESS:port to 127.0.0.1:port, byte for byte. */
function relay(port: number): Promise<void> {
  const server = createServer((incoming) => {
    const outgoing = connect(port, '127.0.0.1');
    incoming.pipe(outgoing).pipe(incoming);
    incoming.on('error', () => outgoing.destroy());
    outgoing.on('error', () => incoming.destroy());
  });
  relays.push(server);
  return new Promise((resolve, reject) => server.once('error', reject).listen(port, HOST_ADDRESS, resolve));
}

/** The URL with its host replaced by the host end of the veth pair. */
function viaPair(url: string): string {
  const parsed = new URL(url);
  parsed.hostname = HOST_ADDRESS;
  return parsed.toString();
}

beforeAll(async () => {
  try {
    ip('netns', 'add', NAMESPACE);
  } catch (error) {
    throw new Error(`cannot create a network namespace (needs root and iproute2): ${String(error)}`);
  }
  ip('link', 'add', HOST_END, 'type', 'veth', 'peer', 'name', WORKER_END);
  ip('link', 'set', WORKER_END, 'netns', NAMESPACE);
  ip('addr', 'add', `${HOST_ADDRESS}/30`, 'dev', HOST_END);
  ip('link', 'set', HOST_END, 'up');
  ip('netns', 'exec', NAMESPACE, 'ip', 'addr', 'add', `${WORKER_ADDRESS}/30`, 'dev', WORKER_END);
  ip('netns', 'exec', NAMESPACE, 'ip', 'link', 'set', WORKER_END, 'up');
  ip('netns', 'exec', NAMESPACE, 'ip', 'link', 'set', 'lo', 'up');
  await relay(5432);
  await relay(6379);

  ({ schema, queueUrl, app: server, queue } = await startQueueModeServer());
  const wrapper = ['ip', 'netns', 'exec', NAMESPACE];
  for (let i = 0; i < 2; i++) workers.push(await startWorker(viaPair(queueUrl), viaPair(schema.url), 1, wrapper));
}, 120_000);

afterAll(async () => {
  await stopQueueModeServer({ schema, queueUrl, app: server, queue }, workers);
  for (const relayServer of relays) relayServer.close();
  spawnSync('ip', ['netns', 'del', NAMESPACE]); // takes its end of the pair, and so the pair, with it
  spawnSync('ip', ['link', 'del', HOST_END]);
});

it('cannot reach Redis or PostgreSQL on its own loopback inside the namespace', () => {
  const probe = (port: number) =>
    spawnSync('ip', [
      'netns',
      'exec',
      NAMESPACE,
      process.execPath,
      '-e',
      `require('net').connect(${port}, '127.0.0.1').on('connect', () => process.exit(0)).on('error', () => process.exit(3))`,
    ]).status;
  expect(probe(6379)).toBe(3);
  expect(probe(5432)).toBe(3);
});

it('runs the four-penalty sweep on workers in their own namespace, the embedded report byte for byte', async () => {
  const http = request(server.getHttpServer());
  const { body } = await http.post('/api/sweeps').send(CONFIG).expect(202);
  const finished = await waitForSweep(http, body.id, 300_000);
  expect(finished.status).toBe('succeeded');
  const { text } = await http.get(`/api/sweeps/${body.id}/report`).expect(200);
  const embedded = await startTestApp();
  try {
    const { body: local } = await embedded.http.post('/api/sweeps').send(CONFIG).expect(202);
    await waitForSweep(embedded.http, local.id, 300_000);
    const { text: expected } = await embedded.http.get(`/api/sweeps/${local.id}/report`).expect(200);
    expect(text.replaceAll(body.id, '<sweep>')).toBe(expected.replaceAll(local.id, '<sweep>'));
  } finally {
    await embedded.close();
  }
  const completed = await queue.getCompleted(0, 1000);
  // One job per task: 44 on the auto grids, plus the adaptive grid's extension tasks.
  expect(completed).toHaveLength(finished.progress.total);
  expect(finished.progress.total).toBeGreaterThanOrEqual(44);
  const names = new Set(workers.map((worker) => worker.name));
  for (const job of completed) expect(names.has(job.processedBy ?? '')).toBe(true);
});
