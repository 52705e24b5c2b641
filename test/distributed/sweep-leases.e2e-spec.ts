/**
 * Two `regsweep serve` processes on one PostgreSQL database, no queue: a server that starts while another runs a
 * sweep leaves the sweep to it (its lease is live, database/sweep-leases.ts), and takes the sweep over once that
 * server is SIGKILLed; nothing is stored twice.
 */
import { longTasksSweep } from '../helpers/sweep-configs';
import {
  ended,
  serverOutputContains,
  submitSweep,
  useServersOnSchema,
  waitForSweepAt,
  type ServerProcess,
} from './server-processes';
import { storedRowCounts } from './services';

/** Four tasks of 10,000 λ, one at a time: long enough for a second server to start while it runs. */
const SWEEP = longTasksSweep('leased', 1);
/** Short leases, so a scan for sweeps of dead servers comes every second. */
const SHORT_LEASES = { REGSWEEP_LEASE_SECONDS: '2' };

const servers = useServersOnSchema('all');
const startServer = (): Promise<ServerProcess> => servers.start(SHORT_LEASES);

it("leaves a live server's sweep to it, and takes the sweep over when that server dies", async () => {
  const first = await startServer();
  const id = await submitSweep(first.url, SWEEP);
  await waitForSweepAt(first.url, id, (sweep) => sweep.status === 'running');

  // The second server's start-up recovery runs before it listens: by then it has seen the live lease.
  const second = await startServer();
  expect(second.output()).toContain(`sweep ${id} is run by`);
  expect(second.output()).not.toContain(`resuming sweep ${id}`);

  first.child.kill('SIGKILL');
  await first.exited;
  await serverOutputContains(second, `resuming sweep ${id}`);
  const finished = await waitForSweepAt(second.url, id, ended);
  expect(finished).toMatchObject({ status: 'succeeded', progress: { done: 4, total: 4 } });

  expect(await storedRowCounts(servers.schema.url, id)).toEqual({ trials: 10000, folds: 40000 });
}, 300_000);
