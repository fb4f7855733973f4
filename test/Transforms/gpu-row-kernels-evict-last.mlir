// RUN: vortex-opt %s --pass-pipeline='builtin.module(func.func(vx-gpu-row-kernels{cluster=8 l2-evict-last=1}))' --split-input-file | FileCheck %s
// RUN: vortex-opt %s --pass-pipeline='builtin.module(func.func(vx-gpu-row-kernels{cluster=8}))' --split-input-file | FileCheck %s --check-prefix=OFF

// With l2-evict-last, a group that reads the row again loads it with an L2
// evict-last policy on the shapes that keep 128 bytes or more of it per
// thread: f32 rows of 16384 on 512 threads with eight vectors, and the
// clusters of such blocks (32768). The policy is created once per kernel;
// the column vectors load as before. The shorter f32 rows (up to 4096: 512
// threads with two vectors, three blocks per multiprocessor) reload the
// row in each pass instead of keeping it in registers: the first pass with
// an L1 evict-last priority, the last with evict-first, both with the
// policy; the column vector is loaded at its use, not with the row.
// CHECK-LABEL: func.func @scale_f32
// CHECK: arith.cmpi ule, %[[N:.+]], %c1024
// CHECK-NOT: cache_hint
// CHECK: arith.cmpi ule, %[[N]], %c4096
// CHECK: gpu.launch
// CHECK-SAME: threads({{.+}}) in ({{.+}} = %c512{{[_0-9]*}},
// CHECK: %[[RPOLICY:.+]] = llvm.inline_asm "createpolicy.fractional.L2::evict_last.b64 $0, 1.0;", "=l" : () -> i64
// CHECK-NOT: vector.load %arg1
// CHECK: llvm.inline_asm "ld.global.L1::evict_last.L2::cache_hint.v4.b32 {$0, $1, $2, $3}, [$4], $5;", "=r,=r,=r,=r,l,l" %{{.+}}, %[[RPOLICY]]
// CHECK: ld.global.L1::evict_last.L2::cache_hint.v4.b32
// CHECK-NOT: vector.load %arg1
// CHECK: gpu.barrier
// CHECK-NOT: vector.load %arg0
// CHECK: ld.global.L1::evict_first.L2::cache_hint.v4.b32
// CHECK: ld.global.L1::evict_first.L2::cache_hint.v4.b32
// CHECK: vector.load %arg1
// CHECK-NOT: vector.load %arg0
// CHECK: } {nvvm.minctasm = 3 : i32}
// CHECK: arith.cmpi ule, %[[N]], %c16384
// CHECK: gpu.launch
// CHECK-SAME: threads({{.+}}) in ({{.+}} = %c512{{[_0-9]*}},
// CHECK: %[[POLICY:.+]] = llvm.inline_asm "createpolicy.fractional.L2::evict_last.b64 $0, 1.0;", "=l" : () -> i64
// CHECK-NOT: createpolicy
// CHECK: vector.load %arg1
// CHECK: llvm.inline_asm "ld.global.L2::cache_hint.v4.b32 {$0, $1, $2, $3}, [$4], $5;", "=r,=r,=r,=r,l,l" %{{.+}}, %[[POLICY]] : (!llvm.ptr<1>, i64) -> !llvm.struct<(i32, i32, i32, i32)>
// CHECK-COUNT-7: ld.global.L2::cache_hint.v4.b32
// CHECK-NOT: vector.load %arg0
// CHECK-NOT: evict_first
// CHECK: gpu.subgroup_reduce
// CHECK: arith.cmpi ule, %[[N]], %c32768
// CHECK: gpu.launch clusters
// CHECK: createpolicy.fractional.L2::evict_last
// CHECK: ld.global.L2::cache_hint.v4.b32
// OFF-LABEL: func.func @scale_f32
// OFF-NOT: cache_hint
// OFF-NOT: L1::evict
func.func @scale_f32(%x: memref<?x?xf32>, %w: memref<?xf32>, %s: memref<?xf32>, %y: memref<?x?xf32>) {
  %zero = arith.constant 0.0 : f32
  linalg.fill ins(%zero : f32) outs(%s : memref<?xf32>)
  linalg.generic {indexing_maps = [affine_map<(i, k) -> (i, k)>, affine_map<(i, k) -> (i)>],
                  iterator_types = ["parallel", "reduction"]}
      ins(%x : memref<?x?xf32>) outs(%s : memref<?xf32>) {
  ^bb0(%v: f32, %acc: f32):
    %m = arith.mulf %v, %v : f32
    %r = arith.addf %m, %acc : f32
    linalg.yield %r : f32
  }
  linalg.generic {indexing_maps = [affine_map<(i, k) -> (i, k)>, affine_map<(i, k) -> (i)>, affine_map<(i, k) -> (k)>, affine_map<(i, k) -> (i, k)>],
                  iterator_types = ["parallel", "parallel"]}
      ins(%x, %s, %w : memref<?x?xf32>, memref<?xf32>, memref<?xf32>) outs(%y : memref<?x?xf32>) {
  ^bb0(%v: f32, %t: f32, %wv: f32, %o: f32):
    %m = arith.mulf %v, %t : f32
    %r = arith.mulf %m, %wv : f32
    linalg.yield %r : f32
  }
  return
}

// -----

