/**
 * threadTimes reads each thread's CPU seconds of a process from /proc (Linux): on either clock, the main thread's
 * (tid = pid) grows by what a busy loop on it spends, never by more than the whole process spent (getrusage, through
 * process.cpuUsage); a process that has exited has no threads.
 */
import { spawnSync } from 'node:child_process';
import { threadTimes, type ThreadClock } from '../src/cpu-sampler';

/** Spins on this thread until the process has spent `seconds` of CPU; returns what it spent, in seconds. */
function spin(seconds: number): number {
  const start = process.cpuUsage();
  let spent = 0;
  let x = 0;
  while (spent < seconds) {
    for (let i = 0; i < 100_000; i++) x += Math.sqrt(x + i);
    const used = process.cpuUsage(start);
    spent = (used.user + used.system) / 1e6;
  }
  expect(Number.isFinite(x)).toBe(true);
  return spent;
}

describe.each<ThreadClock>(['stat', 'schedstat'])('threadTimes on the %s clock', (clock) => {
  it("counts the main thread's busy loop, and no more than the process spent", () => {
    const before = threadTimes(process.pid, clock).get(process.pid);
    const processSeconds = spin(0.3);
    const after = threadTimes(process.pid, clock).get(process.pid);
    expect(before).toBeDefined();
    const mainSeconds = after! - before!;
    // The stat clock counts whole ticks of 10 ms (utime and stime each): up to 0.02 s either way.
    expect(mainSeconds).toBeGreaterThan(0.5 * processSeconds);
    expect(mainSeconds).toBeLessThan(processSeconds + 0.03);
  });

  it('has nothing for a process that has exited', () => {
    const { pid, status } = spawnSync(process.execPath, ['-e', '']);
    expect(status).toBe(0);
    expect(threadTimes(pid!, clock).size).toBe(0);
  });
});
