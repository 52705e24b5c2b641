;; The ungrouped multinomial solver's row loops (residual-sweeps.ts, column-blocks.ts's addScaledColumns) in
;; WebAssembly SIMD (f64x2). Assembled by scripts/assemble-wasm.js into multinomial-rows-wasm.ts.
;;
;; Bit for bit the JavaScript kernels' doubles: a lane never holds part of another lane's sum. sweep's four partial
;; sums of rows i ≡ 0, 1, 2, 3 (mod 4) are the lanes of two vectors (rows 4m, 4m + 1 and 4m + 2, 4m + 3), the
;; remainder rows go to the first (as in JavaScript), and the result is (s0 + s1) + (s2 + s3). Every product is
;; rounded before its add (f64x2.mul then f64x2.add or sub: no fused multiply-add), in JavaScript's order:
;; (Δ·v_i)·z_qi, then r_i − that; (v_i·z_ji)·z_ji. All addresses are byte addresses of float64 arrays; loads need
;; not be 16-byte aligned (n may be odd).

(module
  (memory (export "memory") 1)

  ;; sweep's second result, xv_j = Σ_i v_i z_ji² (0 when not asked for).
  (global $squares (export "squares") (mut f64) (f64.const 0))

  ;; With pending (q ≥ 0): r_i −= Δ·v_i·z_qi, then ⟨z_j, r⟩ over the new r, in one sweep; with squares, also
  ;; xv_j into the global squares. Returns ⟨z_j, r⟩.
  (func (export "sweep") (param $zj i32) (param $zq i32) (param $r i32) (param $w i32) (param $n i32)
    (param $delta f64) (param $pending i32) (param $withSquares i32) (result f64)
    (local $end i32) (local $last i32) (local $d v128)
    (local $a v128) (local $b v128) (local $t v128) (local $u v128)
    (local $x v128) (local $y v128) (local $ra v128) (local $rb v128) (local $wa v128) (local $wb v128)
    (local $s0 f64) (local $t0 f64) (local $ri f64) (local $xi f64) (local $wi f64)
    (local.set $d (f64x2.splat (local.get $delta)))
    ;; end: the byte after the last row of a whole group of four; last: after row n − 1.
    (local.set $end (i32.add (local.get $zj) (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 3))))
    (local.set $last (i32.add (local.get $zj) (i32.shl (local.get $n) (i32.const 3))))
    (if (i32.lt_u (local.get $zj) (local.get $end))
      (then
        (if (local.get $pending)
          (then
            (if (local.get $withSquares)
              (then
                (loop $rows
                  (local.set $x (v128.load (local.get $zj)))
                  (local.set $y (v128.load offset=16 (local.get $zj)))
                  (local.set $wa (v128.load (local.get $w)))
                  (local.set $wb (v128.load offset=16 (local.get $w)))
                  (local.set $ra (f64x2.sub (v128.load (local.get $r))
                    (f64x2.mul (f64x2.mul (local.get $d) (local.get $wa)) (v128.load (local.get $zq)))))
                  (local.set $rb (f64x2.sub (v128.load offset=16 (local.get $r))
                    (f64x2.mul (f64x2.mul (local.get $d) (local.get $wb)) (v128.load offset=16 (local.get $zq)))))
                  (v128.store (local.get $r) (local.get $ra))
                  (v128.store offset=16 (local.get $r) (local.get $rb))
                  (local.set $a (f64x2.add (local.get $a) (f64x2.mul (local.get $x) (local.get $ra))))
                  (local.set $b (f64x2.add (local.get $b) (f64x2.mul (local.get $y) (local.get $rb))))
                  (local.set $t (f64x2.add (local.get $t)
                    (f64x2.mul (f64x2.mul (local.get $wa) (local.get $x)) (local.get $x))))
                  (local.set $u (f64x2.add (local.get $u)
                    (f64x2.mul (f64x2.mul (local.get $wb) (local.get $y)) (local.get $y))))
                  (local.set $zq (i32.add (local.get $zq) (i32.const 32)))
                  (local.set $r (i32.add (local.get $r) (i32.const 32)))
                  (local.set $w (i32.add (local.get $w) (i32.const 32)))
                  (local.set $zj (i32.add (local.get $zj) (i32.const 32)))
                  (br_if $rows (i32.lt_u (local.get $zj) (local.get $end)))))
              (else
                (loop $rows
                  (local.set $ra (f64x2.sub (v128.load (local.get $r))
                    (f64x2.mul (f64x2.mul (local.get $d) (v128.load (local.get $w))) (v128.load (local.get $zq)))))
                  (local.set $rb (f64x2.sub (v128.load offset=16 (local.get $r))
                    (f64x2.mul (f64x2.mul (local.get $d) (v128.load offset=16 (local.get $w)))
                      (v128.load offset=16 (local.get $zq)))))
                  (v128.store (local.get $r) (local.get $ra))
                  (v128.store offset=16 (local.get $r) (local.get $rb))
                  (local.set $a (f64x2.add (local.get $a) (f64x2.mul (v128.load (local.get $zj)) (local.get $ra))))
                  (local.set $b
                    (f64x2.add (local.get $b) (f64x2.mul (v128.load offset=16 (local.get $zj)) (local.get $rb))))
                  (local.set $zq (i32.add (local.get $zq) (i32.const 32)))
                  (local.set $r (i32.add (local.get $r) (i32.const 32)))
                  (local.set $w (i32.add (local.get $w) (i32.const 32)))
                  (local.set $zj (i32.add (local.get $zj) (i32.const 32)))
                  (br_if $rows (i32.lt_u (local.get $zj) (local.get $end)))))))
          (else
            (if (local.get $withSquares)
              (then
                (loop $rows
                  (local.set $x (v128.load (local.get $zj)))
                  (local.set $y (v128.load offset=16 (local.get $zj)))
                  (local.set $a (f64x2.add (local.get $a) (f64x2.mul (local.get $x) (v128.load (local.get $r)))))
                  (local.set $b
                    (f64x2.add (local.get $b) (f64x2.mul (local.get $y) (v128.load offset=16 (local.get $r)))))
                  (local.set $t (f64x2.add (local.get $t)
                    (f64x2.mul (f64x2.mul (v128.load (local.get $w)) (local.get $x)) (local.get $x))))
                  (local.set $u (f64x2.add (local.get $u)
                    (f64x2.mul (f64x2.mul (v128.load offset=16 (local.get $w)) (local.get $y)) (local.get $y))))
                  (local.set $r (i32.add (local.get $r) (i32.const 32)))
                  (local.set $w (i32.add (local.get $w) (i32.const 32)))
                  (local.set $zj (i32.add (local.get $zj) (i32.const 32)))
                  (br_if $rows (i32.lt_u (local.get $zj) (local.get $end)))))
              (else
                (loop $rows
                  (local.set $a
                    (f64x2.add (local.get $a) (f64x2.mul (v128.load (local.get $zj)) (v128.load (local.get $r)))))
                  (local.set $b (f64x2.add (local.get $b)
                    (f64x2.mul (v128.load offset=16 (local.get $zj)) (v128.load offset=16 (local.get $r)))))
                  (local.set $r (i32.add (local.get $r) (i32.const 32)))
                  (local.set $zj (i32.add (local.get $zj) (i32.const 32)))
                  (br_if $rows (i32.lt_u (local.get $zj) (local.get $end))))))))))
    ;; The last n mod 4 rows, one at a time, into s0 and t0 (the first lanes).
    (local.set $s0 (f64x2.extract_lane 0 (local.get $a)))
    (local.set $t0 (f64x2.extract_lane 0 (local.get $t)))
    (block $tailDone
      (loop $tail
        (br_if $tailDone (i32.ge_u (local.get $zj) (local.get $last)))
        (local.set $xi (f64.load (local.get $zj)))
        (local.set $wi (f64.load (local.get $w)))
        (local.set $ri (f64.load (local.get $r)))
        (if (local.get $pending)
          (then
            (local.set $ri
              (f64.sub (local.get $ri) (f64.mul (f64.mul (local.get $delta) (local.get $wi)) (f64.load (local.get $zq)))))
            (f64.store (local.get $r) (local.get $ri))))
        (local.set $s0 (f64.add (local.get $s0) (f64.mul (local.get $xi) (local.get $ri))))
        (if (local.get $withSquares)
          (then
            (local.set $t0
              (f64.add (local.get $t0) (f64.mul (f64.mul (local.get $wi) (local.get $xi)) (local.get $xi))))))
        (local.set $zq (i32.add (local.get $zq) (i32.const 8)))
        (local.set $r (i32.add (local.get $r) (i32.const 8)))
        (local.set $w (i32.add (local.get $w) (i32.const 8)))
        (local.set $zj (i32.add (local.get $zj) (i32.const 8)))
        (br $tail)))
    (global.set $squares
      (f64.add
        (f64.add (local.get $t0) (f64x2.extract_lane 1 (local.get $t)))
        (f64.add (f64x2.extract_lane 0 (local.get $u)) (f64x2.extract_lane 1 (local.get $u)))))
    (f64.add
      (f64.add (local.get $s0) (f64x2.extract_lane 1 (local.get $a)))
      (f64.add (f64x2.extract_lane 0 (local.get $b)) (f64x2.extract_lane 1 (local.get $b)))))

  ;; target_i = target_i + ca·za_i + cb·zb_i + cc·zc_i + cd·zd_i (added left to right), i < n.
  (func (export "addFour") (param $target i32) (param $za i32) (param $zb i32) (param $zc i32) (param $zd i32)
    (param $ca f64) (param $cb f64) (param $cc f64) (param $cd f64) (param $n i32)
    (local $end i32) (local $last i32) (local $va v128) (local $vb v128) (local $vc v128) (local $vd v128)
    (local.set $va (f64x2.splat (local.get $ca)))
    (local.set $vb (f64x2.splat (local.get $cb)))
    (local.set $vc (f64x2.splat (local.get $cc)))
    (local.set $vd (f64x2.splat (local.get $cd)))
    (local.set $end (i32.add (local.get $target) (i32.shl (i32.and (local.get $n) (i32.const -2)) (i32.const 3))))
    (local.set $last (i32.add (local.get $target) (i32.shl (local.get $n) (i32.const 3))))
    (block $pairsDone
      (loop $pairs
        (br_if $pairsDone (i32.ge_u (local.get $target) (local.get $end)))
        (v128.store (local.get $target)
          (f64x2.add
            (f64x2.add
              (f64x2.add
                (f64x2.add (v128.load (local.get $target))
                  (f64x2.mul (local.get $va) (v128.load (local.get $za))))
                (f64x2.mul (local.get $vb) (v128.load (local.get $zb))))
              (f64x2.mul (local.get $vc) (v128.load (local.get $zc))))
            (f64x2.mul (local.get $vd) (v128.load (local.get $zd)))))
        (local.set $za (i32.add (local.get $za) (i32.const 16)))
        (local.set $zb (i32.add (local.get $zb) (i32.const 16)))
        (local.set $zc (i32.add (local.get $zc) (i32.const 16)))
        (local.set $zd (i32.add (local.get $zd) (i32.const 16)))
        (local.set $target (i32.add (local.get $target) (i32.const 16)))
        (br $pairs)))
    (if (i32.lt_u (local.get $target) (local.get $last))
      (then
        (f64.store (local.get $target)
          (f64.add
            (f64.add
              (f64.add
                (f64.add (f64.load (local.get $target)) (f64.mul (local.get $ca) (f64.load (local.get $za))))
                (f64.mul (local.get $cb) (f64.load (local.get $zb))))
              (f64.mul (local.get $cc) (f64.load (local.get $zc))))
            (f64.mul (local.get $cd) (f64.load (local.get $zd))))))))

  ;; target_i += c·z_i, i < n.
  (func (export "addOne") (param $target i32) (param $z i32) (param $c f64) (param $n i32)
    (local $end i32) (local $last i32) (local $v v128)
    (local.set $v (f64x2.splat (local.get $c)))
    (local.set $end (i32.add (local.get $target) (i32.shl (i32.and (local.get $n) (i32.const -2)) (i32.const 3))))
    (local.set $last (i32.add (local.get $target) (i32.shl (local.get $n) (i32.const 3))))
    (block $pairsDone
      (loop $pairs
        (br_if $pairsDone (i32.ge_u (local.get $target) (local.get $end)))
        (v128.store (local.get $target)
          (f64x2.add (v128.load (local.get $target)) (f64x2.mul (local.get $v) (v128.load (local.get $z)))))
        (local.set $z (i32.add (local.get $z) (i32.const 16)))
        (local.set $target (i32.add (local.get $target) (i32.const 16)))
        (br $pairs)))
    (if (i32.lt_u (local.get $target) (local.get $last))
      (then
        (f64.store (local.get $target)
          (f64.add (f64.load (local.get $target)) (f64.mul (local.get $c) (f64.load (local.get $z)))))))))
