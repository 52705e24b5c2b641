/**
 * Numbers straight from a CSV's bytes. Numbers with at most 15 significant digits and a decimal exponent within ±22
 * are converted exactly by one multiplication or division of two exactly representable doubles (Clinger's fast
 * path), so they need no string; anything else goes through Number() on the cell's text (csv.ts parseCell).
 */

/** 10^0 … 10^22, all exact in float64. */
const POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

/**
 * The value of a plain decimal [+-]digits[.digits][e[+-]digits] when the fast path converts it exactly;
 * NaN when the text is not such a number or needs Number() (more than 15 significant digits, large exponent).
 */
export function parseDecimal(buffer: Buffer, start: number, end: number): number {
  let i = start;
  let negative = false;
  if (i < end && (buffer[i] === 0x2b || buffer[i] === 0x2d)) negative = buffer[i++] === 0x2d;
  let mantissa = 0;
  let significant = 0;
  let digits = 0;
  let scale = 0; // decimal exponent contributed by the digits after the point
  for (; i < end; i++) {
    const d = buffer[i] - 0x30;
    if (d < 0 || d > 9) break;
    digits++;
    if (mantissa !== 0 || d !== 0) significant++;
    mantissa = mantissa * 10 + d;
  }
  if (i < end && buffer[i] === 0x2e) {
    for (i++; i < end; i++) {
      const d = buffer[i] - 0x30;
      if (d < 0 || d > 9) break;
      digits++;
      if (mantissa !== 0 || d !== 0) significant++;
      mantissa = mantissa * 10 + d;
      scale--;
    }
  }
  if (digits === 0) return NaN;
  if (i < end && (buffer[i] === 0x65 || buffer[i] === 0x45)) {
    i++;
    let exponentNegative = false;
    if (i < end && (buffer[i] === 0x2b || buffer[i] === 0x2d)) exponentNegative = buffer[i++] === 0x2d;
    let exponent = 0;
    let exponentDigits = 0;
    for (; i < end; i++) {
      const d = buffer[i] - 0x30;
      if (d < 0 || d > 9) break;
      exponentDigits++;
      if (exponent < 1e6) exponent = exponent * 10 + d;
    }
    if (exponentDigits === 0) return NaN;
    scale += exponentNegative ? -exponent : exponent;
  }
  if (i !== end || significant > 15) return NaN;
  let value: number;
  if (mantissa === 0) value = 0;
  else if (scale >= 0 && scale <= 22) value = mantissa * POWERS_OF_TEN[scale];
  else if (scale < 0 && scale >= -22) value = mantissa / POWERS_OF_TEN[-scale];
  else return NaN;
  return negative ? -value : value;
}
