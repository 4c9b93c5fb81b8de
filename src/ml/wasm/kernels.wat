;; The linear models' hot loops as WebAssembly SIMD (f64x2) over float64 data in the module's memory.
;; Pointers are byte addresses; column j of a column-major array starts at x + 8·j·ld.
;;
;; Gram (Ridge, LinearRegression, ElasticNet's switch): XcᵀXc in row chunks, each block of ≤ 512 rows
;; centered by its own means into a scratch block, multiplied, and merged into its chunk's slot with
;; Chan's update (exact, and with no separate pass for the means). Chunks are independent, so threads
;; may take them in any order; merging slots in chunk order gives the same bits on any thread count.
;;
;;   gram_chunk(chunk, thread, x, ld, n, p1, k1, slots, scratch, center, chunkRows)
;;   gram_block(src, ld, rows, p1, k1, scratch, slot, center)     one block (src may be the scratch)
;;   merge_slot(dst, src, k1)                                      dst ⊕= src (Chan)
;;
;; A slot is G (k1 × k1; the upper triangle is meaningful, from each row's 4-aligned diagonal on), the
;; column means (k1) and the row count (one f64 and a pad): (k1² + k1 + 2)·8 bytes. A scratch block is
;; 512 rows × k1 columns (stride 4096 bytes) and k1 block means. p1 = columns used, k1 = p1 rounded up
;; to 4 (pad columns are zeros).
;;
;; Coordinate descent (ElasticNet), over one column x (its mean m subtracted on the fly) and the
;; residual r, n rows:
;;   cd_first(x, s, r, n, out)            out = [Σ(x−s), Σ(x−s)², Σ(x−s)·r]
;;   cd_update_dot(xk, mk, d, xj, mj, r, n) → r −= d·(xk−mk), then Σ(xj−mj)·r   (one pass)
;;   dot_c(x, m, v, n) → Σ(x−m)·v     sq_c(x, m, n) → Σ(x−m)²     axpy_c(x, m, a, v, n): v += a·(x−m)
;;   dot(a, b, n) → Σ a·b             sum(x, n) → Σ x
;;
;; Logistic regression (blocks of rows, p a multiple of 4, rows even):
;;   gemv_t(x, ld, rows, p, v, out)   out[j] += Σᵢ X[i, j]·v[i]        gemv(x, ld, rows, p, w, z)   z[i] += Σⱼ X[i, j]·w[j]
;;
;; The Gram's tiles are 2 × 4 entries of G in 8 f64x2 accumulators with 6 loads per 2 rows, which fits
;; x86-64's 16 SIMD registers; the scratch's fixed stride makes every load one instruction (a constant
;; offset from two running pointers). Compiled by scripts/build-wasm.mjs (wabt) into kernels-wasm.ts,
;; once with an ordinary memory and once with a shared one (for threads); the memory is imported.
(module
  (import "env" "memory" (memory 1))

  (func $hsum (param $v v128) (result f64)
    (f64.add (f64x2.extract_lane 0 (local.get $v)) (f64x2.extract_lane 1 (local.get $v))))

  ;; G row `gr` (byte address of G[j, k]) += the four lanes-summed accumulators.
  (func $add4 (param $gr i32) (param $a v128) (param $b v128) (param $c v128) (param $d v128)
    (f64.store offset=0 (local.get $gr) (f64.add (f64.load offset=0 (local.get $gr)) (call $hsum (local.get $a))))
    (f64.store offset=8 (local.get $gr) (f64.add (f64.load offset=8 (local.get $gr)) (call $hsum (local.get $b))))
    (f64.store offset=16 (local.get $gr) (f64.add (f64.load offset=16 (local.get $gr)) (call $hsum (local.get $c))))
    (f64.store offset=24 (local.get $gr) (f64.add (f64.load offset=24 (local.get $gr)) (call $hsum (local.get $d)))))

  ;; G[j·k1 + k] += Σᵢ S[i, j]·S[i, k] for k ≥ j rounded down to 4, S a scratch block (stride 4096
  ;; bytes), rows even and ≥ 2, k1 a multiple of 4.
  (func $gram (param $s i32) (param $rows i32) (param $k1 i32) (param $g i32)
    (local $bytes i32) (local $j i32) (local $k i32) (local $i i32) (local $pj i32) (local $pk i32)
    (local $aj i32) (local $ak i32) (local $gr i32)
    (local $a0 v128) (local $a1 v128) (local $b v128)
    (local $s00 v128) (local $s01 v128) (local $s02 v128) (local $s03 v128)
    (local $s10 v128) (local $s11 v128) (local $s12 v128) (local $s13 v128)
    (local.set $bytes (i32.shl (local.get $rows) (i32.const 3)))
    (block $done_j (loop $loop_j
      (br_if $done_j (i32.ge_u (local.get $j) (local.get $k1)))
      (local.set $pj (i32.add (local.get $s) (i32.shl (local.get $j) (i32.const 12))))
      (local.set $k (i32.and (local.get $j) (i32.const -4)))
      (block $done_k (loop $loop_k
        (br_if $done_k (i32.ge_u (local.get $k) (local.get $k1)))
        (local.set $pk (i32.add (local.get $s) (i32.shl (local.get $k) (i32.const 12))))
        (local.set $s00 (v128.const f64x2 0 0)) (local.set $s01 (v128.const f64x2 0 0))
        (local.set $s02 (v128.const f64x2 0 0)) (local.set $s03 (v128.const f64x2 0 0))
        (local.set $s10 (v128.const f64x2 0 0)) (local.set $s11 (v128.const f64x2 0 0))
        (local.set $s12 (v128.const f64x2 0 0)) (local.set $s13 (v128.const f64x2 0 0))
        (local.set $i (i32.const 0))
        (loop $loop_i
          (local.set $aj (i32.add (local.get $pj) (local.get $i)))
          (local.set $ak (i32.add (local.get $pk) (local.get $i)))
          (local.set $a0 (v128.load offset=0 (local.get $aj)))
          (local.set $a1 (v128.load offset=4096 (local.get $aj)))
          (local.set $b (v128.load offset=0 (local.get $ak)))
          (local.set $s00 (f64x2.add (local.get $s00) (f64x2.mul (local.get $a0) (local.get $b))))
          (local.set $s10 (f64x2.add (local.get $s10) (f64x2.mul (local.get $a1) (local.get $b))))
          (local.set $b (v128.load offset=4096 (local.get $ak)))
          (local.set $s01 (f64x2.add (local.get $s01) (f64x2.mul (local.get $a0) (local.get $b))))
          (local.set $s11 (f64x2.add (local.get $s11) (f64x2.mul (local.get $a1) (local.get $b))))
          (local.set $b (v128.load offset=8192 (local.get $ak)))
          (local.set $s02 (f64x2.add (local.get $s02) (f64x2.mul (local.get $a0) (local.get $b))))
          (local.set $s12 (f64x2.add (local.get $s12) (f64x2.mul (local.get $a1) (local.get $b))))
          (local.set $b (v128.load offset=12288 (local.get $ak)))
          (local.set $s03 (f64x2.add (local.get $s03) (f64x2.mul (local.get $a0) (local.get $b))))
          (local.set $s13 (f64x2.add (local.get $s13) (f64x2.mul (local.get $a1) (local.get $b))))
          (local.set $i (i32.add (local.get $i) (i32.const 16)))
          (br_if $loop_i (i32.lt_u (local.get $i) (local.get $bytes))))
        (local.set $gr (i32.add (local.get $g) (i32.shl (i32.add (i32.mul (local.get $j) (local.get $k1)) (local.get $k)) (i32.const 3))))
        (call $add4 (local.get $gr) (local.get $s00) (local.get $s01) (local.get $s02) (local.get $s03))
        (local.set $gr (i32.add (local.get $gr) (i32.shl (local.get $k1) (i32.const 3))))
        (call $add4 (local.get $gr) (local.get $s10) (local.get $s11) (local.get $s12) (local.get $s13))
        (local.set $k (i32.add (local.get $k) (i32.const 4)))
        (br $loop_k)))
      (local.set $j (i32.add (local.get $j) (i32.const 2)))
      (br $loop_j))))

  ;; Σ of n values from x (any alignment).
  (func $sum (export "sum") (param $x i32) (param $n i32) (result f64)
    (local $i i32) (local $end i32) (local $a v128) (local $b v128) (local $s f64)
    (local.set $end (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 3)))
    (block $done (loop $loop
      (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
      (local.set $a (f64x2.add (local.get $a) (v128.load offset=0 (i32.add (local.get $x) (local.get $i)))))
      (local.set $b (f64x2.add (local.get $b) (v128.load offset=16 (i32.add (local.get $x) (local.get $i)))))
      (local.set $i (i32.add (local.get $i) (i32.const 32)))
      (br $loop)))
    (local.set $s (call $hsum (f64x2.add (local.get $a) (local.get $b))))
    (local.set $end (i32.shl (local.get $n) (i32.const 3)))
    (block $done (loop $loop
      (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
      (local.set $s (f64.add (local.get $s) (f64.load (i32.add (local.get $x) (local.get $i)))))
      (local.set $i (i32.add (local.get $i) (i32.const 8)))
      (br $loop)))
    (local.get $s))

  ;; Scratch column j (stride 4096 bytes) = src column j (stride 8·ld) minus its mean over `rows` rows
  ;; (when centering; the means go to `mean`), for j < p1; a pad row of zeros when rows is odd, and
  ;; zero columns from p1 to k1. src may be the scratch itself (ld = 512).
  (func $center_block (param $src i32) (param $ld i32) (param $rows i32) (param $p1 i32) (param $k1 i32)
    (param $dst i32) (param $mean i32) (param $center i32)
    (local $j i32) (local $i i32) (local $bytes i32) (local $even i32) (local $sc i32) (local $dc i32)
    (local $m f64) (local $mv v128)
    (local.set $bytes (i32.shl (local.get $rows) (i32.const 3)))
    (local.set $even (i32.and (local.get $bytes) (i32.const -16)))
    (block $done_j (loop $loop_j
      (br_if $done_j (i32.ge_u (local.get $j) (local.get $p1)))
      (local.set $sc (i32.add (local.get $src) (i32.mul (local.get $j) (i32.shl (local.get $ld) (i32.const 3)))))
      (local.set $dc (i32.add (local.get $dst) (i32.shl (local.get $j) (i32.const 12))))
      (local.set $m (f64.const 0))
      (if (local.get $center)
        (then (local.set $m (f64.div (call $sum (local.get $sc) (local.get $rows)) (f64.convert_i32_u (local.get $rows))))))
      (f64.store (i32.add (local.get $mean) (i32.shl (local.get $j) (i32.const 3))) (local.get $m))
      (local.set $mv (f64x2.splat (local.get $m)))
      (local.set $i (i32.const 0))
      (block $done_i (loop $loop_i
        (br_if $done_i (i32.ge_u (local.get $i) (local.get $even)))
        (v128.store (i32.add (local.get $dc) (local.get $i))
          (f64x2.sub (v128.load (i32.add (local.get $sc) (local.get $i))) (local.get $mv)))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $loop_i)))
      (if (i32.ne (local.get $even) (local.get $bytes))
        (then
          (f64.store (i32.add (local.get $dc) (local.get $even))
            (f64.sub (f64.load (i32.add (local.get $sc) (local.get $even))) (local.get $m)))
          (f64.store offset=8 (i32.add (local.get $dc) (local.get $even)) (f64.const 0))))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br $loop_j)))
    (block $done_j (loop $loop_j
      (br_if $done_j (i32.ge_u (local.get $j) (local.get $k1)))
      (memory.fill (i32.add (local.get $dst) (i32.shl (local.get $j) (i32.const 12))) (i32.const 0) (i32.const 4096))
      (f64.store (i32.add (local.get $mean) (i32.shl (local.get $j) (i32.const 3))) (f64.const 0))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br $loop_j))))

  ;; Chan's update of a slot whose G already holds the new rows' own scatter: with δ = bmean − mean,
  ;; G += c·n·nb/(c + nb)·δδᵀ (upper triangle), mean += δ·nb/(c + nb), count += nb.
  (func $chan (param $slot i32) (param $k1 i32) (param $bmean i32) (param $nb f64)
    (local $meanp i32) (local $cntp i32) (local $c f64) (local $tot f64) (local $f f64) (local $r f64)
    (local $j i32) (local $k i32) (local $fd f64) (local $row i32) (local $dk f64)
    (local.set $meanp (i32.add (local.get $slot) (i32.shl (i32.mul (local.get $k1) (local.get $k1)) (i32.const 3))))
    (local.set $cntp (i32.add (local.get $meanp) (i32.shl (local.get $k1) (i32.const 3))))
    (local.set $c (f64.load (local.get $cntp)))
    (local.set $tot (f64.add (local.get $c) (local.get $nb)))
    (local.set $f (f64.div (f64.mul (local.get $c) (local.get $nb)) (local.get $tot)))
    (local.set $r (f64.div (local.get $nb) (local.get $tot)))
    (if (f64.gt (local.get $f) (f64.const 0))
      (then
        (block $done_j (loop $loop_j
          (br_if $done_j (i32.ge_u (local.get $j) (local.get $k1)))
          (local.set $fd (f64.mul (local.get $f)
            (f64.sub (f64.load (i32.add (local.get $bmean) (i32.shl (local.get $j) (i32.const 3))))
                     (f64.load (i32.add (local.get $meanp) (i32.shl (local.get $j) (i32.const 3)))))))
          (local.set $row (i32.add (local.get $slot) (i32.shl (i32.mul (local.get $j) (local.get $k1)) (i32.const 3))))
          (local.set $k (local.get $j))
          (block $done_k (loop $loop_k
            (br_if $done_k (i32.ge_u (local.get $k) (local.get $k1)))
            (local.set $dk (f64.sub (f64.load (i32.add (local.get $bmean) (i32.shl (local.get $k) (i32.const 3))))
                                    (f64.load (i32.add (local.get $meanp) (i32.shl (local.get $k) (i32.const 3))))))
            (f64.store (i32.add (local.get $row) (i32.shl (local.get $k) (i32.const 3)))
              (f64.add (f64.load (i32.add (local.get $row) (i32.shl (local.get $k) (i32.const 3))))
                       (f64.mul (local.get $fd) (local.get $dk))))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $loop_k)))
          (local.set $j (i32.add (local.get $j) (i32.const 1)))
          (br $loop_j)))))
    (local.set $j (i32.const 0))
    (block $done_j (loop $loop_j
      (br_if $done_j (i32.ge_u (local.get $j) (local.get $k1)))
      (f64.store (i32.add (local.get $meanp) (i32.shl (local.get $j) (i32.const 3)))
        (f64.add (f64.load (i32.add (local.get $meanp) (i32.shl (local.get $j) (i32.const 3))))
          (f64.mul (local.get $r)
            (f64.sub (f64.load (i32.add (local.get $bmean) (i32.shl (local.get $j) (i32.const 3))))
                     (f64.load (i32.add (local.get $meanp) (i32.shl (local.get $j) (i32.const 3))))))))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br $loop_j)))
    (f64.store (local.get $cntp) (local.get $tot)))

  (func $gram_block (export "gram_block") (param $src i32) (param $ld i32) (param $rows i32) (param $p1 i32) (param $k1 i32)
    (param $scratch i32) (param $slot i32) (param $center i32)
    (local $bmean i32)
    (local.set $bmean (i32.add (local.get $scratch) (i32.shl (local.get $k1) (i32.const 12))))
    (call $center_block (local.get $src) (local.get $ld) (local.get $rows) (local.get $p1) (local.get $k1)
      (local.get $scratch) (local.get $bmean) (local.get $center))
    (call $gram (local.get $scratch) (i32.and (i32.add (local.get $rows) (i32.const 1)) (i32.const -2)) (local.get $k1) (local.get $slot))
    (call $chan (local.get $slot) (local.get $k1) (local.get $bmean) (f64.convert_i32_u (local.get $rows))))

  (func $slot_bytes (param $k1 i32) (result i32)
    (i32.shl (i32.add (i32.mul (local.get $k1) (i32.add (local.get $k1) (i32.const 1))) (i32.const 2)) (i32.const 3)))

  (func (export "gram_chunk") (param $chunk i32) (param $thread i32) (param $x i32) (param $ld i32) (param $n i32)
    (param $p1 i32) (param $k1 i32) (param $slots i32) (param $scratch i32) (param $center i32) (param $chunkRows i32)
    (local $slot i32) (local $s i32) (local $r i32) (local $end i32) (local $rows i32)
    (local.set $slot (i32.add (local.get $slots) (i32.mul (local.get $chunk) (call $slot_bytes (local.get $k1)))))
    (memory.fill (local.get $slot) (i32.const 0) (call $slot_bytes (local.get $k1)))
    (local.set $s (i32.add (local.get $scratch)
      (i32.mul (local.get $thread) (i32.shl (i32.mul (local.get $k1) (i32.const 513)) (i32.const 3)))))
    (local.set $r (i32.mul (local.get $chunk) (local.get $chunkRows)))
    (local.set $end (i32.add (local.get $r) (local.get $chunkRows)))
    (if (i32.gt_u (local.get $end) (local.get $n)) (then (local.set $end (local.get $n))))
    (block $done (loop $loop
      (br_if $done (i32.ge_u (local.get $r) (local.get $end)))
      (local.set $rows (i32.sub (local.get $end) (local.get $r)))
      (if (i32.gt_u (local.get $rows) (i32.const 512)) (then (local.set $rows (i32.const 512))))
      (call $gram_block (i32.add (local.get $x) (i32.shl (local.get $r) (i32.const 3))) (local.get $ld) (local.get $rows)
        (local.get $p1) (local.get $k1) (local.get $s) (local.get $slot) (local.get $center))
      (local.set $r (i32.add (local.get $r) (i32.const 512)))
      (br $loop))))

  (func (export "merge_slot") (param $dst i32) (param $src i32) (param $k1 i32)
    (local $i i32) (local $end i32)
    (local.set $end (i32.shl (i32.mul (local.get $k1) (local.get $k1)) (i32.const 3)))
    (block $done (loop $loop
      (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
      (v128.store (i32.add (local.get $dst) (local.get $i))
        (f64x2.add (v128.load (i32.add (local.get $dst) (local.get $i))) (v128.load (i32.add (local.get $src) (local.get $i)))))
      (local.set $i (i32.add (local.get $i) (i32.const 16)))
      (br $loop)))
    (call $chan (local.get $dst) (local.get $k1) (i32.add (local.get $src) (local.get $end))
      (f64.load (i32.add (i32.add (local.get $src) (local.get $end)) (i32.shl (local.get $k1) (i32.const 3))))))

  ;; ---- coordinate descent ----

  (func (export "cd_first") (param $x i32) (param $s f64) (param $r i32) (param $n i32) (param $out i32)
    (local $i i32) (local $end i32) (local $sv v128) (local $u v128)
    (local $a1 v128) (local $a2 v128) (local $ad v128) (local $b1 v128) (local $b2 v128) (local $bd v128)
    (local $t1 f64) (local $t2 f64) (local $td f64) (local $v f64)
    (local.set $sv (f64x2.splat (local.get $s)))
    (local.set $end (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 3)))
    (block $done (loop $loop
      (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
      (local.set $u (f64x2.sub (v128.load offset=0 (i32.add (local.get $x) (local.get $i))) (local.get $sv)))
      (local.set $a1 (f64x2.add (local.get $a1) (local.get $u)))
      (local.set $a2 (f64x2.add (local.get $a2) (f64x2.mul (local.get $u) (local.get $u))))
      (local.set $ad (f64x2.add (local.get $ad) (f64x2.mul (local.get $u) (v128.load offset=0 (i32.add (local.get $r) (local.get $i))))))
      (local.set $u (f64x2.sub (v128.load offset=16 (i32.add (local.get $x) (local.get $i))) (local.get $sv)))
      (local.set $b1 (f64x2.add (local.get $b1) (local.get $u)))
      (local.set $b2 (f64x2.add (local.get $b2) (f64x2.mul (local.get $u) (local.get $u))))
      (local.set $bd (f64x2.add (local.get $bd) (f64x2.mul (local.get $u) (v128.load offset=16 (i32.add (local.get $r) (local.get $i))))))
      (local.set $i (i32.add (local.get $i) (i32.const 32)))
      (br $loop)))
    (local.set $t1 (call $hsum (f64x2.add (local.get $a1) (local.get $b1))))
    (local.set $t2 (call $hsum (f64x2.add (local.get $a2) (local.get $b2))))
    (local.set $td (call $hsum (f64x2.add (local.get $ad) (local.get $bd))))
    (local.set $end (i32.shl (local.get $n) (i32.const 3)))
    (block $done (loop $loop
      (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
      (local.set $v (f64.sub (f64.load (i32.add (local.get $x) (local.get $i))) (local.get $s)))
      (local.set $t1 (f64.add (local.get $t1) (local.get $v)))
      (local.set $t2 (f64.add (local.get $t2) (f64.mul (local.get $v) (local.get $v))))
      (local.set $td (f64.add (local.get $td) (f64.mul (local.get $v) (f64.load (i32.add (local.get $r) (local.get $i))))))
      (local.set $i (i32.add (local.get $i) (i32.const 8)))
      (br $loop)))
    (f64.store offset=0 (local.get $out) (local.get $t1))
    (f64.store offset=8 (local.get $out) (local.get $t2))
    (f64.store offset=16 (local.get $out) (local.get $td)))

  (func (export "cd_update_dot") (param $xk i32) (param $mk f64) (param $d f64) (param $xj i32) (param $mj f64)
    (param $r i32) (param $n i32) (result f64)
    (local $i i32) (local $end i32) (local $dv v128) (local $dm v128) (local $mv v128) (local $ri v128)
    (local $s0 v128) (local $s1 v128) (local $t f64) (local $rs f64)
    (local.set $dv (f64x2.splat (local.get $d)))
    (local.set $dm (f64x2.splat (f64.mul (local.get $d) (local.get $mk))))
    (local.set $mv (f64x2.splat (local.get $mj)))
    (local.set $end (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 3)))
    (block $done (loop $loop
      (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
      (local.set $ri (f64x2.add (f64x2.sub (v128.load offset=0 (i32.add (local.get $r) (local.get $i)))
        (f64x2.mul (local.get $dv) (v128.load offset=0 (i32.add (local.get $xk) (local.get $i))))) (local.get $dm)))
      (v128.store offset=0 (i32.add (local.get $r) (local.get $i)) (local.get $ri))
      (local.set $s0 (f64x2.add (local.get $s0)
        (f64x2.mul (f64x2.sub (v128.load offset=0 (i32.add (local.get $xj) (local.get $i))) (local.get $mv)) (local.get $ri))))
      (local.set $ri (f64x2.add (f64x2.sub (v128.load offset=16 (i32.add (local.get $r) (local.get $i)))
        (f64x2.mul (local.get $dv) (v128.load offset=16 (i32.add (local.get $xk) (local.get $i))))) (local.get $dm)))
      (v128.store offset=16 (i32.add (local.get $r) (local.get $i)) (local.get $ri))
      (local.set $s1 (f64x2.add (local.get $s1)
        (f64x2.mul (f64x2.sub (v128.load offset=16 (i32.add (local.get $xj) (local.get $i))) (local.get $mv)) (local.get $ri))))
      (local.set $i (i32.add (local.get $i) (i32.const 32)))
      (br $loop)))
    (local.set $t (call $hsum (f64x2.add (local.get $s0) (local.get $s1))))
    (local.set $end (i32.shl (local.get $n) (i32.const 3)))
    (block $done (loop $loop
      (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
      (local.set $rs (f64.add (f64.sub (f64.load (i32.add (local.get $r) (local.get $i)))
        (f64.mul (local.get $d) (f64.load (i32.add (local.get $xk) (local.get $i))))) (f64.mul (local.get $d) (local.get $mk))))
      (f64.store (i32.add (local.get $r) (local.get $i)) (local.get $rs))
      (local.set $t (f64.add (local.get $t)
        (f64.mul (f64.sub (f64.load (i32.add (local.get $xj) (local.get $i))) (local.get $mj)) (local.get $rs))))
      (local.set $i (i32.add (local.get $i) (i32.const 8)))
      (br $loop)))
    (local.get $t))

  (func $dot_c (export "dot_c") (param $x i32) (param $m f64) (param $v i32) (param $n i32) (result f64)
    (local $i i32) (local $end i32) (local $mv v128) (local $s0 v128) (local $s1 v128) (local $t f64)
    (local.set $mv (f64x2.splat (local.get $m)))
    (local.set $end (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 3)))
    (block $done (loop $loop
      (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
      (local.set $s0 (f64x2.add (local.get $s0) (f64x2.mul
        (f64x2.sub (v128.load offset=0 (i32.add (local.get $x) (local.get $i))) (local.get $mv))
        (v128.load offset=0 (i32.add (local.get $v) (local.get $i))))))
      (local.set $s1 (f64x2.add (local.get $s1) (f64x2.mul
        (f64x2.sub (v128.load offset=16 (i32.add (local.get $x) (local.get $i))) (local.get $mv))
        (v128.load offset=16 (i32.add (local.get $v) (local.get $i))))))
      (local.set $i (i32.add (local.get $i) (i32.const 32)))
      (br $loop)))
    (local.set $t (call $hsum (f64x2.add (local.get $s0) (local.get $s1))))
    (local.set $end (i32.shl (local.get $n) (i32.const 3)))
    (block $done (loop $loop
      (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
      (local.set $t (f64.add (local.get $t) (f64.mul
        (f64.sub (f64.load (i32.add (local.get $x) (local.get $i))) (local.get $m))
        (f64.load (i32.add (local.get $v) (local.get $i))))))
      (local.set $i (i32.add (local.get $i) (i32.const 8)))
      (br $loop)))
    (local.get $t))

  (func (export "sq_c") (param $x i32) (param $m f64) (param $n i32) (result f64)
    (local $i i32) (local $end i32) (local $mv v128) (local $u v128) (local $s0 v128) (local $s1 v128) (local $t f64) (local $v f64)
    (local.set $mv (f64x2.splat (local.get $m)))
    (local.set $end (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 3)))
    (block $done (loop $loop
      (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
      (local.set $u (f64x2.sub (v128.load offset=0 (i32.add (local.get $x) (local.get $i))) (local.get $mv)))
      (local.set $s0 (f64x2.add (local.get $s0) (f64x2.mul (local.get $u) (local.get $u))))
      (local.set $u (f64x2.sub (v128.load offset=16 (i32.add (local.get $x) (local.get $i))) (local.get $mv)))
      (local.set $s1 (f64x2.add (local.get $s1) (f64x2.mul (local.get $u) (local.get $u))))
      (local.set $i (i32.add (local.get $i) (i32.const 32)))
      (br $loop)))
    (local.set $t (call $hsum (f64x2.add (local.get $s0) (local.get $s1))))
    (local.set $end (i32.shl (local.get $n) (i32.const 3)))
    (block $done (loop $loop
      (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
      (local.set $v (f64.sub (f64.load (i32.add (local.get $x) (local.get $i))) (local.get $m)))
      (local.set $t (f64.add (local.get $t) (f64.mul (local.get $v) (local.get $v))))
      (local.set $i (i32.add (local.get $i) (i32.const 8)))
      (br $loop)))
    (local.get $t))

  (func (export "axpy_c") (param $x i32) (param $m f64) (param $a f64) (param $v i32) (param $n i32)
    (local $i i32) (local $end i32) (local $av v128) (local $am v128) (local $p i32)
    (local.set $av (f64x2.splat (local.get $a)))
    (local.set $am (f64x2.splat (f64.mul (local.get $a) (local.get $m))))
    (local.set $end (i32.shl (i32.and (local.get $n) (i32.const -2)) (i32.const 3)))
    (block $done (loop $loop
      (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
      (local.set $p (i32.add (local.get $v) (local.get $i)))
      (v128.store (local.get $p) (f64x2.sub (f64x2.add (v128.load (local.get $p))
        (f64x2.mul (local.get $av) (v128.load (i32.add (local.get $x) (local.get $i))))) (local.get $am)))
      (local.set $i (i32.add (local.get $i) (i32.const 16)))
      (br $loop)))
    (if (i32.and (local.get $n) (i32.const 1))
      (then
        (local.set $p (i32.add (local.get $v) (local.get $i)))
        (f64.store (local.get $p) (f64.sub (f64.add (f64.load (local.get $p))
          (f64.mul (local.get $a) (f64.load (i32.add (local.get $x) (local.get $i))))) (f64.mul (local.get $a) (local.get $m)))))))

  (func (export "dot") (param $a i32) (param $b i32) (param $n i32) (result f64)
    (call $dot_c (local.get $a) (f64.const 0) (local.get $b) (local.get $n)))

  ;; ---- logistic regression ----

  ;; e^x for x ≤ 0: fdlibm's e_exp.c (x = k·ln2 + r, |r| ≤ ln2/2, a rational approximation on r; < 1 ulp).
  (func $exp_neg (param $x f64) (result f64)
    (local $k f64) (local $hi f64) (local $lo f64) (local $r f64) (local $t f64) (local $c f64) (local $y f64) (local $ki i64)
    (if (f64.lt (local.get $x) (f64.const -745.1332191019412)) (then (return (f64.const 0))))
    (local.set $k (f64.nearest (f64.mul (local.get $x) (f64.const 1.44269504088896338700e+00))))
    (local.set $hi (f64.sub (local.get $x) (f64.mul (local.get $k) (f64.const 6.93147180369123816490e-01))))
    (local.set $lo (f64.mul (local.get $k) (f64.const 1.90821492927058770002e-10)))
    (local.set $r (f64.sub (local.get $hi) (local.get $lo)))
    (local.set $t (f64.mul (local.get $r) (local.get $r)))
    (local.set $c (f64.sub (local.get $r) (f64.mul (local.get $t)
      (f64.add (f64.const 1.66666666666666019037e-01) (f64.mul (local.get $t)
      (f64.add (f64.const -2.77777777770155933842e-03) (f64.mul (local.get $t)
      (f64.add (f64.const 6.61375632143793436117e-05) (f64.mul (local.get $t)
      (f64.add (f64.const -1.65339022054652515390e-06) (f64.mul (local.get $t) (f64.const 4.13813679705723846039e-08))))))))))))
    (local.set $y (f64.sub (f64.const 1) (f64.sub (f64.sub (local.get $lo)
      (f64.div (f64.mul (local.get $r) (local.get $c)) (f64.sub (f64.const 2) (local.get $c)))) (local.get $hi))))
    (local.set $ki (i64.trunc_f64_s (local.get $k)))
    ;; y·2^k by the exponent bits; below 2^-1021 in two steps, so the result may be subnormal
    (if (result f64) (i64.ge_s (local.get $ki) (i64.const -1021))
      (then (f64.reinterpret_i64 (i64.add (i64.reinterpret_f64 (local.get $y)) (i64.shl (local.get $ki) (i64.const 52)))))
      (else (f64.mul (f64.const 9.33263618503218878990e-302)
        (f64.reinterpret_i64 (i64.add (i64.reinterpret_f64 (local.get $y)) (i64.shl (i64.add (local.get $ki) (i64.const 1000)) (i64.const 52))))))))

  ;; log(1 + u) for 0 ≤ u ≤ 1: log(s) for s = 1 + u by fdlibm's e_log.c kernel (s = 2^k·(1 + f)), times
  ;; u / (s − 1), which gives back what rounding 1 + u lost (Goldberg).
  (func $log1p01 (param $u f64) (result f64)
    (local $s f64) (local $k f64) (local $f f64) (local $hfsq f64) (local $q f64) (local $z f64) (local $w f64) (local $R f64)
    (local.set $s (f64.add (f64.const 1) (local.get $u)))
    (if (f64.eq (local.get $s) (f64.const 1)) (then (return (local.get $u))))
    (if (f64.gt (local.get $s) (f64.const 1.4142135623730951))
      (then (local.set $k (f64.const 1)) (local.set $f (f64.sub (f64.mul (local.get $s) (f64.const 0.5)) (f64.const 1))))
      (else (local.set $f (f64.sub (local.get $s) (f64.const 1)))))
    (local.set $hfsq (f64.mul (f64.const 0.5) (f64.mul (local.get $f) (local.get $f))))
    (local.set $q (f64.div (local.get $f) (f64.add (f64.const 2) (local.get $f))))
    (local.set $z (f64.mul (local.get $q) (local.get $q)))
    (local.set $w (f64.mul (local.get $z) (local.get $z)))
    (local.set $R (f64.add
      (f64.mul (local.get $z) (f64.add (f64.const 6.666666666666735130e-01) (f64.mul (local.get $w)
        (f64.add (f64.const 2.857142874366239149e-01) (f64.mul (local.get $w)
        (f64.add (f64.const 1.818357216161805012e-01) (f64.mul (local.get $w) (f64.const 1.479819860511658591e-01))))))))
      (f64.mul (local.get $w) (f64.add (f64.const 3.999999999940941908e-01) (f64.mul (local.get $w)
        (f64.add (f64.const 2.222219843214978396e-01) (f64.mul (local.get $w) (f64.const 1.531383769920937332e-01))))))))
    (f64.mul
      (f64.sub (f64.mul (local.get $k) (f64.const 6.93147180369123816490e-01))
        (f64.sub (f64.sub (local.get $hfsq) (f64.add (f64.mul (local.get $q) (f64.add (local.get $hfsq) (local.get $R)))
          (f64.mul (local.get $k) (f64.const 1.90821492927058770002e-10)))) (local.get $f)))
      (f64.div (local.get $u) (f64.sub (local.get $s) (f64.const 1)))))

  ;; One chunk of the binary logistic loss and its gradient over X (column j at x + 8·j·ld, rows padded
  ;; to even with zeros, p a multiple of 4): per block of ≤ 512 rows, z = Xw + b, then
  ;; sᵢ·(softplus(zᵢ) − yᵢzᵢ) summed and rᵢ = sᵢ·(σ(zᵢ) − yᵢ), then g += Xᵀr while the block is in
  ;; cache. w holds p coefficients and then b; y is int32, sw float64. The chunk's slot gets g (p), the
  ;; loss and Σr; the thread's scratch holds z and r (512 each).
  (func (export "logistic_chunk") (param $chunk i32) (param $thread i32) (param $x i32) (param $ld i32) (param $n i32) (param $p i32)
    (param $w i32) (param $y i32) (param $sw i32) (param $slots i32) (param $scratch i32) (param $chunkRows i32)
    (local $slot i32) (local $zp i32) (local $rp i32) (local $r0 i32) (local $end i32) (local $rows i32) (local $even i32)
    (local $t i32) (local $i i32) (local $b f64) (local $z f64) (local $e f64) (local $inv f64) (local $yi f64) (local $s f64)
    (local $res f64) (local $f f64) (local $gb f64) (local $xb i32)
    (local.set $slot (i32.add (local.get $slots) (i32.mul (local.get $chunk) (i32.shl (i32.add (local.get $p) (i32.const 2)) (i32.const 3)))))
    (memory.fill (local.get $slot) (i32.const 0) (i32.shl (local.get $p) (i32.const 3)))
    (local.set $zp (i32.add (local.get $scratch) (i32.shl (local.get $thread) (i32.const 13))))
    (local.set $rp (i32.add (local.get $zp) (i32.const 4096)))
    (local.set $b (f64.load (i32.add (local.get $w) (i32.shl (local.get $p) (i32.const 3)))))
    (local.set $r0 (i32.mul (local.get $chunk) (local.get $chunkRows)))
    (local.set $end (i32.add (local.get $r0) (local.get $chunkRows)))
    (if (i32.gt_u (local.get $end) (local.get $n)) (then (local.set $end (local.get $n))))
    (block $done (loop $blocks
      (br_if $done (i32.ge_u (local.get $r0) (local.get $end)))
      (local.set $rows (i32.sub (local.get $end) (local.get $r0)))
      (if (i32.gt_u (local.get $rows) (i32.const 512)) (then (local.set $rows (i32.const 512))))
      (local.set $even (i32.and (i32.add (local.get $rows) (i32.const 1)) (i32.const -2)))
      (local.set $xb (i32.add (local.get $x) (i32.shl (local.get $r0) (i32.const 3))))
      (local.set $t (i32.const 0))
      (block $d (loop $l
        (br_if $d (i32.ge_u (local.get $t) (local.get $even)))
        (f64.store (i32.add (local.get $zp) (i32.shl (local.get $t) (i32.const 3))) (local.get $b))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br $l)))
      (call $gemv (local.get $xb) (local.get $ld) (local.get $even) (local.get $p) (local.get $w) (local.get $zp))
      (local.set $t (i32.const 0))
      (block $d (loop $l
        (br_if $d (i32.ge_u (local.get $t) (local.get $rows)))
        (local.set $i (i32.add (local.get $r0) (local.get $t)))
        (local.set $z (f64.load (i32.add (local.get $zp) (i32.shl (local.get $t) (i32.const 3)))))
        (local.set $yi (f64.convert_i32_s (i32.load (i32.add (local.get $y) (i32.shl (local.get $i) (i32.const 2))))))
        (local.set $s (f64.load (i32.add (local.get $sw) (i32.shl (local.get $i) (i32.const 3)))))
        (local.set $e (call $exp_neg (f64.neg (f64.abs (local.get $z)))))
        ;; softplus(z) = max(z, 0) + log(1 + e^−|z|)
        (local.set $f (f64.add (local.get $f) (f64.mul (local.get $s)
          (f64.sub (f64.add (f64.max (local.get $z) (f64.const 0)) (call $log1p01 (local.get $e))) (f64.mul (local.get $yi) (local.get $z))))))
        (local.set $inv (f64.div (f64.const 1) (f64.add (f64.const 1) (local.get $e))))
        (local.set $res (f64.mul (local.get $s) (f64.sub
          (select (local.get $inv) (f64.mul (local.get $e) (local.get $inv)) (f64.ge (local.get $z) (f64.const 0)))
          (local.get $yi))))
        (f64.store (i32.add (local.get $rp) (i32.shl (local.get $t) (i32.const 3))) (local.get $res))
        (local.set $gb (f64.add (local.get $gb) (local.get $res)))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br $l)))
      (if (i32.ne (local.get $rows) (local.get $even))
        (then (f64.store (i32.add (local.get $rp) (i32.shl (local.get $rows) (i32.const 3))) (f64.const 0))))
      (call $gemv_t (local.get $xb) (local.get $ld) (local.get $even) (local.get $p) (local.get $rp) (local.get $slot))
      (local.set $r0 (i32.add (local.get $r0) (i32.const 512)))
      (br $blocks)))
    (f64.store (i32.add (local.get $slot) (i32.shl (local.get $p) (i32.const 3))) (local.get $f))
    (f64.store offset=8 (i32.add (local.get $slot) (i32.shl (local.get $p) (i32.const 3))) (local.get $gb)))

  ;; Σ sᵢ·xᵢ and Σ sᵢ·(xᵢ − m)² over n values (the logistic preconditioner's weighted means and variances).
  (func (export "wsum") (param $x i32) (param $s i32) (param $n i32) (result f64)
    (local $i i32) (local $end i32) (local $a v128) (local $t f64)
    (local.set $end (i32.shl (i32.and (local.get $n) (i32.const -2)) (i32.const 3)))
    (block $d (loop $l
      (br_if $d (i32.ge_u (local.get $i) (local.get $end)))
      (local.set $a (f64x2.add (local.get $a) (f64x2.mul (v128.load (i32.add (local.get $x) (local.get $i))) (v128.load (i32.add (local.get $s) (local.get $i))))))
      (local.set $i (i32.add (local.get $i) (i32.const 16)))
      (br $l)))
    (local.set $t (call $hsum (local.get $a)))
    (if (result f64) (i32.and (local.get $n) (i32.const 1))
      (then (f64.add (local.get $t) (f64.mul (f64.load (i32.add (local.get $x) (local.get $i))) (f64.load (i32.add (local.get $s) (local.get $i))))))
      (else (local.get $t))))

  (func (export "wsq_c") (param $x i32) (param $m f64) (param $s i32) (param $n i32) (result f64)
    (local $i i32) (local $end i32) (local $a v128) (local $u v128) (local $mv v128) (local $t f64) (local $v f64)
    (local.set $mv (f64x2.splat (local.get $m)))
    (local.set $end (i32.shl (i32.and (local.get $n) (i32.const -2)) (i32.const 3)))
    (block $d (loop $l
      (br_if $d (i32.ge_u (local.get $i) (local.get $end)))
      (local.set $u (f64x2.sub (v128.load (i32.add (local.get $x) (local.get $i))) (local.get $mv)))
      (local.set $a (f64x2.add (local.get $a) (f64x2.mul (f64x2.mul (local.get $u) (local.get $u)) (v128.load (i32.add (local.get $s) (local.get $i))))))
      (local.set $i (i32.add (local.get $i) (i32.const 16)))
      (br $l)))
    (local.set $t (call $hsum (local.get $a)))
    (if (result f64) (i32.and (local.get $n) (i32.const 1))
      (then
        (local.set $v (f64.sub (f64.load (i32.add (local.get $x) (local.get $i))) (local.get $m)))
        (f64.add (local.get $t) (f64.mul (f64.mul (local.get $v) (local.get $v)) (f64.load (i32.add (local.get $s) (local.get $i))))))
      (else (local.get $t))))


  (func $gemv_t (export "gemv_t") (param $x i32) (param $ld i32) (param $rows i32) (param $p i32) (param $v i32) (param $out i32)
    (local $ld8 i32) (local $bytes i32) (local $j i32) (local $i i32)
    (local $p0 i32) (local $p1 i32) (local $p2 i32) (local $p3 i32)
    (local $b v128) (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128)
    (local.set $ld8 (i32.shl (local.get $ld) (i32.const 3)))
    (local.set $bytes (i32.shl (local.get $rows) (i32.const 3)))
    (block $done_j (loop $loop_j
      (br_if $done_j (i32.ge_u (local.get $j) (local.get $p)))
      (local.set $p0 (i32.add (local.get $x) (i32.mul (local.get $j) (local.get $ld8))))
      (local.set $p1 (i32.add (local.get $p0) (local.get $ld8)))
      (local.set $p2 (i32.add (local.get $p1) (local.get $ld8)))
      (local.set $p3 (i32.add (local.get $p2) (local.get $ld8)))
      (local.set $s0 (v128.const f64x2 0 0)) (local.set $s1 (v128.const f64x2 0 0))
      (local.set $s2 (v128.const f64x2 0 0)) (local.set $s3 (v128.const f64x2 0 0))
      (local.set $i (i32.const 0))
      (block $done_i (loop $loop_i
        (br_if $done_i (i32.ge_u (local.get $i) (local.get $bytes)))
        (local.set $b (v128.load (i32.add (local.get $v) (local.get $i))))
        (local.set $s0 (f64x2.add (local.get $s0) (f64x2.mul (v128.load (i32.add (local.get $p0) (local.get $i))) (local.get $b))))
        (local.set $s1 (f64x2.add (local.get $s1) (f64x2.mul (v128.load (i32.add (local.get $p1) (local.get $i))) (local.get $b))))
        (local.set $s2 (f64x2.add (local.get $s2) (f64x2.mul (v128.load (i32.add (local.get $p2) (local.get $i))) (local.get $b))))
        (local.set $s3 (f64x2.add (local.get $s3) (f64x2.mul (v128.load (i32.add (local.get $p3) (local.get $i))) (local.get $b))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $loop_i)))
      (call $add4 (i32.add (local.get $out) (i32.shl (local.get $j) (i32.const 3)))
        (local.get $s0) (local.get $s1) (local.get $s2) (local.get $s3))
      (local.set $j (i32.add (local.get $j) (i32.const 4)))
      (br $loop_j))))

  (func $gemv (export "gemv") (param $x i32) (param $ld i32) (param $rows i32) (param $p i32) (param $w i32) (param $z i32)
    (local $ld8 i32) (local $bytes i32) (local $j i32) (local $i i32)
    (local $p0 i32) (local $p1 i32) (local $p2 i32) (local $p3 i32)
    (local $w0 v128) (local $w1 v128) (local $w2 v128) (local $w3 v128) (local $zi i32)
    (local.set $ld8 (i32.shl (local.get $ld) (i32.const 3)))
    (local.set $bytes (i32.shl (local.get $rows) (i32.const 3)))
    (block $done_j (loop $loop_j
      (br_if $done_j (i32.ge_u (local.get $j) (local.get $p)))
      (local.set $p0 (i32.add (local.get $x) (i32.mul (local.get $j) (local.get $ld8))))
      (local.set $p1 (i32.add (local.get $p0) (local.get $ld8)))
      (local.set $p2 (i32.add (local.get $p1) (local.get $ld8)))
      (local.set $p3 (i32.add (local.get $p2) (local.get $ld8)))
      (local.set $w0 (v128.load64_splat (i32.add (local.get $w) (i32.shl (local.get $j) (i32.const 3)))))
      (local.set $w1 (v128.load64_splat offset=8 (i32.add (local.get $w) (i32.shl (local.get $j) (i32.const 3)))))
      (local.set $w2 (v128.load64_splat offset=16 (i32.add (local.get $w) (i32.shl (local.get $j) (i32.const 3)))))
      (local.set $w3 (v128.load64_splat offset=24 (i32.add (local.get $w) (i32.shl (local.get $j) (i32.const 3)))))
      (local.set $i (i32.const 0))
      (block $done_i (loop $loop_i
        (br_if $done_i (i32.ge_u (local.get $i) (local.get $bytes)))
        (local.set $zi (i32.add (local.get $z) (local.get $i)))
        (v128.store (local.get $zi)
          (f64x2.add
            (f64x2.add (v128.load (local.get $zi))
              (f64x2.add (f64x2.mul (v128.load (i32.add (local.get $p0) (local.get $i))) (local.get $w0))
                         (f64x2.mul (v128.load (i32.add (local.get $p1) (local.get $i))) (local.get $w1))))
            (f64x2.add (f64x2.mul (v128.load (i32.add (local.get $p2) (local.get $i))) (local.get $w2))
                       (f64x2.mul (v128.load (i32.add (local.get $p3) (local.get $i))) (local.get $w3)))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $loop_i)))
      (local.set $j (i32.add (local.get $j) (i32.const 4)))
      (br $loop_j))))
)
