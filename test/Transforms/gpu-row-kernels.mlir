// RUN: vortex-opt %s --pass-pipeline='builtin.module(func.func(vx-gpu-row-kernels))' --split-input-file | FileCheck %s

// Softmax on static 4x64 f32 rows: the three ops and the fills of their
// accumulators become one launch of 8 threads per row, 32 rows per block
// (rows of at most 1024 elements take two vectors per thread).
// Each thread loads its two 4-wide vectors of the row once; the maximum and
// the sum stay in registers (their buffers are no longer allocated on that
// path), combined across the row's lanes by gpu.subgroup_reduce; the result
// is stored with vector stores. The original ops remain for unaligned
// buffers. The rows are known to hold 64 elements, so no chunk lies past
// them: loads take no branch and reductions no mask.
// CHECK-LABEL: func.func @softmax
// CHECK-SAME: (%[[X:.+]]: memref<4x64xf32>, %[[Y:.+]]: memref<4x64xf32>)
// CHECK: memref.extract_aligned_pointer_as_index %[[X]]
// CHECK: memref.extract_aligned_pointer_as_index %[[Y]]
// CHECK: scf.if
// CHECK-NOT: memref.alloc
// CHECK: gpu.launch
// CHECK-SAME: threads({{.+}}) in (%{{.+}} = %c256{{.*}},
// CHECK-NOT: scf.if
// CHECK-COUNT-2: vector.load %[[X]]{{.+}} : memref<4x64xf32>, vector<4xf32>
// CHECK-NOT: vector.load
// CHECK-NOT: arith.select
// CHECK: gpu.subgroup_reduce  maximumf %{{.+}} cluster(size = 8)
// CHECK-NOT: vector.load
// CHECK: math.exp
// CHECK: gpu.subgroup_reduce  add %{{.+}} cluster(size = 8)
// CHECK-NOT: vector.load
// CHECK-COUNT-2: vector.store %{{.+}}, %[[Y]]
// CHECK: gpu.terminator
// CHECK: } else {
// CHECK: memref.alloc
// CHECK: linalg.fill
// CHECK: linalg.generic
// CHECK: linalg.generic
// CHECK: linalg.generic
// CHECK: memref.dealloc
// CHECK-NOT: linalg.generic
// CHECK: return
func.func @softmax(%x: memref<4x64xf32>, %y: memref<4x64xf32>) {
  %ninf = arith.constant 0xFF800000 : f32
  %zero = arith.constant 0.0 : f32
  %max = memref.alloc() : memref<4xf32>
  linalg.fill ins(%ninf : f32) outs(%max : memref<4xf32>)
  linalg.generic {indexing_maps = [affine_map<(i, k) -> (i, k)>, affine_map<(i, k) -> (i)>],
                  iterator_types = ["parallel", "reduction"]}
      ins(%x : memref<4x64xf32>) outs(%max : memref<4xf32>) {
  ^bb0(%v: f32, %acc: f32):
    %m = arith.maximumf %v, %acc : f32
    linalg.yield %m : f32
  }
  %sum = memref.alloc() : memref<4xf32>
  linalg.fill ins(%zero : f32) outs(%sum : memref<4xf32>)
  linalg.generic {indexing_maps = [affine_map<(i, k) -> (i, k)>, affine_map<(i, k) -> (i)>,
                                   affine_map<(i, k) -> (i)>],
                  iterator_types = ["parallel", "reduction"]}
      ins(%x, %max : memref<4x64xf32>, memref<4xf32>) outs(%sum : memref<4xf32>) {
  ^bb0(%v: f32, %m: f32, %acc: f32):
    %d = arith.subf %v, %m : f32
    %e = math.exp %d : f32
    %s = arith.addf %e, %acc : f32
    linalg.yield %s : f32
  }
  linalg.generic {indexing_maps = [affine_map<(i, k) -> (i, k)>, affine_map<(i, k) -> (i)>,
                                   affine_map<(i, k) -> (i)>, affine_map<(i, k) -> (i, k)>],
                  iterator_types = ["parallel", "parallel"]}
      ins(%x, %max, %sum : memref<4x64xf32>, memref<4xf32>, memref<4xf32>)
      outs(%y : memref<4x64xf32>) {
  ^bb0(%v: f32, %m: f32, %s: f32, %out: f32):
    %d = arith.subf %v, %m : f32
    %e = math.exp %d : f32
    %r = arith.divf %e, %s : f32
    linalg.yield %r : f32
  }
  memref.dealloc %max : memref<4xf32>
  memref.dealloc %sum : memref<4xf32>
  return
}

// -----

