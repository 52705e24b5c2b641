import { Semaphore } from './semaphore';
import type { Slot } from './sweep-cross-products';

/**
 * The two gates a fold task passes in TaskScheduler.run: `started` from the write of its start mark to its end,
 * `running` while it is on the pool. With more started slots than running ones, the start marks of the next tasks
 * in line are written while the running ones run, so a slot that frees is handed its next task without waiting for
 * that write (a round trip to the result writer thread on SQLite).
 */
export interface TaskSlots {
  readonly started: Slot;
  readonly running: Slot;
}

/** At most `concurrency` tasks on the pool, and `ahead` more marked started and next in line. */
export function taskSlots(concurrency: number, ahead: number): TaskSlots {
  const started = new Semaphore(concurrency + ahead);
  const running = new Semaphore(concurrency);
  return { started: (work) => started.run(work), running: (work) => running.run(work) };
}

/** One gate for both: a task's start is marked once it holds `slot`, and it goes to the pool right after. */
export function markedInSlot(slot: Slot): TaskSlots {
  return { started: slot, running: (work) => work() };
}
