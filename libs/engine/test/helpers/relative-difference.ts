/**
 * max_j |a_j − b_j| / max_j |b_j|: the largest difference relative to the largest entry of the reference `b` (one
 * scale for all entries, so that near-zero entries do not blow up). When `b` is all zeros, the difference itself.
 */
export function maxRelativeDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let scale = 0;
  let diff = 0;
  for (let j = 0; j < a.length; j++) {
    scale = Math.max(scale, Math.abs(b[j]));
    diff = Math.max(diff, Math.abs(a[j] - b[j]));
  }
  return scale === 0 ? diff : diff / scale;
}
