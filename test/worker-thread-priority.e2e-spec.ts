/**
 * The pool's threads fit below the main thread's priority (runner/thread-priority.ts), so the API answers while
 * every core fits. Read from Linux itself: /proc/self/task/<tid>/stat holds each thread's nice value.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { SMALL_LASSO_SWEEP } from './helpers/sweep-configs';
import { useTestApp, waitForSweep } from './helpers/test-app';

const testApp = useTestApp({ app: { poolSize: 2 } });

/** Each thread of this process: its id and nice value (the 19th field; the name before it may hold spaces). */
function threadNiceValues(): { tid: number; nice: number }[] {
  return readdirSync('/proc/self/task').map((tid) => {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // fields from the 3rd on
    return { tid: Number(tid), nice: Number(fields[16]) };
  });
}

it('runs the fits on threads at nice 10 while the main thread stays at 0', async () => {
  expect(threadNiceValues().filter((thread) => thread.nice === 10)).toEqual([]);
  const { body } = await testApp.http
    .post('/api/sweeps')
    .send({ ...SMALL_LASSO_SWEEP, concurrency: 2 })
    .expect(202);
  await waitForSweep(testApp.http, body.id);

  // The threads stay up after the sweep (Piscina's idle timeout is 30 s): one or two ran its tasks.
  const threads = threadNiceValues();
  const fitting = threads.filter((thread) => thread.nice === 10);
  expect(fitting.length).toBeGreaterThanOrEqual(1);
  expect(fitting.length).toBeLessThanOrEqual(2);
  expect(threads.find((thread) => thread.tid === process.pid)?.nice).toBe(0);
});