// A static f32 row of 16384 takes the same 512-thread shape as a dynamic
// one (not a cluster), with the policy.
// CHECK-LABEL: func.func @static_f32
// CHECK-NOT: clusters
// CHECK: gpu.launch blocks
// CHECK-SAME: threads({{.+}}) in ({{.+}} = %c512{{[_0-9]*}},
// CHECK: createpolicy.fractional.L2::evict_last
// CHECK-COUNT-8: ld.global.L2::cache_hint.v4.b32
// CHECK-NOT: clusters
// OFF-LABEL: func.func @static_f32
// OFF-NOT: clusters
// OFF: threads({{.+}}) in ({{.+}} = %c512{{[_0-9]*}},
// OFF-NOT: cache_hint
func.func @static_f32(%x: memref<8x16384xf32>, %s: memref<8xf32>, %y: memref<8x16384xf32>) {
  %zero = arith.constant 0.0 : f32
  linalg.fill ins(%zero : f32) outs(%s : memref<8xf32>)
  linalg.generic {indexing_maps = [affine_map<(i, k) -> (i, k)>, affine_map<(i, k) -> (i)>],
                  iterator_types = ["parallel", "reduction"]}
      ins(%x : memref<8x16384xf32>) outs(%s : memref<8xf32>) {
  ^bb0(%v: f32, %acc: f32):
    %r = arith.addf %v, %acc : f32
    linalg.yield %r : f32
  }
  linalg.generic {indexing_maps = [affine_map<(i, k) -> (i, k)>, affine_map<(i, k) -> (i)>, affine_map<(i, k) -> (i, k)>],
                  iterator_types = ["parallel", "parallel"]}
      ins(%x, %s : memref<8x16384xf32>, memref<8xf32>) outs(%y : memref<8x16384xf32>) {
  ^bb0(%v: f32, %t: f32, %o: f32):
    %r = arith.subf %v, %t : f32
    linalg.yield %r : f32
  }
  return
}

// -----

// Rows read once (a row sum) and rows of 16-bit elements (at most four
// vectors, 64 bytes, a thread) load without a policy.
// CHECK-LABEL: func.func @sum_f32
// CHECK-NOT: cache_hint
// CHECK-LABEL: func.func @center_bf16
// CHECK-NOT: cache_hint
func.func @sum_f32(%x: memref<?x?xf32>, %s: memref<?xf32>) {
  %zero = arith.constant 0.0 : f32
  linalg.fill ins(%zero : f32) outs(%s : memref<?xf32>)
  linalg.generic {indexing_maps = [affine_map<(i, k) -> (i, k)>, affine_map<(i, k) -> (i)>],
                  iterator_types = ["parallel", "reduction"]}
      ins(%x : memref<?x?xf32>) outs(%s : memref<?xf32>) {
  ^bb0(%v: f32, %acc: f32):
    %r = arith.addf %v, %acc : f32
    linalg.yield %r : f32
  }
  return
}

func.func @center_bf16(%x: memref<?x?xbf16>, %s: memref<?xf32>, %y: memref<?x?xbf16>) {
  %zero = arith.constant 0.0 : f32
  linalg.fill ins(%zero : f32) outs(%s : memref<?xf32>)
  linalg.generic {indexing_maps = [affine_map<(i, k) -> (i, k)>, affine_map<(i, k) -> (i)>],
                  iterator_types = ["parallel", "reduction"]}
      ins(%x : memref<?x?xbf16>) outs(%s : memref<?xf32>) {
  ^bb0(%v: bf16, %acc: f32):
    %e = arith.extf %v : bf16 to f32
    %r = arith.addf %e, %acc : f32
    linalg.yield %r : f32
  }
  linalg.generic {indexing_maps = [affine_map<(i, k) -> (i, k)>, affine_map<(i, k) -> (i)>, affine_map<(i, k) -> (i, k)>],
                  iterator_types = ["parallel", "parallel"]}
      ins(%x, %s : memref<?x?xbf16>, memref<?xf32>) outs(%y : memref<?x?xbf16>) {
  ^bb0(%v: bf16, %t: f32, %o: bf16):
    %e = arith.extf %v : bf16 to f32
    %c = arith.subf %e, %t : f32
    %r = arith.truncf %c : f32 to bf16
    linalg.yield %r : bf16
  }
  return
}

// -----

// A group that writes the row it reads (in place) keeps the f32 row of
// 4096 in registers: a reload would read back what it wrote.
// CHECK-LABEL: func.func @in_place_f32
// CHECK: arith.cmpi ule, %[[N:.+]], %c4096
// CHECK: gpu.launch
// CHECK-NOT: L1::evict
// CHECK: } {nvvm.minctasm = 3 : i32}
func.func @in_place_f32(%x: memref<?x?xf32>, %s: memref<?xf32>) {
  %zero = arith.constant 0.0 : f32
  linalg.fill ins(%zero : f32) outs(%s : memref<?xf32>)
  linalg.generic {indexing_maps = [affine_map<(i, k) -> (i, k)>, affine_map<(i, k) -> (i)>],
                  iterator_types = ["parallel", "reduction"]}
      ins(%x : memref<?x?xf32>) outs(%s : memref<?xf32>) {
  ^bb0(%v: f32, %acc: f32):
    %r = arith.addf %v, %acc : f32
    linalg.yield %r : f32
  }
  linalg.generic {indexing_maps = [affine_map<(i, k) -> (i, k)>, affine_map<(i, k) -> (i)>, affine_map<(i, k) -> (i, k)>],
                  iterator_types = ["parallel", "parallel"]}
      ins(%x, %s : memref<?x?xf32>, memref<?xf32>) outs(%x : memref<?x?xf32>) {
  ^bb0(%v: f32, %t: f32, %o: f32):
    %r = arith.subf %v, %t : f32
    linalg.yield %r : f32
  }
  return
}
