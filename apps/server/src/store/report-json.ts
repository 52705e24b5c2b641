import type { SweepReport } from '@regsweep/sweep';
import { inTimeSlices } from '../common/in-time-slices';

/** Curve points serialized per step: a few hundred points is well under a slice. */
const POINTS_PER_STEP = 250;

/** Stands for a value serialized apart; no JSON text of a report contains it (a control character in a string). */
const SLOT = '\u0000regsweep-slot\u0000';
const SLOT_JSON = JSON.stringify(SLOT);

/**
 * JSON.stringify(report), the same text, built in time slices: the report of the largest allowed sweep holds
 * 90,000 curve points, and serializing it in one go held the event loop for a few hundred ms. Each curve's points
 * are serialized a few hundred at a time, the rest of each penalty and of the report around them.
 */
export async function reportJsonInSlices(report: SweepReport): Promise<string> {
  // A report without curves to cut (none stored by this version, but the type is not checked at run time) in one go.
  if (!Array.isArray(report.penalties) || !report.penalties.every((penalty) => Array.isArray(penalty?.curve)))
    return JSON.stringify(report);
  const penalties: string[] = [];
  for (const penalty of report.penalties) {
    const points = penalty.curve;
    const parts: string[] = [];
    let start = 0;
    await inTimeSlices(() => {
      if (start < points.length) {
        const chunk = JSON.stringify(points.slice(start, start + POINTS_PER_STEP));
        parts.push(chunk.slice(1, -1));
        start += POINTS_PER_STEP;
      }
      return start < points.length;
    });
    penalties.push(fillSlot(JSON.stringify({ ...penalty, curve: SLOT }), `[${parts.join(',')}]`));
  }
  return fillSlot(JSON.stringify({ ...report, penalties: SLOT }), `[${penalties.join(',')}]`);
}

function fillSlot(json: string, value: string): string {
  const at = json.indexOf(SLOT_JSON);
  return json.slice(0, at) + value + json.slice(at + SLOT_JSON.length);
}
