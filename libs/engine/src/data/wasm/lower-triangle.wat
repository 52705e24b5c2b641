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
;;
;; Every product is taken four columns against four (two pairs against four splats, $quads), on the diagonal and in
;; the last, partial quad too, so the two multiply-add ports stay busy where one pair at a time (two chains, each
;; waiting on its last add) left them idle. The sums the lower triangle does not need (k > j, columns past q) are
;; computed, kept and never read: the sums are laid out as the lanes are, pair-major,
;;     sums + ((j >> 1)·w + k)·16 + (j & 1)·8,   w = the columns rounded up to a multiple of 4,
;; so that a vector of sums is added with one load, one add and one store. The block holds w columns: the
;; JavaScript side zeroes those past q.

(module
  (memory (export "memory") 1)

  ;; Rows per block: the layout above (JavaScript checks it against its own block size).
  (global (export "blockRows") i32 (i32.const 256))

  ;; Columns j … j + 3 (two pairs from pj) against k … k + 3 (k even, two pairs from pk): sixteen sums in eight
  ;; vectors; per row six loads for sixteen multiply-adds. at: the sums of (j, k), (j + 1, k); pairBytes = w·16, from
  ;; one pair's sums to the next's.
  (func $quads (param $pj i32) (param $pk i32) (param $length i32) (param $at i32) (param $pairBytes i32)
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
    (v128.store (local.get $at) (f64x2.add (v128.load (local.get $at)) (local.get $a0)))
    (v128.store offset=16 (local.get $at) (f64x2.add (v128.load offset=16 (local.get $at)) (local.get $a1)))
    (v128.store offset=32 (local.get $at) (f64x2.add (v128.load offset=32 (local.get $at)) (local.get $a2)))
    (v128.store offset=48 (local.get $at) (f64x2.add (v128.load offset=48 (local.get $at)) (local.get $a3)))
    (local.set $at (i32.add (local.get $at) (local.get $pairBytes)))
    (v128.store (local.get $at) (f64x2.add (v128.load (local.get $at)) (local.get $b0)))
    (v128.store offset=16 (local.get $at) (f64x2.add (v128.load offset=16 (local.get $at)) (local.get $b1)))
    (v128.store offset=32 (local.get $at) (f64x2.add (v128.load offset=32 (local.get $at)) (local.get $b2)))
    (v128.store offset=48 (local.get $at) (f64x2.add (v128.load offset=48 (local.get $at)) (local.get $b3))))

  ;; The sums of (j, k) += Σ_{r < length} x_j[r]·x_k[r] for j in [jFirst, jEnd), k in [kFirst, kEnd), k ≤ j, in quads (and
  ;; more, see above); jFirst, kFirst multiples of 4; block and sums byte addresses, 16-byte aligned; w the
  ;; sums' row width (a multiple of 4); 1 ≤ length ≤ 256.
  (func (export "tile") (param $block i32) (param $sums i32) (param $w i32) (param $length i32)
    (param $jFirst i32) (param $jEnd i32) (param $kFirst i32) (param $kEnd i32)
    (local $j i32) (local $k i32) (local $pj i32) (local $pairBytes i32)
    (local.set $pairBytes (i32.shl (local.get $w) (i32.const 4)))
    (local.set $j (local.get $jFirst))
    (block $done
      (loop $quadOfJ
        (br_if $done (i32.ge_u (local.get $j) (local.get $jEnd)))
        (local.set $pj (i32.add (local.get $block) (i32.shl (local.get $j) (i32.const 11))))
        (local.set $k (local.get $kFirst))
        (block $kDone
          (loop $quadOfK
            (br_if $kDone (i32.ge_u (local.get $k) (local.get $kEnd)))
            (br_if $kDone (i32.gt_u (local.get $k) (local.get $j)))
            (call $quads (local.get $pj) (i32.add (local.get $block) (i32.shl (local.get $k) (i32.const 11)))
              (local.get $length)
              (i32.add (local.get $sums)
                (i32.shl (i32.add (i32.mul (i32.shr_u (local.get $j) (i32.const 1)) (local.get $w)) (local.get $k))
                  (i32.const 4)))
              (local.get $pairBytes))
            (local.set $k (i32.add (local.get $k) (i32.const 4)))
            (br $quadOfK)))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br $quadOfJ)))))
