/** A queued task's BullMQ priority is its place in the sweep's dispatch order, within BullMQ's range. */
import { jobPriority } from '../src/queue/queued-worker-pool';

it('is the dispatch order itself, from 1, so the first task handed out is taken first', () => {
  expect([1, 2, 3, 40, 1000].map(jobPriority)).toEqual([1, 2, 3, 40, 1000]);
});

it('stays within BullMQ’s 1 … 2²¹ − 1 (0 would mean unprioritized, taken before every prioritized job)', () => {
  expect(jobPriority(0)).toBe(1);
  expect(jobPriority(2 ** 21 - 1)).toBe(2 ** 21 - 1);
  expect(jobPriority(2 ** 21)).toBe(2 ** 21 - 1);
  expect(jobPriority(10 ** 9)).toBe(2 ** 21 - 1);
});

it('leaves a task without an order unprioritized', () => {
  expect(jobPriority(undefined)).toBeUndefined();
});