// A dynamic bf16 row sum into a buffer the caller reads: 8-wide vectors, a
// launch for each register-resident row length (up to 512 and 1024 elements
// in two vectors per thread, 4096 and 16384 in four, 32768 on 1024
// threads), then 1024 threads streaming over longer rows with an exchange
// between warps through shared memory; lane 0 of each row stores the sum.
// CHECK-LABEL: func.func @row_sum
// CHECK-SAME: (%[[X:.+]]: memref<?x?xbf16>, %[[S:.+]]: memref<?xf32>)
// CHECK: %[[N:.+]] = memref.dim %[[X]], %c1
// CHECK: arith.remui %[[N]], %c8
// CHECK: arith.cmpi ule, %[[N]], %c512
// CHECK: gpu.launch
// CHECK: vector.load %[[X]]{{.+}} : memref<?x?xbf16>, vector<8xbf16>
// CHECK: gpu.subgroup_reduce  add
// CHECK: memref.store %{{.+}}, %[[S]]
// Rows of 513 to 1024 elements: each thread's first vector lies inside
// the row (no branch, no mask), its second may not.
// CHECK: arith.cmpi ule, %[[N]], %c1024
// CHECK: gpu.launch
// CHECK-SAME: threads({{.+}}) in (%{{.+}} = %c256,
// CHECK-SAME: workgroup(
// CHECK-NOT: scf.if
// CHECK: vector.load %[[X]]
// CHECK: scf.if %[[VALID:.+]] -> (vector<8xbf16>)
// CHECK-NEXT: vector.load %[[X]]
// CHECK: arith.select %[[VALID]]
// CHECK: arith.cmpi ule, %[[N]], %c4096
// CHECK: gpu.launch
// CHECK-SAME: workgroup(%[[W:.+]] : memref<32xf32, #gpu.address_space<workgroup>>)
// CHECK: gpu.subgroup_reduce  add
// CHECK: memref.store %{{.+}}, %[[W]]
// CHECK: gpu.barrier
// CHECK: arith.cmpi ule, %[[N]], %c16384
// CHECK: gpu.launch
// CHECK-SAME: threads({{.+}}) in (%{{.+}} = %c512{{[_0-9]*}},
// The 512-thread blocks ask ptxas to fit two of them per multiprocessor.
// CHECK: } {nvvm.minctasm = 2 : i32}
// CHECK: gpu.launch
// CHECK-SAME: threads({{.+}}) in (%{{.+}} = %c1024{{.*}},
// CHECK: scf.for
// CHECK: vector.load %[[X]]
// CHECK: gpu.barrier
// CHECK: } else {
// CHECK: linalg.fill
// CHECK: linalg.generic
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

// A reduction into a buffer that holds a running total: the kernel reads
// the total (no fill joins it) and adds to it.
// CHECK-LABEL: func.func @accumulate
// CHECK: gpu.launch
// CHECK: %[[OLD:.+]] = memref.load %arg1
// CHECK: %[[T:.+]] = gpu.subgroup_reduce  add
// CHECK: arith.addi %[[OLD]], %[[T]]
func.func @accumulate(%x: memref<3x100xi32>, %s: memref<3xi32>) {
  linalg.generic {indexing_maps = [affine_map<(i, k) -> (i, k)>, affine_map<(i, k) -> (i)>],
                  iterator_types = ["parallel", "reduction"]}
      ins(%x : memref<3x100xi32>) outs(%s : memref<3xi32>) {
  ^bb0(%v: i32, %acc: i32):
    %r = arith.addi %acc, %v : i32
    linalg.yield %r : i32
  }
  return
}

// -----

// Left alone: a reduction that reads its input transposed, and one whose
// 64-bit accumulator cannot cross lanes in 32-bit words.
// CHECK-LABEL: func.func @unsupported
// CHECK-NOT: gpu.launch
// CHECK: linalg.generic
// CHECK: linalg.generic
// CHECK-NOT: gpu.launch
func.func @unsupported(%x: memref<8x8xf32>, %s: memref<8xf32>, %y: memref<8x8xi64>, %t: memref<8xi64>) {
  linalg.generic {indexing_maps = [affine_map<(i, k) -> (k, i)>, affine_map<(i, k) -> (i)>],
                  iterator_types = ["parallel", "reduction"]}
      ins(%x : memref<8x8xf32>) outs(%s : memref<8xf32>) {
  ^bb0(%v: f32, %acc: f32):
    %r = arith.addf %v, %acc : f32
    linalg.yield %r : f32
  }
  linalg.generic {indexing_maps = [affine_map<(i, k) -> (i, k)>, affine_map<(i, k) -> (i)>],
                  iterator_types = ["parallel", "reduction"]}
      ins(%y : memref<8x8xi64>) outs(%t : memref<8xi64>) {
  ^bb0(%v: i64, %acc: i64):
    %r = arith.addi %v, %acc : i64
    linalg.yield %r : i64
  }
  return
}
