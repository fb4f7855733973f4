// RUN: vortex-opt %s --pass-pipeline='builtin.module(func.func(vx-gpu-row-kernels{cluster=8 l2-evict-last=1}))' --split-input-file | FileCheck %s

// Static row lengths, with the options --vx-to-gpu gives sm_90a (but
// staging). An f32 row of 4096 read once takes the shape a
// dynamic length of 2049 to 4096 takes, 512 threads with two vectors (not
// 256 threads with four), and, the rows being known to hold 4096 elements,
// loads both vectors without a branch.
// CHECK-LABEL: func.func @sum_f32_4096
// CHECK: gpu.launch
// CHECK-SAME: threads({{.+}}) in ({{.+}} = %c512{{[_0-9]*}},
// CHECK-NOT: scf.if
// CHECK-COUNT-2: vector.load %{{.+}} : memref<16x4096xf32>, vector<4xf32>
// CHECK-NOT: vector.load
// CHECK-NOT: arith.select
// CHECK: gpu.subgroup_reduce  add
// CHECK: } {nvvm.minctasm = 2 : i32}
func.func @sum_f32_4096(%x: memref<16x4096xf32>, %s: memref<16xf32>) {
  %zero = arith.constant 0.0 : f32
  linalg.fill ins(%zero : f32) outs(%s : memref<16xf32>)
  linalg.generic {indexing_maps = [affine_map<(i, k) -> (i, k)>, affine_map<(i, k) -> (i)>],
                  iterator_types = ["parallel", "reduction"]}
      ins(%x : memref<16x4096xf32>) outs(%s : memref<16xf32>) {
  ^bb0(%v: f32, %acc: f32):
    %r = arith.addf %v, %acc : f32
    linalg.yield %r : f32
  }
  return
}

// -----

// Read once, an f32 row of 3072 takes 512 threads with two vectors each,
// which it fills to three quarters.
// CHECK-LABEL: func.func @sum_f32_3072
// CHECK: gpu.launch
// CHECK-SAME: threads({{.+}}) in ({{.+}} = %c512{{[_0-9]*}},
// CHECK-COUNT-2: vector.load %{{.+}} : memref<16x3072xf32>, vector<4xf32>
// CHECK-NOT: vector.load
// CHECK: gpu.subgroup_reduce  add
func.func @sum_f32_3072(%x: memref<16x3072xf32>, %s: memref<16xf32>) {
  %zero = arith.constant 0.0 : f32
  linalg.fill ins(%zero : f32) outs(%s : memref<16xf32>)
  linalg.generic {indexing_maps = [affine_map<(i, k) -> (i, k)>, affine_map<(i, k) -> (i)>],
                  iterator_types = ["parallel", "reduction"]}
      ins(%x : memref<16x3072xf32>) outs(%s : memref<16xf32>) {
  ^bb0(%v: f32, %acc: f32):
    %r = arith.addf %v, %acc : f32
    linalg.yield %r : f32
  }
  return
}

// -----

// Read once, an f32 row of 5120 would fill 1024 threads with two vectors
// to 5/8: it takes 512 threads with three.
// CHECK-LABEL: func.func @sum_f32_5120
// CHECK: gpu.launch
// CHECK-SAME: threads({{.+}}) in ({{.+}} = %c512{{[_0-9]*}},
// CHECK-COUNT-3: vector.load %{{.+}} : memref<16x5120xf32>, vector<4xf32>
// CHECK-NOT: vector.load
// CHECK: gpu.subgroup_reduce  add
func.func @sum_f32_5120(%x: memref<16x5120xf32>, %s: memref<16xf32>) {
  %zero = arith.constant 0.0 : f32
  linalg.fill ins(%zero : f32) outs(%s : memref<16xf32>)
  linalg.generic {indexing_maps = [affine_map<(i, k) -> (i, k)>, affine_map<(i, k) -> (i)>],
                  iterator_types = ["parallel", "reduction"]}
      ins(%x : memref<16x5120xf32>) outs(%s : memref<16xf32>) {
  ^bb0(%v: f32, %acc: f32):
    %r = arith.addf %v, %acc : f32
    linalg.yield %r : f32
  }
  return
}

// -----

// Read again (the row less its sum), an f32 row of 3072 keeps 256 threads
// with three vectors, which it fills.
// CHECK-LABEL: func.func @center_f32_3072
// CHECK: gpu.launch
// CHECK-SAME: threads({{.+}}) in ({{.+}} = %c256{{[_0-9]*}},
// CHECK-COUNT-3: vector.load %{{.+}} : memref<16x3072xf32>, vector<4xf32>
// CHECK-NOT: vector.load %{{.+}} : memref<16x3072xf32>
// CHECK: gpu.subgroup_reduce  add
func.func @center_f32_3072(%x: memref<16x3072xf32>, %s: memref<16xf32>, %y: memref<16x3072xf32>) {
  %zero = arith.constant 0.0 : f32
  linalg.fill ins(%zero : f32) outs(%s : memref<16xf32>)
  linalg.generic {indexing_maps = [affine_map<(i, k) -> (i, k)>, affine_map<(i, k) -> (i)>],
                  iterator_types = ["parallel", "reduction"]}
      ins(%x : memref<16x3072xf32>) outs(%s : memref<16xf32>) {
  ^bb0(%v: f32, %acc: f32):
    %r = arith.addf %v, %acc : f32
    linalg.yield %r : f32
  }
  linalg.generic {indexing_maps = [affine_map<(i, k) -> (i, k)>, affine_map<(i, k) -> (i)>, affine_map<(i, k) -> (i, k)>],
                  iterator_types = ["parallel", "parallel"]}
      ins(%x, %s : memref<16x3072xf32>, memref<16xf32>) outs(%y : memref<16x3072xf32>) {
  ^bb0(%v: f32, %t: f32, %o: f32):
    %r = arith.subf %v, %t : f32
    linalg.yield %r : f32
  }
  return
}

