/**
 * Lets the event loop serve what is waiting (HTTP requests, timers) before the caller goes on: `await` alone only
 * runs queued promise callbacks, so a long synchronous job cut into chunks must yield like this between them.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
