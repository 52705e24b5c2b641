/**
 * Thinning of long curves before drawing. A random search of 100,000 trials gives a curve of
 * 100,000 points; a chart 1,000 pixels wide cannot show more than a few hundred of them.
 */

/**
 * Keeps at most `maxPoints` items by taking every k-th (k = ceil(n / maxPoints)), always keeping
 * the first and the last item and any item for which `keep` is true (e.g. the point at lambdaMin).
 */
export function thinPoints<T>(points: readonly T[], maxPoints: number, keep: (point: T) => boolean = () => false): T[] {
  if (points.length <= maxPoints) return [...points];
  const stride = Math.ceil(points.length / maxPoints);
  const thinned: T[] = [];
  points.forEach((point, index) => {
    if (index % stride === 0 || index === points.length - 1 || keep(point)) thinned.push(point);
  });
  return thinned;
}
