;; The convolution of kernels.ts with WebAssembly SIMD: four output pixels × four output
;; channels at a time, one f32x4 accumulator per pixel (its lanes are the four channels).
;; Compiled to conv2d-wasm.ts by `pnpm --filter @digit-canvas/core build:wasm` (wabt).
;;
;; conv2d(x, w, b, out, inWidth, outHeight, outBlocks, cin, cout, kh, kw, relu)
;;   x    [inHeight][inWidth][cin] f32, already zero-padded, followed by 3·cin zero values
;;        (the last block of a row reads up to three pixels past it);
;;   w    [kh][kw][cin][cout] f32, as tfjs stores a Conv2D kernel; b [cout] f32;
;;   out  [outHeight][outBlocks·4][cout] f32: rows rounded up to whole blocks of four pixels,
;;        the extra pixels' sums written and left for the caller to drop;
;;   cout a multiple of 4; relu 1 to clamp the results at 0. Byte offsets into the memory.
(module
  (memory (export "memory") 1)
  (func (export "conv2d")
    (param $x i32) (param $w i32) (param $b i32) (param $out i32)
    (param $inWidth i32) (param $outHeight i32) (param $outBlocks i32)
    (param $cin i32) (param $cout i32) (param $kh i32) (param $kw i32) (param $relu i32)
    (local $oy i32) (local $block i32) (local $co i32) (local $ky i32) (local $kx i32)
    (local $ci i32) (local $px i32) (local $pw i32) (local $po i32)
    (local $pixelBytes i32) (local $wStep i32) (local $wv v128)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    ;; Bytes from one pixel to the next in x, and from one input channel to the next in w.
    (local.set $pixelBytes (i32.shl (local.get $cin) (i32.const 2)))
    (local.set $wStep (i32.shl (local.get $cout) (i32.const 2)))
    (local.set $po (local.get $out))
    (local.set $oy (i32.const 0))
    (loop $rows
      (local.set $block (i32.const 0))
      (loop $blocks
        (local.set $co (i32.const 0))
        (loop $channels
          (local.set $a0 (v128.load (i32.add (local.get $b) (i32.shl (local.get $co) (i32.const 2)))))
          (local.set $a1 (local.get $a0))
          (local.set $a2 (local.get $a0))
          (local.set $a3 (local.get $a0))
          (local.set $ky (i32.const 0))
          (loop $kernelRows
            (local.set $kx (i32.const 0))
            (loop $kernelColumns
              ;; x at pixel (oy + ky, 4·block + kx), channel 0.
              (local.set $px
                (i32.add (local.get $x)
                  (i32.mul (local.get $pixelBytes)
                    (i32.add
                      (i32.mul (i32.add (local.get $oy) (local.get $ky)) (local.get $inWidth))
                      (i32.add (i32.shl (local.get $block) (i32.const 2)) (local.get $kx))))))
              ;; w at (ky, kx, 0, co).
              (local.set $pw
                (i32.add (local.get $w)
                  (i32.shl
                    (i32.add
                      (i32.mul
                        (i32.mul (i32.add (i32.mul (local.get $ky) (local.get $kw)) (local.get $kx))
                          (local.get $cin))
                        (local.get $cout))
                      (local.get $co))
                    (i32.const 2))))
              (local.set $ci (local.get $cin))
              (loop $inputChannels
                (local.set $wv (v128.load (local.get $pw)))
                (local.set $a0 (f32x4.add (local.get $a0)
                  (f32x4.mul (f32x4.splat (f32.load (local.get $px))) (local.get $wv))))
                (local.set $a1 (f32x4.add (local.get $a1)
                  (f32x4.mul
                    (f32x4.splat (f32.load (i32.add (local.get $px) (local.get $pixelBytes))))
                    (local.get $wv))))
                (local.set $a2 (f32x4.add (local.get $a2)
                  (f32x4.mul
                    (f32x4.splat (f32.load (i32.add (local.get $px)
                      (i32.shl (local.get $pixelBytes) (i32.const 1)))))
                    (local.get $wv))))
                (local.set $a3 (f32x4.add (local.get $a3)
                  (f32x4.mul
                    (f32x4.splat (f32.load (i32.add (local.get $px)
                      (i32.mul (local.get $pixelBytes) (i32.const 3)))))
                    (local.get $wv))))
                (local.set $px (i32.add (local.get $px) (i32.const 4)))
                (local.set $pw (i32.add (local.get $pw) (local.get $wStep)))
                (br_if $inputChannels
                  (local.tee $ci (i32.sub (local.get $ci) (i32.const 1)))))
              (br_if $kernelColumns
                (i32.lt_u (local.tee $kx (i32.add (local.get $kx) (i32.const 1))) (local.get $kw))))
            (br_if $kernelRows
              (i32.lt_u (local.tee $ky (i32.add (local.get $ky) (i32.const 1))) (local.get $kh))))
          (if (local.get $relu)
            (then
              (local.set $a0 (f32x4.max (local.get $a0) (v128.const f32x4 0 0 0 0)))
              (local.set $a1 (f32x4.max (local.get $a1) (v128.const f32x4 0 0 0 0)))
              (local.set $a2 (f32x4.max (local.get $a2) (v128.const f32x4 0 0 0 0)))
              (local.set $a3 (f32x4.max (local.get $a3) (v128.const f32x4 0 0 0 0)))))
          ;; The four pixels of the block, cout values apart.
          (v128.store (local.get $po) (local.get $a0))
          (v128.store (i32.add (local.get $po) (local.get $wStep)) (local.get $a1))
          (v128.store (i32.add (local.get $po) (i32.shl (local.get $wStep) (i32.const 1)))
            (local.get $a2))
          (v128.store (i32.add (local.get $po) (i32.mul (local.get $wStep) (i32.const 3)))
            (local.get $a3))
          (local.set $po (i32.add (local.get $po) (i32.const 16)))
          (br_if $channels
            (i32.lt_u (local.tee $co (i32.add (local.get $co) (i32.const 4))) (local.get $cout))))
        ;; po advanced over 4 channels at a time within the first pixel: on to the next block.
        (local.set $po (i32.add (local.get $po) (i32.mul (local.get $wStep) (i32.const 3))))
        (br_if $blocks
          (i32.lt_u (local.tee $block (i32.add (local.get $block) (i32.const 1)))
            (local.get $outBlocks))))
      (br_if $rows
        (i32.lt_u (local.tee $oy (i32.add (local.get $oy) (i32.const 1))) (local.get $outHeight))))))
