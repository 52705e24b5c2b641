;; The MLP's dense products in WebAssembly SIMD (f64x2), for wasm-dense.ts. Assembled by scripts/assemble-wasm.js
;; into dense-wasm.ts. All matrices are row-major float64 at byte addresses in this module's memory.
;;
;; One inner kernel ($accumulate) serves the three products: given a list of t = 0 … count − 1 nonzero factors
;; values[t] and the byte address rows[t] of the matrix row each multiplies,
;;     out[c] = start[c] + Σ_t values[t]·M_{rows[t]}[c]      (t ascending; start the biases, or 0)
;; for every column c. The two lanes of a vector are two neighbouring output columns (c, c + 1) against one splat
;; factor, never two parts of one sum, so every output is still its start plus the terms in list order, each a
;; rounded multiply then a rounded add (f64x2.mul, f64x2.add: no fused multiply-add). Listing only the nonzero
;; factors skips the exact zeros of relu layers (0·w adds nothing to a finite sum).
;;     forward   Z[i, ·] = b + Σ_k A[i, k]·W[k, ·]      list: nonzero A[i, k], rows of W      (k ascending)
;;     backward  S[i, ·] = Σ_j δ[i, j]·Wᵀ[j, ·]          list: nonzero δ[i, j], rows of Wᵀ     (j ascending)
;;     gradient  G[r, ·] = Σ_i S[i, r]·D[i, ·]          list: nonzero S[i, r], rows of D      (i ascending)
;;
;; Byte 0 of the memory is never an operand: a start address of 0 means "sums from 0".

