// RUN: vortex-opt %s --pass-pipeline='builtin.module(func.func(vx-gpu-row-kernels{cluster=8 stage-bytes=200000}))' --split-input-file | FileCheck %s
// RUN: vortex-opt %s --pass-pipeline='builtin.module(func.func(vx-gpu-row-kernels{cluster=1 stage-bytes=200000}))' --split-input-file | FileCheck %s --check-prefix=NOCLUSTER

// Which kernel shape takes which row length. A group that reads the row
// again and two column vectors (a LayerNorm's weight and bias) takes, past
// a 512-thread block's registers (16384 bf16), 512-thread blocks that keep
// their part of the row in shared memory (eight vectors a thread, 64 KiB, three
// blocks per multiprocessor in 200000 bytes): one block (32768), a cluster
// of two (65536), then staging (three steps of 32768 in 200000 bytes:
// 98304), then clusters of four and eight (131072, 262144). Without clusters,
// a 1024-thread block takes rows up to 32768. Short rows share blocks of
// 128 threads (256 for groups that read no column vector). Below 16384, a
// shape for each doubling of the length: 64 threads with four vectors
// (2048, two rows a block), 128 (4096), 256 (8192).
// CHECK-LABEL: func.func @scale_shift
// CHECK: arith.cmpi ule, %[[N:.+]], %c512
// CHECK: threads({{.+}}) in ({{.+}} = %c128,
// CHECK: arith.cmpi ule, %[[N]], %c1024
// CHECK: threads({{.+}}) in ({{.+}} = %c128,
// CHECK: arith.cmpi ule, %[[N]], %c2048
// CHECK: threads({{.+}}) in ({{.+}} = %c128,
// CHECK-COUNT-4: vector.load %{{.+}} : memref<?x?xbf16>, vector<8xbf16>
// CHECK-NOT: vector.load %{{.+}} : memref<?x?xbf16>
// CHECK: arith.cmpi ule, %[[N]], %c4096
// CHECK: threads({{.+}}) in ({{.+}} = %c128,
// CHECK: arith.cmpi ule, %[[N]], %c8192
// CHECK: threads({{.+}}) in ({{.+}} = %c256,
// CHECK: arith.cmpi ule, %[[N]], %c16384
// CHECK: threads({{.+}}) in ({{.+}} = %c512{{[_0-9]*}},
// CHECK: arith.cmpi ule, %[[N]], %c32768
// CHECK: gpu.launch blocks
// CHECK-SAME: threads({{.+}}) in ({{.+}} = %c512{{[_0-9]*}},
// CHECK-SAME: dynamic_shared_memory_size %c65536_i32
// CHECK: nvgpu.device_async_copy
// CHECK: nvvm.cp.async.wait.group 0
// CHECK: vector.load %{{.+}} : memref<?xbf16, 3>, vector<8xbf16>
// CHECK: } {nvvm.minctasm = 3 : i32}
// CHECK: arith.cmpi ule, %[[N]], %c65536
// CHECK: gpu.launch clusters({{.+}}) in ({{.+}} = %c2{{[_0-9]*}},
// CHECK-SAME: threads({{.+}}) in ({{.+}} = %c512{{[_0-9]*}},
// CHECK: nvvm.cp.async.wait.group 0
// CHECK: arith.cmpi ule, %[[N]], %c98304
// CHECK: gpu.launch blocks
// CHECK-SAME: threads({{.+}}) in ({{.+}} = %c1024{{[_0-9]*}},
// CHECK-SAME: dynamic_shared_memory_size
// CHECK: nvvm.cp.async.wait.group 1
// CHECK: arith.cmpi ule, %[[N]], %c131072
// CHECK: gpu.launch clusters({{.+}}) in ({{.+}} = %c4{{[_0-9]*}},
// CHECK: arith.cmpi ule, %[[N]], %c262144
// CHECK: gpu.launch clusters({{.+}}) in ({{.+}} = %c8{{[_0-9]*}},
// NOCLUSTER-LABEL: func.func @scale_shift
// NOCLUSTER: arith.cmpi ule, %[[N:.+]], %c32768
// NOCLUSTER: gpu.launch blocks
// NOCLUSTER-SAME: threads({{.+}}) in ({{.+}} = %c1024{{[_0-9]*}},
// NOCLUSTER-NOT: clusters
// NOCLUSTER: return
func.func @scale_shift(%x: memref<?x?xbf16>, %w: memref<?xbf16>, %b: memref<?xbf16>, %s: memref<?xf32>, %y: memref<?x?xbf16>) {
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
  linalg.generic {indexing_maps = [affine_map<(i, k) -> (i, k)>, affine_map<(i, k) -> (i)>, affine_map<(i, k) -> (k)>, affine_map<(i, k) -> (k)>, affine_map<(i, k) -> (i, k)>],
                  iterator_types = ["parallel", "parallel"]}
      ins(%x, %s, %w, %b : memref<?x?xbf16>, memref<?xf32>, memref<?xbf16>, memref<?xbf16>) outs(%y : memref<?x?xbf16>) {
  ^bb0(%v: bf16, %t: f32, %wv: bf16, %bv: bf16, %o: bf16):
    %e = arith.extf %v : bf16 to f32
    %we = arith.extf %wv : bf16 to f32
    %be = arith.extf %bv : bf16 to f32
    %c = arith.subf %e, %t : f32
    %m = arith.mulf %c, %we : f32
    %a = arith.addf %m, %be : f32
    %r = arith.truncf %a : f32 to bf16
    linalg.yield %r : bf16
  }
  return
}

