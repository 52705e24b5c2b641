import type { SweepReport } from '@regsweep/sweep';
import { eachInTimeSlices, inTimeSlices } from '../common/in-time-slices';

/** Curve points serialized per step: a few hundred points is well under a slice. */
const POINTS_PER_STEP = 250;

/** Stands for a value serialized apart; no JSON text of a report contains it (a control character in a string). */
const SLOT = '\u0000regsweep-slot\u0000';
const SLOT_JSON = JSON.stringify(SLOT);

/**
 * JSON.stringify(report), the same text, built in time slices: the report of the largest allowed sweep holds
 * 90,000 curve points, and serializing it in one go held the event loop for a few hundred ms.
 */
export async function reportJsonInSlices(report: SweepReport): Promise<string> {
  return (await reportJsonPieces(report)).join('');
}

/**
 * The same text as UTF-8 bytes, each piece encoded in a time slice and the pieces copied into one buffer. Joining a
 * report of tens of MB into one string, and the driver's UTF-16 to UTF-8 conversion of it when bound, held the event
 * loop at the end of the largest sweeps (docs/benchmarks.md, issue 17); bytes are bound as they are.
 */
export async function reportJsonBytesInSlices(report: SweepReport): Promise<Buffer> {
  const pieces = await reportJsonPieces(report);
  const bytes: Buffer[] = [];
  await eachInTimeSlices(pieces, (piece) => bytes.push(Buffer.from(piece, 'utf8')));
  return Buffer.concat(bytes);
}

/**
 * The report's JSON text in pieces, in order: each curve's points serialized a few hundred at a time, the rest of
 * each penalty and of the report around them.
 */
async function reportJsonPieces(report: SweepReport): Promise<string[]> {
  // A report without curves to cut (none stored by this version, but the type is not checked at run time) in one go.
  if (!Array.isArray(report.penalties) || !report.penalties.every((penalty) => Array.isArray(penalty?.curve)))
    return [JSON.stringify(report)];
  const pieces: string[] = [];
  const [head, tail] = aroundSlot(JSON.stringify({ ...report, penalties: SLOT }));
  pieces.push(head, '[');
  for (const [k, penalty] of report.penalties.entries()) {
    const points = penalty.curve;
    const [penaltyHead, penaltyTail] = aroundSlot(JSON.stringify({ ...penalty, curve: SLOT }));
    pieces.push(k > 0 ? ',' : '', penaltyHead, '[');
    let start = 0;
    await inTimeSlices(() => {
      if (start < points.length) {
        const chunk = JSON.stringify(points.slice(start, start + POINTS_PER_STEP));
        pieces.push((start > 0 ? ',' : '') + chunk.slice(1, -1));
        start += POINTS_PER_STEP;
      }
      return start < points.length;
    });
    pieces.push(']', penaltyTail);
  }
  pieces.push(']', tail);
  return pieces;
}

/** The JSON text before and after the slot. */
function aroundSlot(json: string): [string, string] {
  const at = json.indexOf(SLOT_JSON);
  return [json.slice(0, at), json.slice(at + SLOT_JSON.length)];
}