// -----

// A group that reads an f32 row of 4096 again takes that shape's three
// blocks per multiprocessor and, with l2-evict-last, reloads the row in
// each pass: evict-last loads in the first, evict-first in the last.
// CHECK-LABEL: func.func @center_f32_4096
// CHECK: gpu.launch
// CHECK-SAME: threads({{.+}}) in ({{.+}} = %c512{{[_0-9]*}},
// CHECK: ld.global.L1::evict_last.L2::cache_hint.v4.b32
// CHECK: gpu.barrier
// CHECK: ld.global.L1::evict_first.L2::cache_hint.v4.b32
// CHECK: } {nvvm.minctasm = 3 : i32}
func.func @center_f32_4096(%x: memref<16x4096xf32>, %s: memref<16xf32>, %y: memref<16x4096xf32>) {
  %zero = arith.constant 0.0 : f32
  linalg.fill ins(%zero : f32) outs(%s : memref<16xf32>)
  linalg.generic {indexing_maps = [affine_map<(i, k) -> (i, k)>, affine_map<(i, k) -> (i)>],
                  iterator_types = ["parallel", "reduction"]}
      ins(%x : memref<16x4096xf32>) outs(%s : memref<16xf32>) {
  ^bb0(%v: f32, %acc: f32):
    %r = arith.addf %v, %acc : f32
    linalg.yield %r : f32
  }
  linalg.generic {indexing_maps = [affine_map<(i, k) -> (i, k)>, affine_map<(i, k) -> (i)>, affine_map<(i, k) -> (i, k)>],
                  iterator_types = ["parallel", "parallel"]}
      ins(%x, %s : memref<16x4096xf32>, memref<16xf32>) outs(%y : memref<16x4096xf32>) {
  ^bb0(%v: f32, %t: f32, %o: f32):
    %r = arith.subf %v, %t : f32
    linalg.yield %r : f32
  }
  return
}

// -----

// A group that reads the row again, on a shape that fills a thread's
// registers (f32 rows of 16384: 512 threads with eight vectors), keeps a
// branch around each vector's loads and masks its reductions, as for a row
// of unknown length, though the rows are known to hold 16384 elements.
// CHECK-LABEL: func.func @center_f32_16384
// CHECK: gpu.launch
// CHECK-SAME: threads({{.+}}) in ({{.+}} = %c512{{[_0-9]*}},
// CHECK: %[[VALID:.+]] = arith.andi
// CHECK: scf.if %[[VALID]] -> (vector<4xf32>)
// CHECK: llvm.inline_asm "ld.global.L2::cache_hint.v4.b32
// CHECK: arith.select %[[VALID]]
// CHECK: gpu.subgroup_reduce  add
func.func @center_f32_16384(%x: memref<8x16384xf32>, %s: memref<8xf32>, %y: memref<8x16384xf32>) {
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

// The same row read once loads its vectors without a branch.
// CHECK-LABEL: func.func @sum_f32_16384
// CHECK: gpu.launch
// CHECK-NOT: scf.if
// CHECK: vector.load %{{.+}} : memref<8x16384xf32>, vector<4xf32>
// CHECK-NOT: scf.if
// CHECK: gpu.subgroup_reduce  add
func.func @sum_f32_16384(%x: memref<8x16384xf32>, %s: memref<8xf32>) {
  %zero = arith.constant 0.0 : f32
  linalg.fill ins(%zero : f32) outs(%s : memref<8xf32>)
  linalg.generic {indexing_maps = [affine_map<(i, k) -> (i, k)>, affine_map<(i, k) -> (i)>],
                  iterator_types = ["parallel", "reduction"]}
      ins(%x : memref<8x16384xf32>) outs(%s : memref<8xf32>) {
  ^bb0(%v: f32, %acc: f32):
    %r = arith.addf %v, %acc : f32
    linalg.yield %r : f32
  }
  return
}

// -----

// Streaming loops are marked not to unroll: with a static length LLVM would
// otherwise unroll their known trip count into straight-line code.
// CHECK: #[[UNROLL:.+]] = #llvm.loop_unroll<disable = true>
// CHECK: #[[NOUNROLL:.+]] = #llvm.loop_annotation<unroll = #[[UNROLL]]>
// CHECK-LABEL: func.func @sum_bf16_65536
// CHECK: gpu.launch
// CHECK-SAME: threads({{.+}}) in ({{.+}} = %c1024{{[_0-9]*}},
// CHECK: scf.for
// CHECK: vector.load
// CHECK: } {loop_annotation = #[[NOUNROLL]]}
func.func @sum_bf16_65536(%x: memref<4x65536xbf16>, %s: memref<4xf32>) {
  %zero = arith.constant 0.0 : f32
  linalg.fill ins(%zero : f32) outs(%s : memref<4xf32>)
  linalg.generic {indexing_maps = [affine_map<(i, k) -> (i, k)>, affine_map<(i, k) -> (i)>],
                  iterator_types = ["parallel", "reduction"]}
      ins(%x : memref<4x65536xbf16>) outs(%s : memref<4xf32>) {
  ^bb0(%v: bf16, %acc: f32):
    %e = arith.extf %v : bf16 to f32
    %r = arith.addf %e, %acc : f32
    linalg.yield %r : f32
  }
  return
}
