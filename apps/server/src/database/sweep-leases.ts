import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { positiveFromEnv } from '../common/env-settings';

/**
 * Which server process runs a sweep. With several servers on one database, a server that starts must not resume a
 * sweep another live server is running (the work would be done twice), yet a sweep whose server died must not stay
 * `running` forever. A lease in the shared database settles both: the runner holds one per sweep it runs and
 * renews it; a sweep is taken over only when its lease has expired, or when its owner was a process on this host
 * that no longer exists (a restarted server resumes at once instead of waiting for the expiry).
 * On SQLite (one server per file, as the schedule tick claims assume) the only process holds every lease.
 */
export abstract class SweepLeases {
  /** This process's owner id: `host/pid/random`. */
  abstract readonly owner: string;

  /** How often a server looks for sweeps whose server died (`resumable({ atStart: false })`); 0: never. */
  abstract readonly scanMs: number;

  /** Takes the sweep's lease for this process; false when another live owner holds it. */
  abstract acquire(sweepId: string): Promise<boolean>;

  /** Gives the lease up when the sweep finished or stopped (`expire`: another server may take it at once). */
  abstract release(sweepId: string): Promise<void>;

  /**
   * The unfinished sweeps (queued or running) this process may take over, oldest first: at start, every one that
   * holds no live lease; later (`atStart` false) only those whose lease expired or whose owner died.
   */
  abstract resumable(options: { atStart: boolean }): Promise<string[]>;
}

/** One server per SQLite file: it runs every sweep, and resumes every unfinished one when it starts. */
export class SingleProcessSweepLeases extends SweepLeases {
  readonly owner = newLeaseOwner();
  readonly scanMs = 0;

  constructor(private readonly unfinished: () => Promise<string[]>) {
    super();
  }

  async acquire(): Promise<boolean> {
    return true;
  }

  async release(): Promise<void> {}

  async resumable({ atStart }: { atStart: boolean }): Promise<string[]> {
    return atStart ? this.unfinished() : [];
  }
}

export function newLeaseOwner(): string {
  return `${hostname()}/${process.pid}/${randomBytes(4).toString('hex')}`;
}

/**
 * Whether an owner id names a process of this host that has exited. `process.kill(pid, 0)` sends no signal, it
 * only checks that the pid exists (EPERM: it exists, under another user). A reused pid reads as alive, so such a
 * lease waits for its expiry: late, never twice.
 */
export function isDeadLocalOwner(owner: string): boolean {
  const [host, pidText] = owner.split('/');
  const pid = Number(pidText);
  if (host !== hostname() || !Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

export const DEFAULT_LEASE_SECONDS = 30;

/** A lease's length (env REGSWEEP_LEASE_SECONDS): the longest a dead server's sweep waits for another server. */
export function leaseSecondsFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  return positiveFromEnv(env, 'REGSWEEP_LEASE_SECONDS') ?? DEFAULT_LEASE_SECONDS;
}
