/**
 * CPU seconds per process and per thread, read from /proc: a load-independent account of where a multi-process run's
 * CPU goes. Sampled every `intervalMs` with wall timestamps, so a phase (a sweep's startedAt → finishedAt) can be cut
 * out afterwards. Linux only; elsewhere every figure is empty.
 */
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

/** tid → CPU seconds of that thread so far. */
export type ThreadTimes = Map<number, number>;

/**
 * Which file of /proc/<pid>/task/<tid>/ a thread's CPU seconds are read from: `stat`, utime + stime in clock ticks of
 * 1/100 s; `schedstat`, the scheduler's time on the CPU in ns (for samples a few ms apart).
 */
export type ThreadClock = 'stat' | 'schedstat';

const SECONDS_OF: Record<ThreadClock, (text: string) => number> = {
  stat: (text) => {
    // Fields after the command name (which may hold spaces), from field 3 (state): utime is 14, stime 15.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  },
  schedstat: (text) => Number(text.split(' ')[0]) / 1e9,
};

export function threadTimes(pid: number, clock: ThreadClock = 'stat'): ThreadTimes {
  const times: ThreadTimes = new Map();
  let tids: string[];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return times; // exited
  }
  for (const tid of tids) {
    try {
      times.set(Number(tid), SECONDS_OF[clock](readFileSync(`/proc/${pid}/task/${tid}/${clock}`, 'utf8')));
    } catch {
      // the thread exited between the listing and the read
    }
  }
  return times;
}

export interface CpuSample {
  /** ms since the epoch. */
  readonly at: number;
  /** By the sampled group's label, then pid, its threads' times. */
  readonly groups: Map<string, Map<number, ThreadTimes>>;
}

/**
 * Samples the pids `groups()` names (a label → pids; called at every sample, so processes may come and go) until
 * stopped.
 */
export class CpuSampler {
  readonly samples: CpuSample[] = [];
  private timer?: NodeJS.Timeout;
  private sampling = Promise.resolve();

  constructor(
    private readonly groups: () => Promise<Map<string, number[]>>,
    private readonly intervalMs = 200,
  ) {}

  start(): void {
    const tick = () => {
      this.sampling = this.sample().finally(() => {
        if (this.timer) this.timer = setTimeout(tick, this.intervalMs);
      });
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.sampling;
    await this.sample();
  }

  private async sample(): Promise<void> {
    const groups = new Map<string, Map<number, ThreadTimes>>();
    for (const [label, pids] of await this.groups()) {
      groups.set(label, new Map(pids.map((pid) => [pid, threadTimes(pid)])));
    }
    this.samples.push({ at: Date.now(), groups });
  }

  /**
   * CPU seconds per thread between the samples nearest `from` and `to` (ms since the epoch): by label, by pid, by
   * tid. A thread first seen after `from` counts from 0; one gone before `to` counts up to its last sample.
   */
  between(from: number, to: number): Map<string, Map<number, ThreadTimes>> {
    const startIndex = this.nearest(from);
    const endIndex = this.nearest(to);
    const result = new Map<string, Map<number, ThreadTimes>>();
    const first = this.samples[startIndex];
    // Each thread's last reading at or before the end sample (a process may exit before it).
    for (let i = startIndex; i <= endIndex; i++) {
      for (const [label, pids] of this.samples[i].groups) {
        const byPid = result.get(label) ?? new Map<number, ThreadTimes>();
        result.set(label, byPid);
        for (const [pid, times] of pids) {
          const byTid = byPid.get(pid) ?? new Map<number, number>();
          byPid.set(pid, byTid);
          const before = first.groups.get(label)?.get(pid);
          for (const [tid, seconds] of times) byTid.set(tid, seconds - (before?.get(tid) ?? 0));
        }
      }
    }
    return result;
  }

  private nearest(at: number): number {
    let best = 0;
    this.samples.forEach((sample, i) => {
      if (Math.abs(sample.at - at) < Math.abs(this.samples[best].at - at)) best = i;
    });
    return best;
  }
}

/**
 * A process's CPU split: its main thread (tid = pid), its `busiest` other threads together (a Piscina pool's threads:
 * the fits), and the rest (V8's compiler and GC helpers, libuv's).
 */
export function processSplit(
  pid: number,
  times: ThreadTimes,
  busiest = 1,
): { total: number; main: number; pool: number; other: number } {
  const others = [...times].filter(([tid]) => tid !== pid).map(([, seconds]) => seconds);
  others.sort((a, b) => b - a);
  const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
  const main = times.get(pid) ?? 0;
  const pool = sum(others.slice(0, busiest));
  const other = sum(others.slice(busiest));
  return { total: main + pool + other, main, pool, other };
}
