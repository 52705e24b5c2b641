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
  (func $rowProducts (export "rowProducts") (param $x i32) (param $xCols i32) (param $count i32) (param $m i32) (param $mCols i32)
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
  (func $crossProducts (export "crossProducts") (param $s i32) (param $sCols i32) (param $d i32) (param $dCols i32) (param $count i32)
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
  (func $dotRows (export "dotRows") (param $x i32) (param $xCols i32) (param $count i32) (param $w i32) (param $bias f64)
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
  (func $adam (export "adam") (param $p i32) (param $g i32) (param $m i32) (param $v i32) (param $count i32)
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
  (func $transpose (export "transpose") (param $src i32) (param $rowCount i32) (param $cols i32) (param $dst i32)
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
  (func $gatherRows (export "gatherRows") (param $src i32) (param $srcY i32) (param $cols i32) (param $order i32)
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
        (br $rowLoop))))

  ;; One epoch of mini-batch training in one call (trainEpoch): per batch the gather, the forward pass, the loss and
  ;; output error, backpropagation, the L2 gradient, the optimizer step and the L1 proximal step, with the functions
  ;; above and the same operations in the same order as train.ts's step-by-step loop (backprop.ts, layer-kernels.ts,
  ;; penalty.ts, optimizers.ts), so the parameters come out the same bits. Only for a linear output unit with relu
  ;; hidden layers, or none: tanh, σ and the logistic and softmax losses need Math.exp / Math.tanh, whose results
  ;; WebAssembly cannot reproduce bit for bit. The plan (fused-epoch.ts writes it) is a block of i32 words:
  ;;     0 layers   4 gather (1: batches gathered from the kept rows by order; 0: the rows already at input)
  ;;     8 n   12 batch   16 inputs   20 parameters   24 gradient   28 first moment (sgd: previous parameters)
  ;;     32 second moment   36 input   40 targets   44 ones   48 Wᵀ   52 ∂Wᵀ   56 kept x   60 kept y   64 order
  ;;     68 list values   72 list rows   76 optimizer (0 adam, 1 sgd)   80 parameter count
  ;;     84 + 20·l, layer l: units, weights' byte offset, biases' byte offset (in parameters and gradient),
  ;;     activations, error terms (δ)
  ;; (all but the counts and flags byte addresses).

  ;; kernels-tiled.ts's density: the fraction of values[0, length) that are not 0 among the samples 0, s, 2s, ...
  ;; (s = floor(length/64) | 1), the same integer counts and the same division.
  (func $density (param $values i32) (param $length i32) (result f64)
    (local $step i32) (local $i i32) (local $count i32) (local $seen i32)
    (if (i32.eqz (local.get $length)) (then (return (f64.const 1))))
    (local.set $step (i32.or (i32.shr_u (local.get $length) (i32.const 6)) (i32.const 1)))
    (block $done
      (loop $sample
        (br_if $done (i32.ge_u (local.get $i) (local.get $length)))
        (local.set $count (i32.add (local.get $count)
          (f64.ne (f64.load (i32.add (local.get $values) (i32.shl (local.get $i) (i32.const 3)))) (f64.const 0))))
        (local.set $seen (i32.add (local.get $seen) (i32.const 1)))
        (local.set $i (i32.add (local.get $i) (local.get $step)))
        (br $sample)))
    (f64.div (f64.convert_i32_u (local.get $count)) (f64.convert_i32_u (local.get $seen))))

  ;; a ← a > 0 ? a : 0 over `count` values (activation.ts's relu).
  (func $reluInPlace (param $at i32) (param $count i32)
    (local $end i32) (local $z f64)
    (local.set $end (i32.add (local.get $at) (i32.shl (local.get $count) (i32.const 3))))
    (block $done
      (loop $value
        (br_if $done (i32.ge_u (local.get $at) (local.get $end)))
        (local.set $z (f64.load (local.get $at)))
        (f64.store (local.get $at) (select (local.get $z) (f64.const 0) (f64.gt (local.get $z) (f64.const 0))))
        (local.set $at (i32.add (local.get $at) (i32.const 8)))
        (br $value))))

  ;; backprop.ts's forward pass of `rows` input rows at `input`: Z = A·W + b per layer, relu stored on the hidden
  ;; layers, a one-unit layer by dotRows.
  (func $forwardLayers (param $plan i32) (param $input i32) (param $rows i32)
    (local $l i32) (local $layers i32) (local $layer i32) (local $previous i32) (local $fanIn i32) (local $fanOut i32)
    (local $params i32)
    (local.set $layers (i32.load (local.get $plan)))
    (local.set $fanIn (i32.load offset=16 (local.get $plan)))
    (local.set $params (i32.load offset=20 (local.get $plan)))
    (local.set $previous (local.get $input))
    (block $done
      (loop $layerLoop
        (br_if $done (i32.ge_u (local.get $l) (local.get $layers)))
        (local.set $layer (i32.add (local.get $plan) (i32.mul (local.get $l) (i32.const 20))))
        (local.set $fanOut (i32.load offset=84 (local.get $layer)))
        (if (i32.eq (local.get $fanOut) (i32.const 1))
          (then
            (call $dotRows (local.get $previous) (local.get $fanIn) (local.get $rows)
              (i32.add (local.get $params) (i32.load offset=88 (local.get $layer)))
              (f64.load (i32.add (local.get $params) (i32.load offset=92 (local.get $layer))))
              (i32.load offset=96 (local.get $layer)))
            ;; A one-unit hidden layer: relu after the dot products, as layer-kernels.ts does.
            (if (i32.lt_u (i32.add (local.get $l) (i32.const 1)) (local.get $layers))
              (then (call $reluInPlace (i32.load offset=96 (local.get $layer)) (local.get $rows)))))
          (else
            (call $rowProducts (local.get $previous) (local.get $fanIn) (local.get $rows)
              (i32.add (local.get $params) (i32.load offset=88 (local.get $layer))) (local.get $fanOut)
              (i32.add (local.get $params) (i32.load offset=92 (local.get $layer)))
              (i32.load offset=96 (local.get $layer))
              (i32.lt_u (i32.add (local.get $l) (i32.const 1)) (local.get $layers))
              (i32.const 0) (i32.load offset=68 (local.get $plan)) (i32.load offset=72 (local.get $plan)))))
        (local.set $previous (i32.load offset=96 (local.get $layer)))
        (local.set $fanIn (local.get $fanOut))
        (local.set $l (i32.add (local.get $l) (i32.const 1)))
        (br $layerLoop))))

  ;; The linear output's ½-mse Σ(η − y)²/(2m) and its error δ_i = (η_i − y_i)/m over the m = rows of the batch.
  (func $outputLossAndDelta (param $plan i32) (param $rows i32) (result f64)
    (local $layer i32) (local $eta i32) (local $delta i32) (local $y i32) (local $end i32) (local $m f64)
    (local $r f64) (local $total f64)
    (local.set $layer
      (i32.add (local.get $plan) (i32.mul (i32.sub (i32.load (local.get $plan)) (i32.const 1)) (i32.const 20))))
    (local.set $eta (i32.load offset=96 (local.get $layer)))
    (local.set $delta (i32.load offset=100 (local.get $layer)))
    (local.set $y (i32.load offset=40 (local.get $plan)))
    (local.set $end (i32.add (local.get $eta) (i32.shl (local.get $rows) (i32.const 3))))
    (local.set $m (f64.convert_i32_u (local.get $rows)))
    (block $done
      (loop $row
        (br_if $done (i32.ge_u (local.get $eta) (local.get $end)))
        (local.set $r (f64.sub (f64.load (local.get $eta)) (f64.load (local.get $y))))
        (f64.store (local.get $delta) (f64.div (local.get $r) (local.get $m)))
        (local.set $total (f64.add (local.get $total) (f64.mul (local.get $r) (local.get $r))))
        (local.set $eta (i32.add (local.get $eta) (i32.const 8)))
        (local.set $y (i32.add (local.get $y) (i32.const 8)))
        (local.set $delta (i32.add (local.get $delta) (i32.const 8)))
        (br $row)))
    (f64.div (local.get $total) (f64.convert_i32_u (i32.shl (local.get $rows) (i32.const 1)))))

  ;; backprop.ts's backward pass, from the last layer: ∂W_l = A_lᵀδ_l (listing the factor layer-kernels.ts's
  ;; listsInput chooses), ∂b_l = 1ᵀδ_l, then δ_{l−1} = (δ_l W_lᵀ) gated by relu.
  (func $backwardLayers (param $plan i32) (param $rows i32)
    (local $l i32) (local $layer i32) (local $fanIn i32) (local $fanOut i32) (local $previous i32) (local $delta i32)
    (local $params i32) (local $gradient i32) (local $values i32) (local $list i32) (local $skipInput i32)
    (local.set $params (i32.load offset=20 (local.get $plan)))
    (local.set $gradient (i32.load offset=24 (local.get $plan)))
    (local.set $values (i32.load offset=68 (local.get $plan)))
    (local.set $list (i32.load offset=72 (local.get $plan)))
    (local.set $l (i32.sub (i32.load (local.get $plan)) (i32.const 1)))
    (loop $layerLoop
      (local.set $layer (i32.add (local.get $plan) (i32.mul (local.get $l) (i32.const 20))))
      (local.set $fanOut (i32.load offset=84 (local.get $layer)))
      (local.set $delta (i32.load offset=100 (local.get $layer)))
      ;; The layer below's units and activations (offsets 84 and 96 of layer l − 1), or the input.
      (if (local.get $l)
        (then
          (local.set $fanIn (i32.load offset=64 (local.get $layer)))
          (local.set $previous (i32.load offset=76 (local.get $layer))))
        (else
          (local.set $fanIn (i32.load offset=16 (local.get $plan)))
          (local.set $previous (i32.load offset=36 (local.get $plan)))))
      ;; layer-kernels.ts's listsInput: A's when it is narrower than a 16-column tile and δ is not, else the sparser.
      (local.set $skipInput (i32.const 0))
      (if (i32.gt_u (local.get $fanOut) (i32.const 1))
        (then
          (local.set $skipInput
            (i32.and (i32.lt_u (local.get $fanIn) (i32.const 16)) (i32.ge_u (local.get $fanOut) (i32.const 16))))
          (if (i32.eqz (local.get $skipInput))
            (then
              (local.set $skipInput
                (f64.le (call $density (local.get $previous) (i32.mul (local.get $rows) (local.get $fanIn)))
                  (call $density (local.get $delta) (i32.mul (local.get $rows) (local.get $fanOut)))))))))
      (if (local.get $skipInput)
        (then
          (call $crossProducts (local.get $previous) (local.get $fanIn) (local.get $delta) (local.get $fanOut)
            (local.get $rows) (i32.add (local.get $gradient) (i32.load offset=88 (local.get $layer)))
            (local.get $values) (local.get $list)))
        (else
          (call $crossProducts (local.get $delta) (local.get $fanOut) (local.get $previous) (local.get $fanIn)
            (local.get $rows) (i32.load offset=52 (local.get $plan)) (local.get $values) (local.get $list))
          (call $transpose (i32.load offset=52 (local.get $plan)) (local.get $fanOut) (local.get $fanIn)
            (i32.add (local.get $gradient) (i32.load offset=88 (local.get $layer))))))
      (call $crossProducts (i32.load offset=44 (local.get $plan)) (i32.const 1) (local.get $delta) (local.get $fanOut)
        (local.get $rows) (i32.add (local.get $gradient) (i32.load offset=92 (local.get $layer)))
        (local.get $values) (local.get $list))
      (if (local.get $l)
        (then
          (call $transpose (i32.add (local.get $params) (i32.load offset=88 (local.get $layer))) (local.get $fanIn)
            (local.get $fanOut) (i32.load offset=48 (local.get $plan)))
          ;; δ_{l−1}: layer l − 1's error terms (offset 100 − 20), gated by its activations.
          (call $rowProducts (local.get $delta) (local.get $fanOut) (local.get $rows) (i32.load offset=48 (local.get $plan))
            (local.get $fanIn) (i32.const 0) (i32.load offset=80 (local.get $layer)) (i32.const 2) (local.get $previous)
            (local.get $values) (local.get $list))
          (local.set $l (i32.sub (local.get $l) (i32.const 1)))
          (br $layerLoop)))))

  ;; penalty.ts's addL2Gradient: ∂W += scale·W over every layer's weights (never the biases), two weights a vector.
  (func $addL2 (param $plan i32) (param $scale f64)
    (local $l i32) (local $layer i32) (local $at i32) (local $end i32) (local $params i32) (local $gradient i32)
    (local $s v128)
    (local.set $params (i32.load offset=20 (local.get $plan)))
    (local.set $gradient (i32.load offset=24 (local.get $plan)))
    (local.set $s (f64x2.splat (local.get $scale)))
    (block $done
      (loop $layerLoop
        (br_if $done (i32.ge_u (local.get $l) (i32.load (local.get $plan))))
        (local.set $layer (i32.add (local.get $plan) (i32.mul (local.get $l) (i32.const 20))))
        (local.set $at (i32.load offset=88 (local.get $layer)))
        (local.set $end (i32.load offset=92 (local.get $layer)))
        (block $pairsDone
          (loop $pair
            (br_if $pairsDone (i32.gt_u (i32.add (local.get $at) (i32.const 16)) (local.get $end)))
            (v128.store (i32.add (local.get $gradient) (local.get $at))
              (f64x2.add (v128.load (i32.add (local.get $gradient) (local.get $at)))
                (f64x2.mul (local.get $s) (v128.load (i32.add (local.get $params) (local.get $at))))))
            (local.set $at (i32.add (local.get $at) (i32.const 16)))
            (br $pair)))
        (if (i32.lt_u (local.get $at) (local.get $end))
          (then
            (f64.store (i32.add (local.get $gradient) (local.get $at))
              (f64.add (f64.load (i32.add (local.get $gradient) (local.get $at)))
                (f64.mul (local.get $scale) (f64.load (i32.add (local.get $params) (local.get $at))))))))
        (local.set $l (i32.add (local.get $l) (i32.const 1)))
        (br $layerLoop))))

  ;; penalty.ts's softThresholdWeights: w ← w − t if w > t, w + t if w < −t, else 0, over every layer's weights.
  (func $softThreshold (param $plan i32) (param $t f64)
    (local $l i32) (local $layer i32) (local $at i32) (local $end i32) (local $w f64)
    (block $done
      (loop $layerLoop
        (br_if $done (i32.ge_u (local.get $l) (i32.load (local.get $plan))))
        (local.set $layer (i32.add (local.get $plan) (i32.mul (local.get $l) (i32.const 20))))
        (local.set $at (i32.add (i32.load offset=20 (local.get $plan)) (i32.load offset=88 (local.get $layer))))
        (local.set $end (i32.add (i32.load offset=20 (local.get $plan)) (i32.load offset=92 (local.get $layer))))
        (block $weightsDone
          (loop $weight
            (br_if $weightsDone (i32.ge_u (local.get $at) (local.get $end)))
            (local.set $w (f64.load (local.get $at)))
            (f64.store (local.get $at)
              (select (f64.sub (local.get $w) (local.get $t))
                (select (f64.add (local.get $w) (local.get $t)) (f64.const 0)
                  (f64.lt (local.get $w) (f64.neg (local.get $t))))
                (f64.gt (local.get $w) (local.get $t))))
            (local.set $at (i32.add (local.get $at) (i32.const 8)))
            (br $weight)))
        (local.set $l (i32.add (local.get $l) (i32.const 1)))
        (br $layerLoop))))

  ;; optimizers.ts's MomentumSgd: θ ← θ − η·g, or with momentum μ ≠ 0
  ;;     θ ← (θ − η·g) + μ·(θ − θ_previous),  θ_previous ← the θ before the step.
  (func $sgd (param $p i32) (param $g i32) (param $previous i32) (param $count i32) (param $rate f64)
    (param $momentum f64)
    (local $end i32) (local $current f64)
    (local.set $end (i32.add (local.get $p) (i32.shl (local.get $count) (i32.const 3))))
    (block $done
      (loop $parameter
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $current (f64.load (local.get $p)))
        (if (f64.eq (local.get $momentum) (f64.const 0))
          (then
            (f64.store (local.get $p)
              (f64.sub (local.get $current) (f64.mul (local.get $rate) (f64.load (local.get $g))))))
          (else
            (f64.store (local.get $p)
              (f64.add (f64.sub (local.get $current) (f64.mul (local.get $rate) (f64.load (local.get $g))))
                (f64.mul (local.get $momentum) (f64.sub (local.get $current) (f64.load (local.get $previous))))))
            (f64.store (local.get $previous) (local.get $current))))
        (local.set $p (i32.add (local.get $p) (i32.const 8)))
        (local.set $g (i32.add (local.get $g) (i32.const 8)))
        (local.set $previous (i32.add (local.get $previous) (i32.const 8)))
        (br $parameter))))

  ;; cv/prng.ts's shuffleInPlace with its mulberry32 on `count` i32 words at `order`, the generator's state `state`
  ;; before the count − 1 draws: for i from count − 1 down to 1, j = floor(u·(i + 1)), swap order[i] and order[j], with
  ;;     state += 0x6D2B79F5;  t = imul(t ^ (t >>> 15), t | 1);  t ^= t + imul(t ^ (t >>> 7), t | 61);
  ;;     u = ((t ^ (t >>> 14)) >>> 0) / 2^32
  ;; (t starting as the state): the same 32-bit integer operations, and u·(i + 1) the same float64 product.
  (func $shuffle (param $order i32) (param $count i32) (param $state i32)
    (local $i i32) (local $j i32) (local $t i32) (local $at i32) (local $other i32) (local $swap i32)
    (local.set $i (i32.sub (local.get $count) (i32.const 1)))
    (block $done
      (loop $draw
        (br_if $done (i32.le_s (local.get $i) (i32.const 0)))
        (local.set $state (i32.add (local.get $state) (i32.const 0x6D2B79F5)))
        (local.set $t (local.get $state))
        (local.set $t (i32.mul (i32.xor (local.get $t) (i32.shr_u (local.get $t) (i32.const 15)))
          (i32.or (local.get $t) (i32.const 1))))
        (local.set $t (i32.xor (local.get $t)
          (i32.add (local.get $t) (i32.mul (i32.xor (local.get $t) (i32.shr_u (local.get $t) (i32.const 7)))
            (i32.or (local.get $t) (i32.const 61))))))
        (local.set $j (i32.trunc_f64_u (f64.floor (f64.mul
          (f64.div (f64.convert_i32_u (i32.xor (local.get $t) (i32.shr_u (local.get $t) (i32.const 14))))
            (f64.const 4294967296))
          (f64.convert_i32_u (i32.add (local.get $i) (i32.const 1)))))))
        (local.set $at (i32.add (local.get $order) (i32.shl (local.get $i) (i32.const 2))))
        (local.set $other (i32.add (local.get $order) (i32.shl (local.get $j) (i32.const 2))))
        (local.set $swap (i32.load (local.get $at)))
        (i32.store (local.get $at) (i32.load (local.get $other)))
        (i32.store (local.get $other) (local.get $swap))
        (local.set $i (i32.sub (local.get $i) (i32.const 1)))
        (br $draw))))

  ;; The epoch: batches of `batch` rows (the last one shorter) over n rows, step s at rate rates[s] (Adam's
  ;; bias-corrected η_t, computed in JavaScript); returns Σ rows·(batch data loss), the curve's train loss × n.
  ;; c1 = 1 − β1 and c2 = 1 − β2 as JavaScript computes them; l2 = λ(1−r); threshold = η·λ·r (0: no L1 step).
  ;; When gathering, the order is first shuffled from the shuffling generator's state `shuffleState` ($shuffle).
  (func (export "trainEpoch") (param $plan i32) (param $rates i32) (param $l2 f64) (param $threshold f64)
    (param $b1 f64) (param $c1 f64) (param $b2 f64) (param $c2 f64) (param $eps f64) (param $momentum f64)
    (param $shuffleState i32) (result f64)
    (local $n i32) (local $batch i32) (local $start i32) (local $rows i32) (local $lossSum f64)
    (local.set $n (i32.load offset=8 (local.get $plan)))
    (local.set $batch (i32.load offset=12 (local.get $plan)))
    (if (i32.load offset=4 (local.get $plan))
      (then (call $shuffle (i32.load offset=64 (local.get $plan)) (local.get $n) (local.get $shuffleState))))
    (block $done
      (loop $step
        (br_if $done (i32.ge_u (local.get $start) (local.get $n)))
        (local.set $rows (i32.sub (local.get $n) (local.get $start)))
        (if (i32.lt_u (local.get $batch) (local.get $rows)) (then (local.set $rows (local.get $batch))))
        (if (i32.load offset=4 (local.get $plan))
          (then
            (call $gatherRows (i32.load offset=56 (local.get $plan)) (i32.load offset=60 (local.get $plan))
              (i32.load offset=16 (local.get $plan))
              (i32.add (i32.load offset=64 (local.get $plan)) (i32.shl (local.get $start) (i32.const 2)))
              (local.get $rows) (i32.load offset=36 (local.get $plan)) (i32.load offset=40 (local.get $plan)))))
        (call $forwardLayers (local.get $plan) (i32.load offset=36 (local.get $plan)) (local.get $rows))
        (local.set $lossSum
          (f64.add (local.get $lossSum)
            (f64.mul (f64.convert_i32_u (local.get $rows)) (call $outputLossAndDelta (local.get $plan) (local.get $rows)))))
        (call $backwardLayers (local.get $plan) (local.get $rows))
        (if (f64.ne (local.get $l2) (f64.const 0)) (then (call $addL2 (local.get $plan) (local.get $l2))))
        (if (i32.load offset=76 (local.get $plan))
          (then
            (call $sgd (i32.load offset=20 (local.get $plan)) (i32.load offset=24 (local.get $plan))
              (i32.load offset=28 (local.get $plan)) (i32.load offset=80 (local.get $plan)) (f64.load (local.get $rates))
              (local.get $momentum)))
          (else
            (call $adam (i32.load offset=20 (local.get $plan)) (i32.load offset=24 (local.get $plan))
              (i32.load offset=28 (local.get $plan)) (i32.load offset=32 (local.get $plan))
              (i32.load offset=80 (local.get $plan)) (f64.load (local.get $rates))
              (local.get $b1) (local.get $c1) (local.get $b2) (local.get $c2) (local.get $eps))))
        (if (f64.ne (local.get $threshold) (f64.const 0))
          (then (call $softThreshold (local.get $plan) (local.get $threshold))))
        (local.set $rates (i32.add (local.get $rates) (i32.const 8)))
        (local.set $start (i32.add (local.get $start) (local.get $batch)))
        (br $step)))
    (local.get $lossSum))
  ;; η and the linear output's ½-mse Σ(η − y)²/(2m) of the plan's parameters on m = `rows` rows kept in this memory
  ;; (x row-major, the plan's inputs wide; y): the forward pass in chunks of the plan's batch rows (the activations
  ;; hold one batch; each row's sums do not depend on the chunk), η_i copied to `eta` and (η_i − y_i)² added in row
  ;; order, as lossOn and backprop.ts's meanDataLoss compute them (scoring between epochs and at the end).
  (func (export "forwardLoss") (param $plan i32) (param $x i32) (param $y i32) (param $rows i32) (param $eta i32)
    (result f64)
    (local $start i32) (local $count i32) (local $batch i32) (local $rowBytes i32) (local $out i32) (local $at i32)
    (local $end i32) (local $z f64) (local $r f64) (local $total f64)
    (local.set $batch (i32.load offset=12 (local.get $plan)))
    (local.set $rowBytes (i32.shl (i32.load offset=16 (local.get $plan)) (i32.const 3)))
    ;; The output layer's activations (η): offset 96 of layer (layers − 1).
    (local.set $out (i32.load offset=96
      (i32.add (local.get $plan) (i32.mul (i32.sub (i32.load (local.get $plan)) (i32.const 1)) (i32.const 20)))))
    (block $done
      (loop $chunk
        (br_if $done (i32.ge_u (local.get $start) (local.get $rows)))
        (local.set $count (i32.sub (local.get $rows) (local.get $start)))
        (if (i32.lt_u (local.get $batch) (local.get $count)) (then (local.set $count (local.get $batch))))
        (call $forwardLayers (local.get $plan)
          (i32.add (local.get $x) (i32.mul (local.get $start) (local.get $rowBytes))) (local.get $count))
        (local.set $at (local.get $out))
        (local.set $end (i32.add (local.get $out) (i32.shl (local.get $count) (i32.const 3))))
        (block $rowsDone
          (loop $row
            (br_if $rowsDone (i32.ge_u (local.get $at) (local.get $end)))
            (local.set $z (f64.load (local.get $at)))
            (f64.store (local.get $eta) (local.get $z))
            (local.set $r (f64.sub (local.get $z) (f64.load (local.get $y))))
            (local.set $total (f64.add (local.get $total) (f64.mul (local.get $r) (local.get $r))))
            (local.set $at (i32.add (local.get $at) (i32.const 8)))
            (local.set $y (i32.add (local.get $y) (i32.const 8)))
            (local.set $eta (i32.add (local.get $eta) (i32.const 8)))
            (br $row)))
        (local.set $start (i32.add (local.get $start) (local.get $count)))
        (br $chunk)))
    (f64.div (local.get $total) (f64.convert_i32_u (i32.shl (local.get $rows) (i32.const 1)))))
)
