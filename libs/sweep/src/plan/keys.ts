/**
 * Deterministic keys for trials and tasks: sha256 (hex) of a canonical JSON array of what identifies
 * them, numbers written with 17 significant digits (enough to round-trip any double). The same sweep
 * and parameters always give the same key, so a retried or resumed task never stores a trial twice.
 */
import { createHash } from 'node:crypto';
import type { PenaltyKind } from '@regsweep/engine';
import type { SweptParams } from '../types';

export function trialKey(
  sweepId: string,
  penalty: PenaltyKind,
  l1Ratio: number,
  lambda: number,
  params?: SweptParams,
): string {
  const identity = ['trial', sweepId, penalty, canonicalNumber(l1Ratio), canonicalNumber(lambda)];
  // An mlp trial's swept values (fixed key order from the planner) join the identity; GLM keys are unchanged.
  return sha256(JSON.stringify(params ? [...identity, params] : identity));
}

/** `curve` is the curve's index in the plan (stable: the plan is a function of the config and the data). */
export function taskKey(sweepId: string, curve: number, fold: number): string {
  return sha256(JSON.stringify(['task', sweepId, curve, fold]));
}

function canonicalNumber(value: number): string {
  return value.toPrecision(17);
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