// -----

// A group that reads no column vector takes a cluster of two holding the
// row in registers (32768), then clusters of two, four and eight that keep
// it in shared memory (65536 to 262144); staging (98304) would never run
// after the cluster of four and is not emitted.
// CHECK-LABEL: func.func @center
// CHECK: arith.cmpi ule, %[[N:.+]], %c512
// CHECK: threads({{.+}}) in ({{.+}} = %c256,
// CHECK: arith.cmpi ule, %[[N]], %c32768
// CHECK: gpu.launch clusters({{.+}}) in ({{.+}} = %c2{{[_0-9]*}},
// CHECK-NOT: nvvm.cp.async.wait.group
// CHECK: arith.cmpi ule, %[[N]], %c65536
// CHECK: gpu.launch clusters({{.+}}) in ({{.+}} = %c2{{[_0-9]*}},
// CHECK: nvvm.cp.async.wait.group 0
// CHECK: arith.cmpi ule, %[[N]], %c131072
// CHECK: gpu.launch clusters({{.+}}) in ({{.+}} = %c4{{[_0-9]*}},
// CHECK-NOT: nvvm.cp.async.wait.group 1
// CHECK: arith.cmpi ule, %[[N]], %c262144
// CHECK: gpu.launch clusters({{.+}}) in ({{.+}} = %c8{{[_0-9]*}},
// NOCLUSTER-LABEL: func.func @center
// NOCLUSTER: arith.cmpi ule, %[[N:.+]], %c32768
// NOCLUSTER: arith.cmpi ule, %[[N]], %c98304
// NOCLUSTER: nvvm.cp.async.wait.group
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
    %c = arith.subf %e, %t : f32
    %r = arith.truncf %c : f32 to bf16
    linalg.yield %r : bf16
  }
  return
}

// -----

// A static row that needs a 1024-thread block (20000 f32) takes the cluster
// of two 512-thread blocks; without clusters, the 1024-thread block.
// CHECK-LABEL: func.func @static_row
// CHECK: gpu.launch clusters({{.+}}) in ({{.+}} = %c2{{[_0-9]*}},
// CHECK-SAME: threads({{.+}}) in ({{.+}} = %c512{{[_0-9]*}},
// CHECK-NOT: gpu.launch clusters
// NOCLUSTER-LABEL: func.func @static_row
// NOCLUSTER: gpu.launch blocks
// NOCLUSTER-SAME: threads({{.+}}) in ({{.+}} = %c1024{{[_0-9]*}},
func.func @static_row(%x: memref<3x20000xf32>, %s: memref<3xf32>, %y: memref<3x20000xf32>) {
  %zero = arith.constant 0.0 : f32
  linalg.fill ins(%zero : f32) outs(%s : memref<3xf32>)
  linalg.generic {indexing_maps = [affine_map<(i, k) -> (i, k)>, affine_map<(i, k) -> (i)>],
                  iterator_types = ["parallel", "reduction"]}
      ins(%x : memref<3x20000xf32>) outs(%s : memref<3xf32>) {
  ^bb0(%v: f32, %acc: f32):
    %r = arith.addf %v, %acc : f32
    linalg.yield %r : f32
  }
  linalg.generic {indexing_maps = [affine_map<(i, k) -> (i, k)>, affine_map<(i, k) -> (i)>, affine_map<(i, k) -> (i, k)>],
                  iterator_types = ["parallel", "parallel"]}
      ins(%x, %s : memref<3x20000xf32>, memref<3xf32>) outs(%y : memref<3x20000xf32>) {
  ^bb0(%v: f32, %t: f32, %o: f32):
    %r = arith.subf %v, %t : f32
    linalg.yield %r : f32
  }
  return
}

// -----

