// RUN: vortex-opt %s --pass-pipeline='builtin.module(func.func(vx-gpu-row-kernels{cluster=8}),canonicalize,cse)' --split-input-file | FileCheck %s
// RUN: vortex-opt %s --pass-pipeline='builtin.module(func.func(vx-gpu-row-kernels{cluster=3}))' --split-input-file -verify-diagnostics -o /dev/null

// With clusters of up to 8 blocks, dynamic f32 rows longer than a
// 512-thread block's registers (16384 elements) are split over a
// thread-block cluster of 512-thread blocks: 2 blocks up to 32768 elements
// (not one 1024-thread block), 4 up to 65536, 8 up to 131072, then the
// streaming kernel. The first thread initializes one mbarrier per
// reduction in dynamic shared memory (96 bytes per reduction for 4 blocks:
// four 16-byte receive slots, a send slot, the mbarrier) and the blocks
// arrive on the cluster barrier without waiting; before the first exchange
// they wait for it. Each block reduces its part, its first thread writes
// the total to its send slot, fences it for the async proxy, expects 48
// bytes on its own mbarrier and copies the slot into the other blocks'
// receive slots with cp.async.bulk (one copy per rank, skipping its own); every thread waits on the mbarrier and
// combines the four totals in rank order (its own from registers). A last
// relaxed cluster barrier keeps every block alive until its copies have
// landed. Only groups that read the row again (here the row sum, then each
// element minus it) use clusters.
// CHECK-LABEL: func.func @center
// CHECK: arith.cmpi ule, %[[N:.+]], %c16384
// CHECK: threads({{.+}}) in ({{.+}} = %c512{{[_0-9]*}},
// CHECK: arith.cmpi ule, %[[N]], %c32768
// CHECK-NOT: threads({{.+}}) in ({{.+}} = %c1024
// CHECK: gpu.launch clusters({{.+}}) in ({{.+}} = %c2{{[_0-9]*}}, {{.+}}) blocks({{.+}}) threads({{.+}}) in ({{.+}} = %c512{{[_0-9]*}}, {{.+}}) dynamic_shared_memory_size %c64_i32
// CHECK: arith.cmpi ule, %[[N]], %c65536
// CHECK: %[[G:.+]] = arith.muli %{{.+}}, %c4
// CHECK: gpu.launch clusters({{.+}}) in ({{.+}} = %c4{{[_0-9]*}}, {{.+}}) blocks({{.+}}) in ({{.+}} = %[[G]], {{.+}}) threads({{.+}}) in ({{.+}} = %c512{{[_0-9]*}}, {{.+}}) dynamic_shared_memory_size %c96_i32 workgroup(%[[W:.+]] : memref<32xf32, #gpu.address_space<workgroup>>)
// CHECK: %[[RANK:.+]] = arith.remui %{{.+}}, %c4
// CHECK: %[[RAW:.+]] = gpu.dynamic_shared_memory
// CHECK: %[[PTR:.+]] = memref.extract_aligned_pointer_as_index %[[RAW]]
// CHECK: %[[BASE:.+]] = arith.index_castui %[[PTR]] : index to i64
// CHECK: scf.if
// CHECK: nvvm.mbarrier.init
// CHECK: nvvm.fence.mbarrier.init
// CHECK: nvvm.cluster.arrive.relaxed {aligned}
// CHECK: gpu.subgroup_reduce  add
// CHECK: gpu.barrier
// CHECK: nvvm.cluster.wait {aligned}
// CHECK: scf.if
// CHECK: llvm.store
// CHECK-NEXT: nvvm.fence.proxy {kind = #nvvm.proxy_kind<async.shared>, space = #nvvm.shared_space<cta>}
// CHECK-NEXT: nvvm.mbarrier.arrive.expect_tx %{{.+}}, %c48_i32
// CHECK-COUNT-4: cp.async.bulk.shared::cluster.shared::cta.mbarrier::complete_tx::bytes
// CHECK-NOT: cp.async.bulk
// CHECK: nvvm.mbarrier.try_wait.parity
// CHECK-COUNT-4: llvm.load %{{.+}} : !llvm.ptr<3> -> f32
// CHECK-NOT: nvvm.cluster.arrive {aligned}
// CHECK: nvvm.cluster.arrive.relaxed {aligned}
// CHECK-NEXT: nvvm.cluster.wait {aligned}
// CHECK-NEXT: gpu.terminator
// CHECK: arith.cmpi ule, %[[N]], %c131072
// CHECK: gpu.launch clusters({{.+}}) in ({{.+}} = %c8{{[_0-9]*}},
// CHECK-SAME: threads({{.+}}) in ({{.+}} = %c512{{[_0-9]*}},
// CHECK-SAME: dynamic_shared_memory_size %c160_i32
// CHECK: } else {
// CHECK: gpu.launch blocks
// CHECK: scf.for
// expected-error @below {{cluster must be 1, 2, 4 or 8, got 3}}
func.func @center(%x: memref<?x?xf32>, %s: memref<?xf32>, %y: memref<?x?xf32>) {
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
      ins(%x, %s : memref<?x?xf32>, memref<?xf32>) outs(%y : memref<?x?xf32>) {
  ^bb0(%v: f32, %t: f32, %o: f32):
    %r = arith.subf %v, %t : f32
    linalg.yield %r : f32
  }
  return
}

// -----

// Rows read once (a row sum) stream at copy speed: no clusters.
// CHECK-LABEL: func.func @row_sum
// CHECK-NOT: clusters
// CHECK: return
// expected-error @below {{cluster must be 1, 2, 4 or 8, got 3}}
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

// -----

// Rows of 16-bit elements stream past 32768 elements: no clusters.
// CHECK-LABEL: func.func @row_sum_bf16
// CHECK-NOT: clusters
// CHECK: return
// expected-error @below {{cluster must be 1, 2, 4 or 8, got 3}}
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

// -----

// A static row of 65536 f32 elements takes the cluster of four 512-thread
// blocks at compile time, with no streaming kernel.
// CHECK-LABEL: func.func @static_row
// CHECK: gpu.launch clusters({{.+}}) in ({{.+}} = %c4{{[_0-9]*}},
// CHECK-SAME: threads({{.+}}) in ({{.+}} = %c512{{[_0-9]*}},
// CHECK-NOT: gpu.launch
// CHECK: } else {
// expected-error @below {{cluster must be 1, 2, 4 or 8, got 3}}
func.func @static_row(%x: memref<2x65536xf32>, %s: memref<2xf32>, %y: memref<2x65536xf32>) {
  %zero = arith.constant 0.0 : f32
  linalg.fill ins(%zero : f32) outs(%s : memref<2xf32>)
  linalg.generic {indexing_maps = [affine_map<(i, k) -> (i, k)>, affine_map<(i, k) -> (i)>],
                  iterator_types = ["parallel", "reduction"]}
      ins(%x : memref<2x65536xf32>) outs(%s : memref<2xf32>) {
  ^bb0(%v: f32, %acc: f32):
    %r = arith.addf %v, %acc : f32
    linalg.yield %r : f32
  }
  linalg.generic {indexing_maps = [affine_map<(i, k) -> (i, k)>, affine_map<(i, k) -> (i)>, affine_map<(i, k) -> (i, k)>],
                  iterator_types = ["parallel", "parallel"]}
      ins(%x, %s : memref<2x65536xf32>, memref<2xf32>) outs(%y : memref<2x65536xf32>) {
  ^bb0(%v: f32, %t: f32, %o: f32):
    %r = arith.subf %v, %t : f32
    linalg.yield %r : f32
  }
  return
}
