// RUN: vortex-opt %s --pass-pipeline='builtin.module(func.func(vx-gpu-row-kernels{stage-bytes=200000 sm-count=100}),canonicalize,cse)' --split-input-file | FileCheck %s
// RUN: vortex-opt %s --pass-pipeline='builtin.module(func.func(vx-gpu-row-kernels{stage-bytes=-1}))' --split-input-file -verify-diagnostics -o /dev/null

// Rows that a group reads more than once and that are too long for the
// registers but fit in `stage-bytes` of shared memory are staged: here
// 200000 bytes hold three streaming steps of 1024 threads x 8 lanes x 4
// chunks of bf16 (98304 elements). The shared memory is a ring of whole
// steps: the row's R steps and the first A = min(3 - R, R) steps of the
// block's next row. Each thread copies its vectors of the block's first row
// with cp.async before the persistent row loop (one group), then those of
// the first A steps of its next row behind them (a second group); at the
// start of each row it waits for all groups but the last, reads its
// vectors from the ring in every stage (through an address-space-3 cast,
// which the vector lowering in kernels understands, at the ring step of
// the row's base plus the step, wrapped), and after the last stage reads a
// vector it copies the vector that the ring holds next into its place:
// the next row's step s + A, or for the last A steps the first steps of the
// row after next, committing a group between the two. Each stage loops
// over the steps that lie inside the row without masks, then over at most
// one masked step. Longer rows stream.
// CHECK-LABEL: func.func @center
// CHECK: arith.cmpi ule, %[[N:.+]], %c32768
// CHECK: arith.cmpi ule, %[[N]], %c98304
// CHECK: %[[ROUNDS:.+]] = arith.ceildivui %[[BLOCKS:.+]], %c100
// CHECK: %[[GRID:.+]] = arith.ceildivui %[[BLOCKS]], %[[ROUNDS]]
// CHECK: %[[R:.+]] = arith.divui %{{.+}}, %c32768
// CHECK: %[[FREE:.+]] = arith.subi %c3, %[[R]]
// CHECK: %[[A:.+]] = arith.minui %[[FREE]], %[[R]]
// CHECK: %[[W:.+]] = arith.addi %[[R]], %[[A]]
// CHECK: %[[BYTES:.+]] = arith.index_cast %{{.+}} : index to i32
// CHECK: gpu.launch blocks({{.+}}) in (%[[G:[^ ]+]] = %[[GRID]], {{.+}}) threads({{.+}}) in ({{.+}} = %c1024{{[_0-9]*}}, {{.+}}) dynamic_shared_memory_size %[[BYTES]]
// CHECK: %[[RAW:.+]] = gpu.dynamic_shared_memory
// CHECK: %[[VIEW:.+]] = memref.view %[[RAW]]
// CHECK: %[[LOADS:.+]] = memref.memory_space_cast %[[VIEW]] {{.+}} to memref<?xbf16, 3>
// CHECK: scf.for %{{.+}} = %c0 to %[[R]]
// CHECK-COUNT-4: nvgpu.device_async_copy %arg0[{{.+}}], %[[VIEW]][{{.+}}], 8 {bypassL1}
// CHECK: nvvm.cp.async.commit.group
// CHECK: %[[HEAD:.+]] = arith.muli %[[R]], %c32768
// CHECK: scf.for %{{.+}} = %c0 to %[[A]]
// CHECK: %[[PLACE:.+]] = arith.addi %{{.+}}, %[[HEAD]]
// CHECK: nvgpu.device_async_copy %arg0[{{.+}}], %[[VIEW]][%[[PLACE]]], 8 {bypassL1}
// CHECK: nvvm.cp.async.commit.group
// CHECK: scf.for %{{.+}} = %{{.+}} to %{{.+}} step %[[G]] iter_args(%[[BASE:.+]] = %c0) -> (index) {
// CHECK: nvvm.cp.async.wait.group 1
// CHECK: scf.for %[[S:.+]] = %c0 to
// CHECK: %[[AT:.+]] = arith.addi %[[BASE]], %[[S]]
// CHECK: %[[WRAPS:.+]] = arith.cmpi uge, %[[AT]], %[[W]]
// CHECK: vector.load %[[LOADS]]
// CHECK-NOT: nvgpu.device_async_copy
// CHECK: gpu.subgroup_reduce  add
// CHECK: vector.load %[[LOADS]]
// CHECK: vector.store
// CHECK-COUNT-4: nvgpu.device_async_copy %arg0
// CHECK: arith.cmpi eq
// CHECK-NEXT: scf.if
// CHECK-NEXT: nvvm.cp.async.commit.group
// CHECK: vector.load %[[LOADS]]
// CHECK: vector.store
// CHECK-COUNT-4: nvgpu.device_async_copy %arg0
// CHECK: nvvm.cp.async.commit.group
// CHECK: nvvm.cp.async.commit.group
// CHECK: gpu.barrier
// CHECK: %[[NEXT:.+]] = arith.addi %[[BASE]], %[[R]]
// CHECK: scf.yield
// CHECK-NEXT: }
// CHECK-NEXT: gpu.terminator
// CHECK: } else {
// CHECK: gpu.launch blocks
// CHECK-NOT: dynamic_shared_memory_size
// CHECK: gpu.terminator
// expected-error @below {{stage-bytes must not be negative, got -1}}
func.func @center(%x: memref<?x?xbf16>, %s: memref<?xf32>, %y: memref<?x?xbf16>) {
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
    %r = arith.subf %e, %t : f32
    %c = arith.truncf %r : f32 to bf16
    linalg.yield %c : bf16
  }
  return
}

// -----

// A row read once (a row sum) streams at any length: nothing to stage.
// CHECK-LABEL: func.func @row_sum
// CHECK-NOT: dynamic_shared_memory_size
// CHECK: return
// expected-error @below {{stage-bytes must not be negative, got -1}}
func.func @row_sum(%x: memref<?x?xbf16>, %s: memref<?xf32>) {
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

// -----

// A static row of 65536 bf16 elements (128 KiB) takes the staged kernel at
// compile time, with 131072 bytes of shared memory.
// CHECK-LABEL: func.func @static_row
// CHECK: gpu.launch blocks({{.+}}) in ({{.+}} = %{{.+}}, {{.+}}) threads({{.+}}) in ({{.+}} = %c1024{{[_0-9]*}}, {{.+}}) dynamic_shared_memory_size
// CHECK-NOT: gpu.launch
// CHECK: } else {
// expected-error @below {{stage-bytes must not be negative, got -1}}
func.func @static_row(%x: memref<4x65536xbf16>, %s: memref<4xf32>, %y: memref<4x65536xbf16>) {
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
  linalg.generic {indexing_maps = [affine_map<(i, k) -> (i, k)>, affine_map<(i, k) -> (i)>, affine_map<(i, k) -> (i, k)>],
                  iterator_types = ["parallel", "parallel"]}
      ins(%x, %s : memref<4x65536xbf16>, memref<4xf32>) outs(%y : memref<4x65536xbf16>) {
  ^bb0(%v: bf16, %t: f32, %o: bf16):
    %e = arith.extf %v : bf16 to f32
    %r = arith.subf %e, %t : f32
    %c = arith.truncf %r : f32 to bf16
    linalg.yield %c : bf16
  }
  return
}
