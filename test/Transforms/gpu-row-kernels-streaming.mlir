// RUN: vortex-opt %s --pass-pipeline='builtin.module(func.func(vx-gpu-row-kernels{sm-count=100}))' | FileCheck %s
// RUN: vortex-opt %s --pass-pipeline='builtin.module(func.func(vx-gpu-row-kernels{sm-count=0}))' -verify-diagnostics -o /dev/null

// Rows too long for the registers stream: 1024 threads per row, at most
// two blocks per multiprocessor for f32 rows read once (2 x sm-count, and
// the kernel must allow two per multiprocessor; of those, as few as take the
// rows in as many rounds, so that every block takes as many rows, give or
// take one), each looping over the rows
// block, block + grid, ...; a barrier ends each row, before the next one's
// exchanges reuse the shared buffers.
// CHECK-LABEL: func.func @row_sum
// CHECK: memref.dim %{{.+}}, %c0
// CHECK: } else {
// CHECK: } else {
// CHECK: } else {
// CHECK: %[[ROUNDS:.+]] = arith.ceildivui %[[BLOCKS:.+]], %c200
// CHECK: %[[GRID:.+]] = arith.ceildivui %[[BLOCKS]], %[[ROUNDS]]
// CHECK: gpu.launch blocks(%[[B:[^,]+]], %{{.+}}, %{{.+}}) in (%[[G:[^ ]+]] = %[[GRID]],
// CHECK-SAME: threads({{.+}}) in (%{{.+}} = %c1024{{[_0-9]*}},
// CHECK: scf.for %{{.+}} = %{{.+}} to %{{.+}} step %[[G]] {
// CHECK: scf.for
// CHECK: vector.load
// CHECK: gpu.barrier
// CHECK: memref.store %{{.+}}, %{{.+}}[%{{.+}}] : memref<?xf32>
// CHECK: gpu.barrier
// CHECK-NEXT: }
// CHECK-NEXT: gpu.terminator
// CHECK-NEXT: } {nvvm.minctasm = 2 : i32}
// expected-error @below {{sm-count must be positive, got 0}}
func.func @row_sum(%x: memref<?x?xf32>, %s: memref<?xf32>) {
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

// 16-bit rows read once stream past a 512-thread block (bf16 rows of more
// than 16384; no 1024-thread shape caches them): 1024 threads, a block per
// row and a grid as long as the rows, no persistent loop.
// CHECK-LABEL: func.func @row_sum_bf16
// CHECK: arith.cmpi ule, %{{.+}}, %c16384
// CHECK: gpu.launch
// CHECK-SAME: threads({{.+}}) in ({{.+}} = %c512{{[_0-9]*}},
// CHECK: } {nvvm.minctasm = 2 : i32}
// CHECK-NOT: arith.cmpi ule
// CHECK-NOT: arith.ceildivui
// CHECK: gpu.launch blocks({{[^)]+}}) in (%[[G:[^ ]+]] = %{{[^,]+}},
// CHECK-SAME: threads({{.+}}) in ({{.+}} = %c1024{{[_0-9]*}},
// CHECK-NOT: step %[[G]]
// CHECK: scf.for
// CHECK: vector.load
// CHECK: gpu.barrier
// CHECK: memref.store
// CHECK-NEXT: }
// CHECK-NEXT: gpu.terminator
// CHECK-NEXT: } {nvvm.minctasm = 2 : i32}
// expected-error @below {{sm-count must be positive, got 0}}
func.func @row_sum_bf16(%x: memref<?x?xbf16>, %s: memref<?xf32>) {
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
  return
}
