import { mulberry32, mulberry32StateAfter, shuffleInPlace } from '../src/cv/prng';

// Reference outputs of mulberry32 as 32-bit integers, computed with an independent Python port of the
// reference C (seed 1 → 2693262067 is the widely published first value, 0.6270739405881613).
const REFERENCE: Record<number, number[]> = {
  0: [1144304738, 1416247, 958946056, 627933444],
  1: [2693262067, 11749833, 2265367787, 4213581821],
  42: [2581720956, 1925393290, 3661312704, 2876485805],
};

describe('mulberry32', () => {
  it.each(Object.entries(REFERENCE))('reproduces the reference stream for seed %s', (seed, expected) => {
    const rng = mulberry32(Number(seed));
    expect(expected.map(() => rng() * 4294967296)).toEqual(expected);
  });

  it.each([
    [1, 0],
    [42, 3],
    [0x9e3779b9 ^ 7, 1599],
    [4294967295, 100000],
  ])('mulberry32(%s) after %s draws continues as mulberry32 of mulberry32StateAfter', (seed, draws) => {
    const rng = mulberry32(seed);
    for (let k = 0; k < draws; k++) rng();
    const resumed = mulberry32(mulberry32StateAfter(seed, draws));
    expect([resumed(), resumed(), resumed()]).toEqual([rng(), rng(), rng()]);
  });

  it('takes the seed modulo 2^32, so negative and large seeds are still portable', () => {
    const a = mulberry32(-1);
    const b = mulberry32(4294967295);
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
  });

  it('draws uniform values in [0, 1)', () => {
    const rng = mulberry32(123);
    const draws = Array.from({ length: 20000 }, rng);
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    const mean = draws.reduce((s, v) => s + v, 0) / draws.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.01); // sd of the mean ≈ 0.002
  });
});

describe('shuffleInPlace', () => {
  it('permutes in place and is deterministic for a seed', () => {
    const a = shuffleInPlace(
      Int32Array.from({ length: 50 }, (_, i) => i),
      mulberry32(9),
    );
    const b = shuffleInPlace(
      Int32Array.from({ length: 50 }, (_, i) => i),
      mulberry32(9),
    );
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a).sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(Array.from(a)).not.toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('gives every permutation of 3 items roughly equal frequency', () => {
    const rng = mulberry32(2024);
    const counts = new Map<string, number>();
    for (let t = 0; t < 6000; t++) {
      const key = shuffleInPlace(['a', 'b', 'c'], rng).join('');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(counts.size).toBe(6);
    for (const count of counts.values()) expect(Math.abs(count - 1000)).toBeLessThan(150); // ~5 sd
  });
});
