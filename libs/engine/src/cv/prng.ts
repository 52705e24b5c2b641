/**
 * A small, portable, seeded pseudo-random generator so that splits are the same on every machine.
 *
 * Algorithm: mulberry32 (Tommy Ettinger, 2017, public domain; the reference C is
 * https://gist.github.com/tommyettinger/46a874533244883189143505d203312c). It keeps one 32-bit state,
 * adds the Weyl constant 0x6D2B79F5 per draw and mixes it with 32-bit multiplies (Math.imul) and
 * xor-shifts, so the sequence depends only on integer arithmetic, never on the platform's floats.
 * Not cryptographic; plenty for shuffling rows.
 */
export type Rng = () => number;

/** mulberry32's state step per draw: the state is a Weyl sequence, seed + k·increment (mod 2^32) after k draws. */
export const MULBERRY32_INCREMENT = 0x6d2b79f5;

/** The state of mulberry32(seed) after `draws` draws (mlp/fused-epoch.ts continues the stream in WebAssembly). */
export function mulberry32StateAfter(seed: number, draws: number): number {
  return ((seed >>> 0) + Math.imul(draws, MULBERRY32_INCREMENT)) >>> 0;
}

/** Returns a generator of uniform doubles in [0, 1) (multiples of 2^-32) seeded by an integer (taken mod 2^32). */
export function mulberry32(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + MULBERRY32_INCREMENT) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Uniform integer in [0, n) from one draw. */
export function randomIndex(rng: Rng, n: number): number {
  return Math.floor(rng() * n);
}

/**
 * Fisher–Yates shuffle (Durstenfeld's in-place form): for i from the end down to 1, swap a[i] with a[j],
 * j uniform in [0, i]. Every permutation is equally likely given a uniform rng.
 */
export function shuffleInPlace<A extends { length: number; [index: number]: unknown }>(array: A, rng: Rng): A {
  const a = array;
  for (let i = a.length - 1; i > 0; i--) {
    const j = randomIndex(rng, i + 1);
    const swap = a[i];
    a[i] = a[j];
    a[j] = swap;
  }
  return array;
}
