import { notConvergedReason, type CdOutcome, type CdSolver } from './cd-solver';
import type { CovarianceInput } from './covariance-input';
import { softThreshold } from './soft-threshold';

/**
 * Gaussian coordinate descent with covariance updates (glmnet's elnet1): the choice when n > p, and for folds that
 * get their Gram matrix from cached cross products (gram-fold.ts).
 *
 * Keeps g_j = ⟨z_j, y − ȳ⟩/n − Σ_k G_jk β_k, with G_jk = ⟨z_j, z_k⟩/n stored only for the variables k that ever
 * became nonzero (the active set). The update of coordinate k is
 *     β_k ← S(g_k + v_k β_k, λr) / (v_k + λ(1 − r)),
 * and a change Δ of β_k moves every gradient: g_j −= G_jk·Δ. Only the gradients the solver reads next are moved at
 * once, so a change costs O(eligible) rather than O(p):
 *   - active variables: their gradients and Gram entries are kept in slot order (activeGradient, activeGram), so
 *     the hot loop runs over contiguous memory;
 *   - eligible variables not yet active ("waiting"): moved at once in a full pass, and once after an active-set loop;
 *   - all others: the changes are summed per slot (unsynced) and applied when the KKT check needs those gradients.
 * `gradient` is exact for every variable when `solve` returns.
 */
export class GaussianCovarianceSolver implements CdSolver {
  readonly beta: Float64Array;
  readonly gradient: Float64Array;
  private readonly yMean: number;
  /** c_j = ⟨z_j, y − ȳ⟩/n and ‖y − ȳ‖²/n, for the objective. */
  private readonly responseCovariance: Float64Array;
  private readonly responseSquares: number;
  /** Gram columns of the active variables over all p variables: slot l at gram[l*p, (l+1)*p). */
  private gram: Float64Array;
  /** The same columns restricted to the active variables, in slot order: G_{k_m, k_l} at activeGram[l*capacity + m]. */
  private activeGram: Float64Array;
  private capacity: number;
  /** g of the active variables in slot order: the live copy during a solve, written back to `gradient` at its end. */
  private readonly activeGradient: Float64Array;
  private readonly slotOf: Int32Array;
  private readonly active: Int32Array;
  private activeCount = 0;
  /** Per slot, the sum of the changes of β not yet applied to the gradients of the variables outside the eligible set. */
  private readonly unsynced: Float64Array;
  private readonly betaAtInnerStart: Float64Array;
  /** Eligible variables that are not active (rebuilt before each full pass), and the variables outside the eligible set. */
  private readonly waiting: Int32Array;
  private waitingCount = 0;
  private readonly outside: Int32Array;
  /** Scratch list of the variables whose Gram entries an entering variable must compute. */
  private readonly pending: Int32Array;
  /** The slots and changes of the block of (up to) four coordinate updates not yet applied to the gradients. */
  private readonly blockSlots = new Int32Array(4);
  private readonly blockDeltas = new Float64Array(4);

  /**
   * `workspace`: memory for the Gram columns kept from one solver to the next on the same thread (see
   * CovarianceWorkspace); the solver must not be used once a later solver on the same workspace has started.
   */
  constructor(
    private readonly set: CovarianceInput,
    private readonly l1Ratio: number,
    private readonly threshold: number,
    private readonly workspace: CovarianceWorkspace = new CovarianceWorkspace(),
  ) {
    const { p } = set;
    this.beta = new Float64Array(p);
    this.responseCovariance = set.responseCovariance;
    this.gradient = Float64Array.from(set.responseCovariance);
    this.yMean = set.yMean;
    this.responseSquares = set.responseSquares;
    this.capacity = Math.min(p, 8);
    this.gram = workspace.take('gram', p * this.capacity);
    this.activeGram = workspace.take('activeGram', this.capacity * this.capacity);
    this.activeGradient = new Float64Array(p);
    this.slotOf = new Int32Array(p).fill(-1);
    this.active = new Int32Array(p);
    this.unsynced = new Float64Array(p);
    this.betaAtInnerStart = new Float64Array(p);
    this.waiting = new Int32Array(p);
    this.outside = new Int32Array(p);
    this.pending = new Int32Array(p);
  }

  intercept(): number {
    return this.yMean;
  }