// f32 rows that 128 threads would hold in eight vectors each (4096) go to
// 512 threads with two, three blocks per multiprocessor when the group
// reads the row again; rows of 2049 to 3072 to 256 threads with three, as
// for a static length. The column vectors of the first chunks, up to 64
// bytes a thread, are loaded before the row (both chunks' of 4096); of a
// longer row (16384: eight chunks) the first four chunks' before it, the
// other four after the row's reduction; the same on a cluster of two
// (32768).
// CHECK-LABEL: func.func @scale_f32
// CHECK: arith.cmpi ule, %[[N:.+]], %c1024
// CHECK: threads({{.+}}) in ({{.+}} = %c128,
// CHECK-NOT: gpu.subgroup_reduce
// CHECK: vector.load %arg1
// CHECK-NOT: gpu.subgroup_reduce
// CHECK: vector.load %arg0
// CHECK: gpu.subgroup_reduce
// CHECK: arith.cmpi ule, %[[N]], %c3072
// CHECK: threads({{.+}}) in ({{.+}} = %c256{{[_0-9]*}},
// CHECK-COUNT-3: vector.load %arg0
// CHECK-NOT: vector.load %arg0
// CHECK: arith.cmpi ule, %[[N]], %c4096
// CHECK: threads({{.+}}) in ({{.+}} = %c512{{[_0-9]*}},
// CHECK-NOT: gpu.subgroup_reduce
// CHECK-COUNT-2: vector.load %arg1
// CHECK-NOT: gpu.subgroup_reduce
// CHECK: vector.load %arg0
// CHECK: gpu.subgroup_reduce
// CHECK: } {nvvm.minctasm = 3 : i32}
// CHECK: arith.cmpi ule, %[[N]], %c16384
// CHECK: threads({{.+}}) in ({{.+}} = %c512{{[_0-9]*}},
// CHECK-COUNT-4: vector.load %arg1
// CHECK-NOT: vector.load %arg1
// CHECK: gpu.subgroup_reduce
// CHECK-COUNT-4: vector.load %arg1
// CHECK: arith.cmpi ule, %[[N]], %c32768
// CHECK: gpu.launch clusters({{.+}}) in ({{.+}} = %c2{{[_0-9]*}},
// CHECK-COUNT-4: vector.load %arg1
// CHECK-NOT: vector.load %arg1
// CHECK: gpu.subgroup_reduce
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

// Read once (a row sum), the same f32 rows of 4096 take 512 threads with
// two vectors each.
// CHECK-LABEL: func.func @sum_f32
// CHECK: arith.cmpi ule, %[[N:.+]], %c1024
// CHECK: arith.cmpi ule, %[[N]], %c4096
// CHECK: threads({{.+}}) in ({{.+}} = %c512{{[_0-9]*}},
// CHECK-COUNT-2: vector.load %arg0
// CHECK-NOT: vector.load
// CHECK: gpu.subgroup_reduce
// CHECK: arith.cmpi ule, %[[N]], %c16384
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

// -----

// f32 rows of a dynamic length read once (a row sum): a shape for each
// doubling with two vectors per thread (256 threads for 2048, 512 for 4096,
// 1024 for 8192) and, for the rows that fill at most 11/16 of it, half the
// threads with three (128 threads, two rows a block, for 1025 to 1408; 256
// for 2049 to 2816; 512 for 4097 to 5632).
// CHECK-LABEL: func.func @sum_f32
// CHECK: arith.cmpi ule, %[[N:.+]], %c1024
// CHECK: arith.cmpi ule, %[[N]], %c1408
// CHECK: threads({{.+}}) in ({{.+}} = %c256{{[_0-9]*}},
// CHECK-COUNT-3: vector.load %{{.+}} : memref<?x?xf32>, vector<4xf32>
// CHECK-NOT: vector.load %{{.+}} : memref<?x?xf32>
// CHECK: arith.cmpi ule, %[[N]], %c2048
// CHECK: threads({{.+}}) in ({{.+}} = %c256{{[_0-9]*}},
// CHECK-COUNT-2: vector.load %{{.+}} : memref<?x?xf32>, vector<4xf32>
// CHECK-NOT: vector.load %{{.+}} : memref<?x?xf32>
// CHECK: arith.cmpi ule, %[[N]], %c2816
// CHECK: threads({{.+}}) in ({{.+}} = %c256{{[_0-9]*}},
// CHECK-COUNT-3: vector.load %{{.+}} : memref<?x?xf32>, vector<4xf32>
// CHECK-NOT: vector.load %{{.+}} : memref<?x?xf32>
// CHECK: arith.cmpi ule, %[[N]], %c4096
// CHECK: threads({{.+}}) in ({{.+}} = %c512{{[_0-9]*}},
// CHECK-COUNT-2: vector.load %{{.+}} : memref<?x?xf32>, vector<4xf32>
// CHECK-NOT: vector.load %{{.+}} : memref<?x?xf32>
// CHECK: arith.cmpi ule, %[[N]], %c5632
// CHECK: threads({{.+}}) in ({{.+}} = %c512{{[_0-9]*}},
// CHECK-COUNT-3: vector.load %{{.+}} : memref<?x?xf32>, vector<4xf32>
// CHECK-NOT: vector.load %{{.+}} : memref<?x?xf32>
// CHECK: arith.cmpi ule, %[[N]], %c8192
// CHECK: threads({{.+}}) in ({{.+}} = %c1024{{[_0-9]*}},
// CHECK-COUNT-2: vector.load %{{.+}} : memref<?x?xf32>, vector<4xf32>
// CHECK-NOT: vector.load %{{.+}} : memref<?x?xf32>
// CHECK: arith.cmpi ule, %[[N]], %c16384
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
