import { Semaphore } from '../src/runner/semaphore';

describe('Semaphore', () => {
  it.each([1, 2, 5])('runs every job with at most %i at once', async (limit) => {
    const semaphore = new Semaphore(limit);
    let active = 0;
    let peak = 0;
    const finished: number[] = [];
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        semaphore.run(async () => {
          active++;
          peak = Math.max(peak, active);
          await new Promise((resolve) => setTimeout(resolve, (i * 7) % 5));
          active--;
          finished.push(i);
        }),
      ),
    );
    expect(peak).toBe(limit);
    expect(finished.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('frees the slot of a job that throws', async () => {
    const semaphore = new Semaphore(1);
    await expect(semaphore.run(() => Promise.reject(new Error('no')))).rejects.toThrow('no');
    await expect(semaphore.run(async () => 'yes')).resolves.toBe('yes');
  });
});