  /** (1/2n)‖y − ȳ − Zβ‖² = ½‖y − ȳ‖²/n − ½ βᵀc − ½ βᵀg, since Gβ = c − g. */
  dataLoss(): number {
    let loss = 0.5 * this.responseSquares;
    for (let l = 0; l < this.activeCount; l++) {
      const k = this.active[l];
      loss -= 0.5 * this.beta[k] * (this.responseCovariance[k] + this.activeGradient[l]);
    }
    return loss;
  }

  solve(lambda: number, eligible: Uint8Array, maxPasses: number): CdOutcome {
    const l1Penalty = lambda * this.l1Ratio;
    const l2Penalty = lambda * (1 - this.l1Ratio);
    let passes = 0;
    for (;;) {
      passes++;
      const maxChange = this.fullPass(eligible, l1Penalty, l2Penalty);
      if (maxChange < this.threshold) {
        // KKT check of the variables the strong rule left out: β_j = 0 is optimal iff |g_j| ≤ λr.
        const outsideCount = this.syncOutside(eligible);
        let violated = false;
        for (let o = 0; o < outsideCount; o++) {
          const k = this.outside[o];
          if (Math.abs(this.gradient[k]) > l1Penalty) {
            eligible[k] = 1;
            violated = true;
          }
        }
        if (!violated) return this.finish({ passes, converged: true });
        continue;
      }
      if (passes >= maxPasses) return this.finish({ passes, converged: false, reason: notConvergedReason(maxPasses) });
      passes = this.activeSetLoop(l1Penalty, l2Penalty, passes, maxPasses);
      if (passes >= maxPasses) return this.finish({ passes, converged: false, reason: notConvergedReason(maxPasses) });
    }
  }

  /**
   * One pass over the eligible set in variable order; returns the largest v_k·Δ². Changes are applied in blocks of
   * four: each coordinate's gradient is first corrected for the pending changes of its block, g_k − Σ_b G_{k,k_b}·Δ_b,
   * then the block moves the active and waiting gradients in one sweep. The same sequence of updates as one at a
   * time, with a quarter of the reads and writes of the gradients.
   */
  private fullPass(eligible: Uint8Array, l1Penalty: number, l2Penalty: number): number {
    const { p, variances } = this.set;
    const { beta, gradient, activeGradient, slotOf, blockSlots, blockDeltas } = this;
    this.listWaiting(eligible);
    let maxChange = 0;
    let used = 0;
    for (let k = 0; k < p; k++) {
      if (!eligible[k]) continue;
      let slot = slotOf[k];
      let g = slot >= 0 ? activeGradient[slot] : gradient[k];
      for (let b = 0; b < used; b++) g -= this.gram[blockSlots[b] * p + k] * blockDeltas[b];
      const old = beta[k];
      const updated = softThreshold(g + variances[k] * old, l1Penalty) / (variances[k] + l2Penalty);
      if (updated === old) continue;
      // An entering variable takes its uncorrected gradient: the block sweep below brings it up to date.
      if (slot < 0) slot = this.enter(k);
      const delta = updated - old;
      beta[k] = updated;
      maxChange = Math.max(maxChange, variances[k] * delta * delta);
      this.unsynced[slot] += delta;
      blockSlots[used] = slot;
      blockDeltas[used] = delta;
      if (++used === 4) {
        this.applyBlock(used, true);
        used = 0;
      }
    }
    if (used > 0) this.applyBlock(used, true);
    return maxChange;
  }

