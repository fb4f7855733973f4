// The pass prints the same IR on every run: the fallback of a group (the
// original ops, for unaligned buffers) clones the group's internal buffers
// in the order the group meets them, not in the order of their addresses.
// RUN: vortex-opt %s --pass-pipeline='builtin.module(func.func(vx-gpu-row-kernels))' -o %t.1
// RUN: vortex-opt %s --pass-pipeline='builtin.module(func.func(vx-gpu-row-kernels))' -o %t.2
// RUN: vortex-opt %s --pass-pipeline='builtin.module(func.func(vx-gpu-row-kernels))' -o %t.3
// RUN: diff %t.1 %t.2
// RUN: diff %t.1 %t.3
// RUN: FileCheck %s --input-file=%t.1

// A LayerNorm-like group with two internal buffers (the row sums and the
// sums of squares): in the fallback, their allocations, the ops and the
// deallocations come in that order.
// CHECK-LABEL: func.func @layer_norm
// CHECK: } else {
// CHECK: %[[SUM:.+]] = memref.alloc(%{{.+}}) : memref<?xf32>
// CHECK-NEXT: %[[SQ:.+]] = memref.alloc(%{{.+}}) : memref<?xf32>
// CHECK: memref.dealloc %[[SUM]]
// CHECK-NEXT: memref.dealloc %[[SQ]]
func.func @layer_norm(%x: memref<?x?xf32>, %w: memref<?xf32>, %y: memref<?x?xf32>) {
  %c0 = arith.constant 0 : index
  %n = memref.dim %x, %c0 : memref<?x?xf32>
  %zero = arith.constant 0.0 : f32
  %sum = memref.alloc(%n) : memref<?xf32>
  %sq = memref.alloc(%n) : memref<?xf32>
  linalg.fill ins(%zero : f32) outs(%sum : memref<?xf32>)
  linalg.generic {indexing_maps = [affine_map<(i, k) -> (i, k)>, affine_map<(i, k) -> (i)>],
                  iterator_types = ["parallel", "reduction"]}
      ins(%x : memref<?x?xf32>) outs(%sum : memref<?xf32>) {
  ^bb0(%v: f32, %acc: f32):
    %r = arith.addf %v, %acc : f32
    linalg.yield %r : f32
  }
  linalg.fill ins(%zero : f32) outs(%sq : memref<?xf32>)
  linalg.generic {indexing_maps = [affine_map<(i, k) -> (i, k)>, affine_map<(i, k) -> (i)>, affine_map<(i, k) -> (i)>],
                  iterator_types = ["parallel", "reduction"]}
      ins(%x, %sum : memref<?x?xf32>, memref<?xf32>) outs(%sq : memref<?xf32>) {
  ^bb0(%v: f32, %s: f32, %acc: f32):
    %c = arith.subf %v, %s : f32
    %m = arith.mulf %c, %c : f32
    %r = arith.addf %m, %acc : f32
    linalg.yield %r : f32
  }
  linalg.generic {indexing_maps = [affine_map<(i, k) -> (i, k)>, affine_map<(i, k) -> (i)>, affine_map<(i, k) -> (i)>, affine_map<(i, k) -> (k)>, affine_map<(i, k) -> (i, k)>],
                  iterator_types = ["parallel", "parallel"]}
      ins(%x, %sum, %sq, %w : memref<?x?xf32>, memref<?xf32>, memref<?xf32>, memref<?xf32>) outs(%y : memref<?x?xf32>) {
  ^bb0(%v: f32, %s: f32, %q: f32, %wv: f32, %o: f32):
    %c = arith.subf %v, %s : f32
    %m = arith.mulf %c, %q : f32
    %r = arith.mulf %m, %wv : f32
    linalg.yield %r : f32
  }
  memref.dealloc %sum : memref<?xf32>
  memref.dealloc %sq : memref<?xf32>
  return
}