(module
  (memory (export "memory") 1)

  ;; Stores one vector of two sums at `at`. mode 0: as is; 1: relu, max(s, 0) (pmax(0, s) = 0 < s ? s : 0, so NaN
  ;; and −0 give +0, as JavaScript's s > 0 ? s : 0); 2: 0 where the gate (the activations at `gate`) is ≤ 0.
  (func $storeVector (param $at i32) (param $s v128) (param $mode i32) (param $gate i32)
    (if (i32.eq (local.get $mode) (i32.const 1))
      (then (local.set $s (f64x2.pmax (v128.const f64x2 0 0) (local.get $s)))))
    (if (i32.eq (local.get $mode) (i32.const 2))
      (then
        (local.set $s
          (v128.andnot (local.get $s) (f64x2.le (v128.load (local.get $gate)) (v128.const f64x2 0 0))))))
    (v128.store (local.get $at) (local.get $s)))

  ;; The same for one sum.
  (func $storeScalar (param $at i32) (param $s f64) (param $mode i32) (param $gate i32)
    (if (i32.eq (local.get $mode) (i32.const 1))
      (then (local.set $s (select (local.get $s) (f64.const 0) (f64.gt (local.get $s) (f64.const 0))))))
    (if (i32.eq (local.get $mode) (i32.const 2))
      (then
        (local.set $s (select (f64.const 0) (local.get $s) (f64.le (f64.load (local.get $gate)) (f64.const 0))))))
    (f64.store (local.get $at) (local.get $s)))

  ;; out[c] = start[c] + Σ_t values[t]·M_{rows[t]}[c] for c < cols (start = 0: sums from 0), stored through the mode
  ;; (gate: the gating activations of this output row). Sixteen columns (eight vectors) at a time, then eight, then
  ;; two, then the last odd one: per list entry one splat and eight loads for sixteen multiply-adds.
  (func $accumulate (param $values i32) (param $rows i32) (param $count i32) (param $start i32) (param $out i32)
    (param $cols i32) (param $mode i32) (param $gate i32)
    (local $c i32) (local $colsBytes i32) (local $t i32) (local $row i32) (local $v v128) (local $s f64)
    (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128)
    (local $s4 v128) (local $s5 v128) (local $s6 v128) (local $s7 v128)
    (local.set $colsBytes (i32.shl (local.get $cols) (i32.const 3)))
    (block $tilesDone
      (loop $tile
        (br_if $tilesDone (i32.gt_u (i32.add (local.get $c) (i32.const 128)) (local.get $colsBytes)))
        (if (local.get $start)
          (then
            (local.set $row (i32.add (local.get $start) (local.get $c)))
            (local.set $s0 (v128.load offset=0 (local.get $row)))
            (local.set $s1 (v128.load offset=16 (local.get $row)))
            (local.set $s2 (v128.load offset=32 (local.get $row)))
            (local.set $s3 (v128.load offset=48 (local.get $row)))
            (local.set $s4 (v128.load offset=64 (local.get $row)))
            (local.set $s5 (v128.load offset=80 (local.get $row)))
            (local.set $s6 (v128.load offset=96 (local.get $row)))
            (local.set $s7 (v128.load offset=112 (local.get $row))))
          (else
            (local.set $s0 (v128.const f64x2 0 0))
            (local.set $s1 (v128.const f64x2 0 0))
            (local.set $s2 (v128.const f64x2 0 0))
            (local.set $s3 (v128.const f64x2 0 0))
            (local.set $s4 (v128.const f64x2 0 0))
            (local.set $s5 (v128.const f64x2 0 0))
            (local.set $s6 (v128.const f64x2 0 0))
            (local.set $s7 (v128.const f64x2 0 0))))
        (local.set $t (i32.const 0))
        (block $listDone
          (loop $list
            (br_if $listDone (i32.ge_u (local.get $t) (local.get $count)))
            (local.set $v (v128.load64_splat (i32.add (local.get $values) (i32.shl (local.get $t) (i32.const 3)))))
            (local.set $row
              (i32.add (i32.load (i32.add (local.get $rows) (i32.shl (local.get $t) (i32.const 2)))) (local.get $c)))
            (local.set $s0 (f64x2.add (local.get $s0) (f64x2.mul (local.get $v) (v128.load offset=0 (local.get $row)))))
            (local.set $s1 (f64x2.add (local.get $s1) (f64x2.mul (local.get $v) (v128.load offset=16 (local.get $row)))))
            (local.set $s2 (f64x2.add (local.get $s2) (f64x2.mul (local.get $v) (v128.load offset=32 (local.get $row)))))
            (local.set $s3 (f64x2.add (local.get $s3) (f64x2.mul (local.get $v) (v128.load offset=48 (local.get $row)))))
            (local.set $s4 (f64x2.add (local.get $s4) (f64x2.mul (local.get $v) (v128.load offset=64 (local.get $row)))))
            (local.set $s5 (f64x2.add (local.get $s5) (f64x2.mul (local.get $v) (v128.load offset=80 (local.get $row)))))
            (local.set $s6 (f64x2.add (local.get $s6) (f64x2.mul (local.get $v) (v128.load offset=96 (local.get $row)))))
            (local.set $s7 (f64x2.add (local.get $s7) (f64x2.mul (local.get $v) (v128.load offset=112 (local.get $row)))))
            (local.set $t (i32.add (local.get $t) (i32.const 1)))
            (br $list)))
        ;; The store modes of $storeVector, written out here: a call per vector cost as much as the multiply-adds of
        ;; a short list.
        (local.set $row (i32.add (local.get $out) (local.get $c)))
        (local.set $t (i32.add (local.get $gate) (local.get $c)))
        (if (i32.eq (local.get $mode) (i32.const 1))
          (then
            (local.set $s0 (f64x2.pmax (v128.const f64x2 0 0) (local.get $s0)))
            (local.set $s1 (f64x2.pmax (v128.const f64x2 0 0) (local.get $s1)))
            (local.set $s2 (f64x2.pmax (v128.const f64x2 0 0) (local.get $s2)))
            (local.set $s3 (f64x2.pmax (v128.const f64x2 0 0) (local.get $s3)))
            (local.set $s4 (f64x2.pmax (v128.const f64x2 0 0) (local.get $s4)))
            (local.set $s5 (f64x2.pmax (v128.const f64x2 0 0) (local.get $s5)))
            (local.set $s6 (f64x2.pmax (v128.const f64x2 0 0) (local.get $s6)))
            (local.set $s7 (f64x2.pmax (v128.const f64x2 0 0) (local.get $s7)))))
        (if (i32.eq (local.get $mode) (i32.const 2))
          (then
            (local.set $s0 (v128.andnot (local.get $s0)
              (f64x2.le (v128.load offset=0 (local.get $t)) (v128.const f64x2 0 0))))
            (local.set $s1 (v128.andnot (local.get $s1)
              (f64x2.le (v128.load offset=16 (local.get $t)) (v128.const f64x2 0 0))))
            (local.set $s2 (v128.andnot (local.get $s2)
              (f64x2.le (v128.load offset=32 (local.get $t)) (v128.const f64x2 0 0))))
            (local.set $s3 (v128.andnot (local.get $s3)
              (f64x2.le (v128.load offset=48 (local.get $t)) (v128.const f64x2 0 0))))
            (local.set $s4 (v128.andnot (local.get $s4)
              (f64x2.le (v128.load offset=64 (local.get $t)) (v128.const f64x2 0 0))))
            (local.set $s5 (v128.andnot (local.get $s5)
              (f64x2.le (v128.load offset=80 (local.get $t)) (v128.const f64x2 0 0))))
            (local.set $s6 (v128.andnot (local.get $s6)
              (f64x2.le (v128.load offset=96 (local.get $t)) (v128.const f64x2 0 0))))
            (local.set $s7 (v128.andnot (local.get $s7)
              (f64x2.le (v128.load offset=112 (local.get $t)) (v128.const f64x2 0 0))))))
        (v128.store offset=0 (local.get $row) (local.get $s0))
        (v128.store offset=16 (local.get $row) (local.get $s1))
        (v128.store offset=32 (local.get $row) (local.get $s2))
        (v128.store offset=48 (local.get $row) (local.get $s3))
        (v128.store offset=64 (local.get $row) (local.get $s4))
        (v128.store offset=80 (local.get $row) (local.get $s5))
        (v128.store offset=96 (local.get $row) (local.get $s6))
        (v128.store offset=112 (local.get $row) (local.get $s7))
        (local.set $c (i32.add (local.get $c) (i32.const 128)))
        (br $tile)))
    ;; Eight columns (four vectors) once, when at least eight are left: one list walk instead of four pair walks.
    (if (i32.le_u (i32.add (local.get $c) (i32.const 64)) (local.get $colsBytes))
      (then
        (if (local.get $start)
          (then
            (local.set $row (i32.add (local.get $start) (local.get $c)))
            (local.set $s0 (v128.load offset=0 (local.get $row)))
            (local.set $s1 (v128.load offset=16 (local.get $row)))
            (local.set $s2 (v128.load offset=32 (local.get $row)))
            (local.set $s3 (v128.load offset=48 (local.get $row))))
          (else
            (local.set $s0 (v128.const f64x2 0 0))
            (local.set $s1 (v128.const f64x2 0 0))
            (local.set $s2 (v128.const f64x2 0 0))
            (local.set $s3 (v128.const f64x2 0 0))))
        (local.set $t (i32.const 0))
        (block $listDone
          (loop $list
            (br_if $listDone (i32.ge_u (local.get $t) (local.get $count)))
            (local.set $v (v128.load64_splat (i32.add (local.get $values) (i32.shl (local.get $t) (i32.const 3)))))
            (local.set $row
              (i32.add (i32.load (i32.add (local.get $rows) (i32.shl (local.get $t) (i32.const 2)))) (local.get $c)))
            (local.set $s0 (f64x2.add (local.get $s0) (f64x2.mul (local.get $v) (v128.load offset=0 (local.get $row)))))
            (local.set $s1 (f64x2.add (local.get $s1) (f64x2.mul (local.get $v) (v128.load offset=16 (local.get $row)))))
            (local.set $s2 (f64x2.add (local.get $s2) (f64x2.mul (local.get $v) (v128.load offset=32 (local.get $row)))))
            (local.set $s3 (f64x2.add (local.get $s3) (f64x2.mul (local.get $v) (v128.load offset=48 (local.get $row)))))
            (local.set $t (i32.add (local.get $t) (i32.const 1)))
            (br $list)))
        (local.set $row (i32.add (local.get $out) (local.get $c)))
        (local.set $t (i32.add (local.get $gate) (local.get $c)))
        (if (i32.eq (local.get $mode) (i32.const 1))
          (then
            (local.set $s0 (f64x2.pmax (v128.const f64x2 0 0) (local.get $s0)))
            (local.set $s1 (f64x2.pmax (v128.const f64x2 0 0) (local.get $s1)))
            (local.set $s2 (f64x2.pmax (v128.const f64x2 0 0) (local.get $s2)))
            (local.set $s3 (f64x2.pmax (v128.const f64x2 0 0) (local.get $s3)))))
        (if (i32.eq (local.get $mode) (i32.const 2))
          (then
            (local.set $s0 (v128.andnot (local.get $s0)
              (f64x2.le (v128.load offset=0 (local.get $t)) (v128.const f64x2 0 0))))
            (local.set $s1 (v128.andnot (local.get $s1)
              (f64x2.le (v128.load offset=16 (local.get $t)) (v128.const f64x2 0 0))))
            (local.set $s2 (v128.andnot (local.get $s2)
              (f64x2.le (v128.load offset=32 (local.get $t)) (v128.const f64x2 0 0))))
            (local.set $s3 (v128.andnot (local.get $s3)
              (f64x2.le (v128.load offset=48 (local.get $t)) (v128.const f64x2 0 0))))))
        (v128.store offset=0 (local.get $row) (local.get $s0))
        (v128.store offset=16 (local.get $row) (local.get $s1))
        (v128.store offset=32 (local.get $row) (local.get $s2))
        (v128.store offset=48 (local.get $row) (local.get $s3))
        (local.set $c (i32.add (local.get $c) (i32.const 64)))))
    (block $pairsDone
      (loop $pair
        (br_if $pairsDone (i32.gt_u (i32.add (local.get $c) (i32.const 16)) (local.get $colsBytes)))
        (local.set $s0 (v128.const f64x2 0 0))
        (if (local.get $start)
          (then (local.set $s0 (v128.load (i32.add (local.get $start) (local.get $c))))))
        (local.set $t (i32.const 0))
        (block $listDone
          (loop $list
            (br_if $listDone (i32.ge_u (local.get $t) (local.get $count)))
            (local.set $row
              (i32.add (i32.load (i32.add (local.get $rows) (i32.shl (local.get $t) (i32.const 2)))) (local.get $c)))
            (local.set $s0
              (f64x2.add (local.get $s0)
                (f64x2.mul
                  (v128.load64_splat (i32.add (local.get $values) (i32.shl (local.get $t) (i32.const 3))))
                  (v128.load (local.get $row)))))
            (local.set $t (i32.add (local.get $t) (i32.const 1)))
            (br $list)))
        (call $storeVector (i32.add (local.get $out) (local.get $c)) (local.get $s0) (local.get $mode)
          (i32.add (local.get $gate) (local.get $c)))
        (local.set $c (i32.add (local.get $c) (i32.const 16)))
        (br $pair)))
    (if (i32.lt_u (local.get $c) (local.get $colsBytes))
      (then
        (local.set $s (f64.const 0))
        (if (local.get $start)
          (then (local.set $s (f64.load (i32.add (local.get $start) (local.get $c))))))
        (local.set $t (i32.const 0))
        (block $listDone
          (loop $list
            (br_if $listDone (i32.ge_u (local.get $t) (local.get $count)))
            (local.set $row
              (i32.add (i32.load (i32.add (local.get $rows) (i32.shl (local.get $t) (i32.const 2)))) (local.get $c)))
            (local.set $s
              (f64.add (local.get $s)
                (f64.mul
                  (f64.load (i32.add (local.get $values) (i32.shl (local.get $t) (i32.const 3))))
                  (f64.load (local.get $row)))))
            (local.set $t (i32.add (local.get $t) (i32.const 1)))
            (br $list)))
        (call $storeScalar (i32.add (local.get $out) (local.get $c)) (local.get $s) (local.get $mode)
          (i32.add (local.get $gate) (local.get $c))))))

  ;; For each of `count` rows i of X (xCols wide): out[i, ·] = start + Σ_k X[i, k]·M[k, ·] over the nonzero X[i, k]
  ;; (M: xCols rows of mCols), stored through the mode; with mode 2 the gate is row i of the activations at `gate`
  ;; (mCols wide). The forward pass (X = A, M = W, start = b) and the backward pass (X = δ, M = Wᵀ, start = 0).
  ;; values and rows: scratch for xCols list entries (float64, int32).
  (func (export "rowProducts") (param $x i32) (param $xCols i32) (param $count i32) (param $m i32) (param $mCols i32)
    (param $start i32) (param $out i32) (param $mode i32) (param $gate i32) (param $values i32) (param $rows i32)
    (local $i i32) (local $k i32) (local $listed i32) (local $v f64) (local $mRowBytes i32)
    (local.set $mRowBytes (i32.shl (local.get $mCols) (i32.const 3)))
    (block $rowsDone
      (loop $row
        (br_if $rowsDone (i32.ge_u (local.get $i) (local.get $count)))
        (local.set $listed (i32.const 0))
        (local.set $k (i32.const 0))
        (block $listMade
          (loop $list
            (br_if $listMade (i32.ge_u (local.get $k) (local.get $xCols)))
            ;; Written at the list's end every time, kept (the end moved on) only when nonzero: no branch for the
            ;; relu zeros, which fall at random.
            (local.set $v (f64.load (local.get $x)))
            (f64.store (i32.add (local.get $values) (i32.shl (local.get $listed) (i32.const 3))) (local.get $v))
            (i32.store (i32.add (local.get $rows) (i32.shl (local.get $listed) (i32.const 2)))
              (i32.add (local.get $m) (i32.mul (local.get $k) (local.get $mRowBytes))))
            (local.set $listed (i32.add (local.get $listed) (f64.ne (local.get $v) (f64.const 0))))
            (local.set $x (i32.add (local.get $x) (i32.const 8)))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $list)))
        (call $accumulate (local.get $values) (local.get $rows) (local.get $listed) (local.get $start) (local.get $out)
          (local.get $mCols) (local.get $mode) (local.get $gate))
        (local.set $out (i32.add (local.get $out) (local.get $mRowBytes)))
        (local.set $gate (i32.add (local.get $gate) (local.get $mRowBytes)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $row))))

  ;; G[r, ·] = Σ_i S[i, r]·D[i, ·] over the nonzero S[i, r] (i ascending), for S count × sCols and D count × dCols,
  ;; G sCols × dCols at out: the weight gradient Aᵀδ (S = A, D = δ) or its transpose (S = δ, D = A).
  ;; values and rows: scratch for `count` list entries.
  (func (export "crossProducts") (param $s i32) (param $sCols i32) (param $d i32) (param $dCols i32) (param $count i32)
    (param $out i32) (param $values i32) (param $rows i32)
    (local $r i32) (local $i i32) (local $listed i32) (local $v f64) (local $at i32) (local $sRowBytes i32)
    (local $dRowBytes i32)
    (local.set $sRowBytes (i32.shl (local.get $sCols) (i32.const 3)))
    (local.set $dRowBytes (i32.shl (local.get $dCols) (i32.const 3)))
    (block $columnsDone
      (loop $column
        (br_if $columnsDone (i32.ge_u (local.get $r) (local.get $sCols)))
        (local.set $listed (i32.const 0))
        (local.set $i (i32.const 0))
        (local.set $at (i32.add (local.get $s) (i32.shl (local.get $r) (i32.const 3))))
        (block $listMade
          (loop $list
            (br_if $listMade (i32.ge_u (local.get $i) (local.get $count)))
            (local.set $v (f64.load (local.get $at)))
            (f64.store (i32.add (local.get $values) (i32.shl (local.get $listed) (i32.const 3))) (local.get $v))
            (i32.store (i32.add (local.get $rows) (i32.shl (local.get $listed) (i32.const 2)))
              (i32.add (local.get $d) (i32.mul (local.get $i) (local.get $dRowBytes))))
            (local.set $listed (i32.add (local.get $listed) (f64.ne (local.get $v) (f64.const 0))))
            (local.set $at (i32.add (local.get $at) (local.get $sRowBytes)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $list)))
        (call $accumulate (local.get $values) (local.get $rows) (local.get $listed) (i32.const 0)
          (i32.add (local.get $out) (i32.mul (local.get $r) (local.get $dRowBytes))) (local.get $dCols) (i32.const 0)
          (i32.const 0))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $column))))

  ;; A one-unit layer (the output): out[i] = bias + Σ_k X[i, k]·w[k] (k ascending) for `count` rows of X (xCols wide),
  ;; the two lanes two neighbouring rows, so each is the same sum in the same order as one row alone; an odd last row
  ;; alone. Zeros are not skipped (a list per row would cost more than the products it saves).
  (func (export "dotRows") (param $x i32) (param $xCols i32) (param $count i32) (param $w i32) (param $bias f64)
    (param $out i32)
    (local $i i32) (local $k i32) (local $rowBytes i32) (local $a i32) (local $s v128) (local $z f64)
    (local.set $rowBytes (i32.shl (local.get $xCols) (i32.const 3)))
    (block $pairsDone
      (loop $pair
        (br_if $pairsDone (i32.gt_u (i32.add (local.get $i) (i32.const 2)) (local.get $count)))
        (local.set $s (f64x2.splat (local.get $bias)))
        (local.set $a (local.get $x))
        (local.set $k (i32.const 0))
        (block $sumDone
          (loop $sum
            (br_if $sumDone (i32.ge_u (local.get $k) (local.get $xCols)))
            (local.set $s
              (f64x2.add (local.get $s)
                (f64x2.mul
                  (v128.load64_lane 1 (i32.add (local.get $a) (local.get $rowBytes)) (v128.load64_splat (local.get $a)))
                  (v128.load64_splat (i32.add (local.get $w) (i32.shl (local.get $k) (i32.const 3)))))))
            (local.set $a (i32.add (local.get $a) (i32.const 8)))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $sum)))
        (v128.store (local.get $out) (local.get $s))
        (local.set $x (i32.add (local.get $x) (i32.shl (local.get $rowBytes) (i32.const 1))))
        (local.set $out (i32.add (local.get $out) (i32.const 16)))
        (local.set $i (i32.add (local.get $i) (i32.const 2)))
        (br $pair)))
    (if (i32.lt_u (local.get $i) (local.get $count))
      (then
        (local.set $z (local.get $bias))
        (local.set $k (i32.const 0))
        (block $sumDone
          (loop $sum
            (br_if $sumDone (i32.ge_u (local.get $k) (local.get $xCols)))
            (local.set $z
              (f64.add (local.get $z)
                (f64.mul
                  (f64.load (i32.add (local.get $x) (i32.shl (local.get $k) (i32.const 3))))
                  (f64.load (i32.add (local.get $w) (i32.shl (local.get $k) (i32.const 3)))))))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $sum)))
        (f64.store (local.get $out) (local.get $z)))))

  ;; One Adam step over `count` parameters (optimizers.ts's AdamOptimizer, the same operations in the same order, two
  ;; parameters a vector; c1 = 1 − β1 and c2 = 1 − β2 as JavaScript computes them):
  ;;     m ← β1·m + c1·g;   v ← β2·v + (c2·g)·g;   θ ← θ − (rate·m)/(sqrt(v) + ε)
  (func (export "adam") (param $p i32) (param $g i32) (param $m i32) (param $v i32) (param $count i32)
    (param $rate f64) (param $b1 f64) (param $c1 f64) (param $b2 f64) (param $c2 f64) (param $eps f64)
    (local $at i32) (local $end i32) (local $gv v128) (local $mv v128) (local $vv v128)
    (local $sm f64) (local $sv f64)
    (local.set $end (i32.shl (local.get $count) (i32.const 3)))
    (block $pairsDone
      (loop $pair
        (br_if $pairsDone (i32.gt_u (i32.add (local.get $at) (i32.const 16)) (local.get $end)))
        (local.set $gv (v128.load (i32.add (local.get $g) (local.get $at))))
        (local.set $mv
          (f64x2.add (f64x2.mul (f64x2.splat (local.get $b1)) (v128.load (i32.add (local.get $m) (local.get $at))))
            (f64x2.mul (f64x2.splat (local.get $c1)) (local.get $gv))))
        (local.set $vv
          (f64x2.add (f64x2.mul (f64x2.splat (local.get $b2)) (v128.load (i32.add (local.get $v) (local.get $at))))
            (f64x2.mul (f64x2.mul (f64x2.splat (local.get $c2)) (local.get $gv)) (local.get $gv))))
        (v128.store (i32.add (local.get $m) (local.get $at)) (local.get $mv))
        (v128.store (i32.add (local.get $v) (local.get $at)) (local.get $vv))
        (v128.store (i32.add (local.get $p) (local.get $at))
          (f64x2.sub (v128.load (i32.add (local.get $p) (local.get $at)))
            (f64x2.div (f64x2.mul (f64x2.splat (local.get $rate)) (local.get $mv))
              (f64x2.add (f64x2.sqrt (local.get $vv)) (f64x2.splat (local.get $eps))))))
        (local.set $at (i32.add (local.get $at) (i32.const 16)))
        (br $pair)))
    (if (i32.lt_u (local.get $at) (local.get $end))
      (then
        (local.set $sm
          (f64.add (f64.mul (local.get $b1) (f64.load (i32.add (local.get $m) (local.get $at))))
            (f64.mul (local.get $c1) (f64.load (i32.add (local.get $g) (local.get $at))))))
        (local.set $sv
          (f64.add (f64.mul (local.get $b2) (f64.load (i32.add (local.get $v) (local.get $at))))
            (f64.mul (f64.mul (local.get $c2) (f64.load (i32.add (local.get $g) (local.get $at))))
              (f64.load (i32.add (local.get $g) (local.get $at))))))
        (f64.store (i32.add (local.get $m) (local.get $at)) (local.get $sm))
        (f64.store (i32.add (local.get $v) (local.get $at)) (local.get $sv))
        (f64.store (i32.add (local.get $p) (local.get $at))
          (f64.sub (f64.load (i32.add (local.get $p) (local.get $at)))
            (f64.div (f64.mul (local.get $rate) (local.get $sm))
              (f64.add (f64.sqrt (local.get $sv)) (local.get $eps))))))))

  ;; dst[c, r] = src[r, c] for src rows × cols (Wᵀ for the backward pass, Gᵀ back to G).
  (func (export "transpose") (param $src i32) (param $rowCount i32) (param $cols i32) (param $dst i32)
    (local $r i32) (local $c i32) (local $rowBytes i32)
    (local.set $rowBytes (i32.shl (local.get $rowCount) (i32.const 3)))
    (block $rowsDone
      (loop $row
        (br_if $rowsDone (i32.ge_u (local.get $r) (local.get $rowCount)))
        (local.set $c (i32.const 0))
        (block $colsDone
          (loop $col
            (br_if $colsDone (i32.ge_u (local.get $c) (local.get $cols)))
            (f64.store
              (i32.add (local.get $dst)
                (i32.add (i32.mul (local.get $c) (local.get $rowBytes)) (i32.shl (local.get $r) (i32.const 3))))
              (f64.load (local.get $src)))
            (local.set $src (i32.add (local.get $src) (i32.const 8)))
            (local.set $c (i32.add (local.get $c) (i32.const 1)))
            (br $col)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $row))))

  ;; dst[i, ·] = src[order[i], ·] and dstY[i] = srcY[order[i]] for i < count (order: i32 row indices): a shuffled
  ;; epoch's batch gathered from the fold's rows kept in this memory, two columns a vector, an odd last one alone.
  (func (export "gatherRows") (param $src i32) (param $srcY i32) (param $cols i32) (param $order i32)
        (param $count i32) (param $dst i32) (param $dstY i32)
    (local $i i32) (local $row i32) (local $from i32) (local $end i32) (local $pairsEnd i32) (local $rowBytes i32)
    (local.set $rowBytes (i32.shl (local.get $cols) (i32.const 3)))
    (block $rowsDone
      (loop $rowLoop
        (br_if $rowsDone (i32.ge_u (local.get $i) (local.get $count)))
        (local.set $row (i32.load (i32.add (local.get $order) (i32.shl (local.get $i) (i32.const 2)))))
        (f64.store (i32.add (local.get $dstY) (i32.shl (local.get $i) (i32.const 3)))
          (f64.load (i32.add (local.get $srcY) (i32.shl (local.get $row) (i32.const 3)))))
        (local.set $from (i32.add (local.get $src) (i32.mul (local.get $row) (local.get $rowBytes))))
        (local.set $end (i32.add (local.get $from) (local.get $rowBytes)))
        (local.set $pairsEnd (i32.sub (local.get $end) (i32.and (local.get $rowBytes) (i32.const 8))))
        (block $pairsDone
          (loop $pair
            (br_if $pairsDone (i32.ge_u (local.get $from) (local.get $pairsEnd)))
            (v128.store (local.get $dst) (v128.load (local.get $from)))
            (local.set $from (i32.add (local.get $from) (i32.const 16)))
            (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
            (br $pair)))
        (if (i32.lt_u (local.get $from) (local.get $end))
          (then
            (f64.store (local.get $dst) (f64.load (local.get $from)))
            (local.set $dst (i32.add (local.get $dst) (i32.const 8)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rowLoop)))))