  /** Passes over the active set only (in slot order, blocks of four as in fullPass) until they converge; returns the pass count. */
  private activeSetLoop(l1Penalty: number, l2Penalty: number, passes: number, maxPasses: number): number {
    const { variances, p } = this.set;
    const { beta, active, activeGradient, unsynced, blockSlots, blockDeltas } = this;
    const count = this.activeCount;
    for (let l = 0; l < count; l++) this.betaAtInnerStart[l] = beta[active[l]];
    let maxChange: number;
    do {
      passes++;
      maxChange = 0;
      for (let start = 0; start < count; start += 4) {
        const used = Math.min(4, count - start);
        let changed = false;
        for (let b = 0; b < used; b++) {
          const l = start + b;
          const k = active[l];
          let g = activeGradient[l];
          for (let c = 0; c < b; c++) g -= this.gram[(start + c) * p + k] * blockDeltas[c];
          const old = beta[k];
          const updated = softThreshold(g + variances[k] * old, l1Penalty) / (variances[k] + l2Penalty);
          const delta = updated - old;
          blockSlots[b] = l;
          blockDeltas[b] = delta;
          if (delta === 0) continue;
          changed = true;
          beta[k] = updated;
          maxChange = Math.max(maxChange, variances[k] * delta * delta);
          unsynced[l] += delta;
        }
        if (changed) this.applyBlock(used, false);
      }
    } while (maxChange >= this.threshold && passes < maxPasses);
    // Bring the waiting gradients up to date: g_j −= Σ_l G_{j,k_l} (β_{k_l} − β_{k_l}^start), four slots at a time.
    for (let start = 0; start < count; start += 4) {
      const used = Math.min(4, count - start);
      for (let b = 0; b < used; b++) {
        blockSlots[b] = start + b;
        blockDeltas[b] = beta[active[start + b]] - this.betaAtInnerStart[start + b];
      }
      moveListed(this.gradient, this.gram, p, blockSlots, blockDeltas, used, this.waiting, this.waitingCount);
    }
    return passes;
  }

  /** Applies the block's changes to the active gradients (and to the waiting ones when `waitingToo`). */
  private applyBlock(used: number, waitingToo: boolean): void {
    const { blockSlots, blockDeltas } = this;
    moveDense(this.activeGradient, this.activeGram, this.capacity, blockSlots, blockDeltas, used, this.activeCount);
    if (waitingToo) {
      moveListed(this.gradient, this.gram, this.set.p, blockSlots, blockDeltas, used, this.waiting, this.waitingCount);
    }
  }

  /** The eligible variables that are not active, into `waiting`. */
  private listWaiting(eligible: Uint8Array): void {
    let count = 0;
    for (let j = 0; j < this.set.p; j++) if (eligible[j] && this.slotOf[j] < 0) this.waiting[count++] = j;
    this.waitingCount = count;
  }

  /** Applies the unsynced changes to the variables outside the eligible set; lists them in `outside`, returns their count. */
  private syncOutside(eligible: Uint8Array): number {
    const { p, isConstant } = this.set;
    const { outside, unsynced, blockSlots, blockDeltas } = this;
    let count = 0;
    for (let j = 0; j < p; j++) if (!eligible[j] && !isConstant[j]) outside[count++] = j;
    for (let start = 0; start < this.activeCount; start += 4) {
      const used = Math.min(4, this.activeCount - start);
      let any = false;
      for (let b = 0; b < used; b++) {
        blockSlots[b] = start + b;
        blockDeltas[b] = unsynced[start + b];
        if (blockDeltas[b] !== 0) any = true;
        unsynced[start + b] = 0;
      }
      if (any) moveListed(this.gradient, this.gram, p, blockSlots, blockDeltas, used, outside, count);
    }
    return count;
  }

  /** Writes the active gradients back to `gradient`, so that it is exact for every variable. */
  private finish(outcome: CdOutcome): CdOutcome {
    for (let l = 0; l < this.activeCount; l++) this.gradient[this.active[l]] = this.activeGradient[l];
    return outcome;
  }

  /**
   * Adds k to the active set: stores its Gram column G_jk = ⟨z_j, z_k⟩/n (by symmetry where already known), its row
   * and column of activeGram, and its gradient in slot order. Returns the slot.
   */
  private enter(k: number): number {
    const { p, isConstant } = this.set;
    const slot = this.activeCount;
    if (slot + 1 > this.capacity) this.grow(Math.min(p, 2 * this.capacity));
    const gram = this.gram;
    const column = slot * p;
    const pending = this.pending;
    let count = 0;
    for (let j = 0; j < p; j++) {
      if (isConstant[j]) continue;
      const slotJ = this.slotOf[j];
      if (slotJ >= 0) gram[column + j] = gram[slotJ * p + k];
      else pending[count++] = j;
    }
    this.set.gramEntries(k, pending, count, gram, column);
    const { activeGram, capacity } = this;
    for (let m = 0; m < slot; m++) {
      const entry = gram[column + this.active[m]];
      activeGram[slot * capacity + m] = entry;
      activeGram[m * capacity + slot] = entry;
    }
    activeGram[slot * capacity + slot] = gram[column + k];
    this.activeGradient[slot] = this.gradient[k];
    this.unsynced[slot] = 0;
    this.slotOf[k] = slot;
    this.active[slot] = k;
    this.activeCount = slot + 1;
    return slot;
  }

