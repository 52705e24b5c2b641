;; The cross products kernel of lower-triangle.ts in WebAssembly SIMD (f64x2):
;;     sums[j·q + k] += Σ_r x_j[r]·x_k[r]   for k ≤ j,
;; over one block of rows. Assembled by scripts/assemble-wasm.js into lower-triangle-wasm.ts.
;;
;; Bit for bit the same sums as the JavaScript kernel: the two lanes of a vector hold two different output entries
;; (columns j and j + 1 against one column k), never two parts of one sum, so every sum still starts at 0, adds
;; x_j[r]·x_k[r] rounded (f64x2.mul, then f64x2.add: no fused multiply-add) in row order r = 0, 1, …, and is then
;; added to sums.
;;
;; Block layout, so that one 16-byte load gives (x_j[r], x_{j+1}[r]) for an even j: the columns in pairs, each pair
;; 256 rows × 16 bytes = 4096 bytes, column c's row r at byte
;;     block + ((c >> 1)·256 + r)·16 + (c & 1)·8.
;; The pair stride is a constant, so the loads of the next pair are the same pointer with a 4096 offset.

(module
  (memory (export "memory") 1)

  ;; Rows per block: the layout above (JavaScript checks it against its own block size).
  (global (export "blockRows") i32 (i32.const 256))

  ;; sums[at] += lane 0 of v when bit 0 of mask, sums[at + qBytes] += lane 1 of v when bit 1.
  (func $addLanes (param $at i32) (param $qBytes i32) (param $v v128) (param $mask i32)
    (if (i32.and (local.get $mask) (i32.const 1))
      (then
        (f64.store (local.get $at)
          (f64.add (f64.load (local.get $at)) (f64x2.extract_lane 0 (local.get $v))))))
    (if (i32.and (local.get $mask) (i32.const 2))
      (then
        (f64.store (i32.add (local.get $at) (local.get $qBytes))
          (f64.add
            (f64.load (i32.add (local.get $at) (local.get $qBytes)))
            (f64x2.extract_lane 1 (local.get $v)))))))

  ;; Columns j … j + 3 (two pairs from pj) against k … k + 3 (k even, two pairs from pk), every k ≤ j: sixteen sums
  ;; in eight vectors; per row six loads for sixteen multiply-adds. at = &sums[j·q + k].
  (func $quads (param $pj i32) (param $pk i32) (param $length i32) (param $at i32) (param $qBytes i32)
    (local $end i32)
    (local $a v128) (local $b v128) (local $k v128)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $b0 v128) (local $b1 v128) (local $b2 v128) (local $b3 v128)
    (local.set $end (i32.add (local.get $pj) (i32.shl (local.get $length) (i32.const 4))))
    (loop $rows
      (local.set $a (v128.load (local.get $pj)))
      (local.set $b (v128.load offset=4096 (local.get $pj)))
      (local.set $k (v128.load64_splat (local.get $pk)))
      (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (local.get $a) (local.get $k))))
      (local.set $b0 (f64x2.add (local.get $b0) (f64x2.mul (local.get $b) (local.get $k))))
      (local.set $k (v128.load64_splat offset=8 (local.get $pk)))
      (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (local.get $a) (local.get $k))))
      (local.set $b1 (f64x2.add (local.get $b1) (f64x2.mul (local.get $b) (local.get $k))))
      (local.set $k (v128.load64_splat offset=4096 (local.get $pk)))
      (local.set $a2 (f64x2.add (local.get $a2) (f64x2.mul (local.get $a) (local.get $k))))
      (local.set $b2 (f64x2.add (local.get $b2) (f64x2.mul (local.get $b) (local.get $k))))
      (local.set $k (v128.load64_splat offset=4104 (local.get $pk)))
      (local.set $a3 (f64x2.add (local.get $a3) (f64x2.mul (local.get $a) (local.get $k))))
      (local.set $b3 (f64x2.add (local.get $b3) (f64x2.mul (local.get $b) (local.get $k))))
      (local.set $pk (i32.add (local.get $pk) (i32.const 16)))
      (local.set $pj (i32.add (local.get $pj) (i32.const 16)))
      (br_if $rows (i32.lt_u (local.get $pj) (local.get $end))))
    (call $addLanes (local.get $at) (local.get $qBytes) (local.get $a0) (i32.const 3))
    (call $addLanes (i32.add (local.get $at) (i32.const 8)) (local.get $qBytes) (local.get $a1) (i32.const 3))
    (call $addLanes (i32.add (local.get $at) (i32.const 16)) (local.get $qBytes) (local.get $a2) (i32.const 3))
    (call $addLanes (i32.add (local.get $at) (i32.const 24)) (local.get $qBytes) (local.get $a3) (i32.const 3))
    (local.set $at (i32.add (local.get $at) (i32.shl (local.get $qBytes) (i32.const 1))))
    (call $addLanes (local.get $at) (local.get $qBytes) (local.get $b0) (i32.const 3))
    (call $addLanes (i32.add (local.get $at) (i32.const 8)) (local.get $qBytes) (local.get $b1) (i32.const 3))
    (call $addLanes (i32.add (local.get $at) (i32.const 16)) (local.get $qBytes) (local.get $b2) (i32.const 3))
    (call $addLanes (i32.add (local.get $at) (i32.const 24)) (local.get $qBytes) (local.get $b3) (i32.const 3)))

  ;; Columns j, j + 1 (one pair from pj) against k, k + 1 (k even, one pair from pk); mask says which of the four
  ;; sums to keep: bit 0 (j, k), bit 1 (j + 1, k), bit 2 (j, k + 1), bit 3 (j + 1, k + 1). at = &sums[j·q + k].
  (func $pairs (param $pj i32) (param $pk i32) (param $length i32) (param $at i32) (param $qBytes i32)
    (param $mask i32)
    (local $end i32) (local $a v128) (local $a0 v128) (local $a1 v128)
    (local.set $end (i32.add (local.get $pj) (i32.shl (local.get $length) (i32.const 4))))
    (loop $rows
      (local.set $a (v128.load (local.get $pj)))
      (local.set $a0
        (f64x2.add (local.get $a0) (f64x2.mul (local.get $a) (v128.load64_splat (local.get $pk)))))
      (local.set $a1
        (f64x2.add (local.get $a1) (f64x2.mul (local.get $a) (v128.load64_splat offset=8 (local.get $pk)))))
      (local.set $pk (i32.add (local.get $pk) (i32.const 16)))
      (local.set $pj (i32.add (local.get $pj) (i32.const 16)))
      (br_if $rows (i32.lt_u (local.get $pj) (local.get $end))))
    (call $addLanes (local.get $at) (local.get $qBytes) (local.get $a0) (i32.and (local.get $mask) (i32.const 3)))
    (call $addLanes (i32.add (local.get $at) (i32.const 8)) (local.get $qBytes) (local.get $a1)
      (i32.shr_u (local.get $mask) (i32.const 2))))

  ;; Which of (j, k), (j + 1, k), (j, k + 1), (j + 1, k + 1) are wanted: row < jEnd, column < kEnd, column ≤ row.
  (func $mask (param $j i32) (param $k i32) (param $jEnd i32) (param $kEnd i32) (result i32)
    (local $j1 i32) (local $k1 i32)
    (local.set $j1 (i32.lt_u (i32.add (local.get $j) (i32.const 1)) (local.get $jEnd)))
    (local.set $k1 (i32.lt_u (i32.add (local.get $k) (i32.const 1)) (local.get $kEnd)))
    (i32.or
      (i32.or
        (i32.le_u (local.get $k) (local.get $j))
        (i32.shl (i32.and (local.get $j1) (i32.le_u (local.get $k) (i32.add (local.get $j) (i32.const 1))))
          (i32.const 1)))
      (i32.or
        (i32.shl (i32.and (local.get $k1) (i32.lt_u (local.get $k) (local.get $j))) (i32.const 2))
        (i32.shl (i32.and (i32.and (local.get $j1) (local.get $k1)) (i32.le_u (local.get $k) (local.get $j)))
          (i32.const 3)))))

  ;; sums[j·q + k] += Σ_{r < length} x_j[r]·x_k[r] for jFirst ≤ j < jEnd, kFirst ≤ k < kEnd, k ≤ j; jFirst and kFirst
  ;; even; block and sums byte addresses (sums row-major, q × q float64), 16-byte aligned; 1 ≤ length ≤ 256.
  (func (export "tile") (param $block i32) (param $sums i32) (param $q i32) (param $length i32)
    (param $jFirst i32) (param $jEnd i32) (param $kFirst i32) (param $kEnd i32)
    (local $j i32) (local $k i32) (local $pj i32) (local $qBytes i32) (local $at i32) (local $stop i32)
    (local.set $qBytes (i32.shl (local.get $q) (i32.const 3)))
    (local.set $j (local.get $jFirst))
    ;; Two pairs of j at a time: quads of k ≤ j, then the pairs of k up to j + 3 with their masks.
    (block $doubles
      (loop $double
        (br_if $doubles (i32.gt_u (i32.add (local.get $j) (i32.const 4)) (local.get $jEnd)))
        (local.set $pj (i32.add (local.get $block) (i32.shl (local.get $j) (i32.const 11))))
        (local.set $stop (select (local.get $kEnd) (local.get $j) (i32.lt_u (local.get $kEnd) (local.get $j))))
        (local.set $k (local.get $kFirst))
        (block $quadsDone
          (loop $quad
            (br_if $quadsDone (i32.gt_u (i32.add (local.get $k) (i32.const 4)) (local.get $stop)))
            (call $quads (local.get $pj) (i32.add (local.get $block) (i32.shl (local.get $k) (i32.const 11)))
              (local.get $length)
              (i32.add (local.get $sums)
                (i32.shl (i32.add (i32.mul (local.get $j) (local.get $q)) (local.get $k)) (i32.const 3)))
              (local.get $qBytes))
            (local.set $k (i32.add (local.get $k) (i32.const 4)))
            (br $quad)))
        (call $pairsUpTo (local.get $block) (local.get $sums) (local.get $q) (local.get $length)
          (local.get $j) (local.get $jEnd) (local.get $k) (local.get $kEnd))
        (call $pairsUpTo (local.get $block) (local.get $sums) (local.get $q) (local.get $length)
          (i32.add (local.get $j) (i32.const 2)) (local.get $jEnd) (local.get $k) (local.get $kEnd))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br $double)))
    ;; The last one or two pairs one at a time (the second column of the last may lie past jEnd).
    (block $singles
      (loop $single
        (br_if $singles (i32.ge_u (local.get $j) (local.get $jEnd)))
        (call $pairsUpTo (local.get $block) (local.get $sums) (local.get $q) (local.get $length)
          (local.get $j) (local.get $jEnd) (local.get $kFirst) (local.get $kEnd))
        (local.set $j (i32.add (local.get $j) (i32.const 2)))
        (br $single))))

  ;; The pair j, j + 1 against the pairs of k from kFirst while k ≤ j + 1 and k < kEnd.
  (func $pairsUpTo (param $block i32) (param $sums i32) (param $q i32) (param $length i32)
    (param $j i32) (param $jEnd i32) (param $kFirst i32) (param $kEnd i32)
    (local $k i32) (local $mask i32)
    (local.set $k (local.get $kFirst))
    (block $done
      (loop $pair
        (br_if $done (i32.ge_u (local.get $k) (local.get $kEnd)))
        (br_if $done (i32.gt_u (local.get $k) (i32.add (local.get $j) (i32.const 1))))
        (local.set $mask (call $mask (local.get $j) (local.get $k) (local.get $jEnd) (local.get $kEnd)))
        (if (local.get $mask)
          (then
            (call $pairs
              (i32.add (local.get $block) (i32.shl (local.get $j) (i32.const 11)))
              (i32.add (local.get $block) (i32.shl (local.get $k) (i32.const 11)))
              (local.get $length)
              (i32.add (local.get $sums)
                (i32.shl (i32.add (i32.mul (local.get $j) (local.get $q)) (local.get $k)) (i32.const 3)))
              (i32.shl (local.get $q) (i32.const 3))
              (local.get $mask))))
        (local.set $k (i32.add (local.get $k) (i32.const 2)))
        (br $pair)))))
