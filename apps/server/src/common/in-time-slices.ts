/**
 * Long synchronous loops (storing a plan, a task's fold rows, a conclusion) run in slices of at most SLICE_MS, with
 * the event loop served between slices (setImmediate: pending I/O, i.e. HTTP requests, runs first). One slice runs at
 * a time in the whole process: jobs wait their turn in a FIFO queue, so several long jobs interleave with each
 * other instead of adding their slices up between two requests. A request therefore waits at most about one slice
 * for a job's work (plus what other synchronous code runs).
 */

/** The longest a slice keeps the event loop, in ms (the loop body's own step may overrun it once). */
export const SLICE_MS = 5;

const waiting: (() => void)[] = [];
let sliceRunning = false;

/** Resolves when this caller may run its slice. */
function takeTurn(): Promise<void> {
  if (!sliceRunning) {
    sliceRunning = true;
    return Promise.resolve();
  }
  return new Promise((resolve) => waiting.push(resolve));
}

/** Hands the turn to the next waiting slice after the event loop has served its I/O. */
function passTurn(): void {
  const next = waiting.shift();
  if (next) setImmediate(next);
  else sliceRunning = false;
}

/**
 * Calls `step` until it returns false, in slices of SLICE_MS. `runSlice` wraps each slice, e.g. in one SQLite
 * transaction (so a slice's writes are atomic and fast); it must call its argument synchronously.
 */
export async function inTimeSlices(
  step: () => boolean,
  runSlice: (slice: () => void) => void = (slice) => slice(),
): Promise<void> {
  let more = true;
  while (more) {
    await takeTurn();
    try {
      runSlice(() => {
        const end = performance.now() + SLICE_MS;
        do more = step();
        while (more && performance.now() < end);
      });
    } finally {
      passTurn();
    }
    // Let the event loop in before this job's next slice, even when no other job waits.
    if (more) await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/** `each` on every item, in slices; `runSlice` as for inTimeSlices. */
export function eachInTimeSlices<T>(
  items: readonly T[],
  each: (item: T, index: number) => void,
  runSlice?: (slice: () => void) => void,
): Promise<void> {
  let i = 0;
  return inTimeSlices(() => {
    if (i < items.length) each(items[i], i++);
    return i < items.length;
  }, runSlice);
}