  /** Room for `capacity` active variables: the Gram columns keep their layout, activeGram is laid out anew. */
  private grow(capacity: number): void {
    const { p } = this.set;
    const count = this.activeCount;
    const gram = this.workspace.take('gram', capacity * p, this.gram);
    gram.set(this.gram.subarray(0, count * p));
    const activeGram = this.workspace.take('activeGram', capacity * capacity, this.activeGram);
    for (let l = 0; l < count; l++) {
      activeGram.set(this.activeGram.subarray(l * this.capacity, l * this.capacity + count), l * capacity);
    }
    this.gram = gram;
    this.activeGram = activeGram;
    this.capacity = capacity;
  }
}

/**
 * The solver's two growing arrays (Gram columns, up to p² float64; their active block, up to p²) as views of memory
 * a thread keeps from one solver to the next. A fresh multi-MB array per fold task costs page faults and garbage
 * collections, which two threads at once pay far more slowly than one (docs/benchmarks.md). Two buffers per array, because growing copies the old view into the new one. A solver writes every entry
 * it reads (the engine's tests pass with views filled with NaN), so the views are not cleared.
 */
export class CovarianceWorkspace {
  private readonly buffers = {
    gram: [new Float64Array(0), new Float64Array(0)],
    activeGram: [new Float64Array(0), new Float64Array(0)],
  };

  /** A view of `length` float64 that does not share memory with `current` (the view being grown from). */
  take(kind: 'gram' | 'activeGram', length: number, current?: Float64Array): Float64Array {
    const pair = this.buffers[kind];
    const index = current !== undefined && pair[0].buffer === current.buffer ? 1 : 0;
    if (pair[index].length < length) pair[index] = new Float64Array(length);
    return pair[index].subarray(0, length);
  }
}

/**
 * target[m] −= Σ_b source[slots[b]·stride + m]·deltas[b] for m < count, b < used ≤ 4: up to four changes in one sweep
 * over target (the hot loop of both passes). Unused columns read column slots[0] with delta 0.
 */
function moveDense(
  target: Float64Array,
  source: Float64Array,
  stride: number,
  slots: Int32Array,
  deltas: Float64Array,
  used: number,
  count: number,
): void {
  const o0 = slots[0] * stride;
  const o1 = used > 1 ? slots[1] * stride : o0;
  const o2 = used > 2 ? slots[2] * stride : o0;
  const o3 = used > 3 ? slots[3] * stride : o0;
  const d0 = deltas[0];
  const d1 = used > 1 ? deltas[1] : 0;
  const d2 = used > 2 ? deltas[2] : 0;
  const d3 = used > 3 ? deltas[3] : 0;
  for (let m = 0; m < count; m++) {
    target[m] -= source[o0 + m] * d0 + source[o1 + m] * d1 + (source[o2 + m] * d2 + source[o3 + m] * d3);
  }
}

/** As moveDense, for the entries target[j], j in list[0 .. listCount), of p-long columns. */
function moveListed(
  target: Float64Array,
  source: Float64Array,
  p: number,
  slots: Int32Array,
  deltas: Float64Array,
  used: number,
  list: Int32Array,
  listCount: number,
): void {
  const o0 = slots[0] * p;
  const o1 = used > 1 ? slots[1] * p : o0;
  const o2 = used > 2 ? slots[2] * p : o0;
  const o3 = used > 3 ? slots[3] * p : o0;
  const d0 = deltas[0];
  const d1 = used > 1 ? deltas[1] : 0;
  const d2 = used > 2 ? deltas[2] : 0;
  const d3 = used > 3 ? deltas[3] : 0;
  if (d0 === 0 && d1 === 0 && d2 === 0 && d3 === 0) return;
  for (let w = 0; w < listCount; w++) {
    const j = list[w];
    target[j] -= source[o0 + j] * d0 + source[o1 + j] * d1 + (source[o2 + j] * d2 + source[o3 + j] * d3);
  }
}
