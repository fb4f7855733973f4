// RUN: vortex-opt %s --pass-pipeline='builtin.module(func.func(vx-gpu-matmul-mma-sync))' --split-input-file | FileCheck %s

// A 256x384x512 bf16 matmul whose f32 accumulator is cast to bf16 by a
// flattened elementwise op (what vx_tensor.matmul becomes after
// vx-lower-to-buffers). On the host: the 16-byte checks, one launch of 4
// warps per 128 x 128 tile (2 x 3 tiles) with 4 stages of the K-major lhs
// (128 rows of 32 + 8 elements) and the N-contiguous rhs (32 rows of 128 + 8)
// in dynamic shared memory; the original ops stay as the fallback.
// CHECK-LABEL: func.func @static_nn
// CHECK:         memref.extract_aligned_pointer_as_index
// CHECK:         scf.if %{{.+}} {
// CHECK:           gpu.launch blocks({{.*}}) in ({{.*}} = %[[UNITS:.+]], {{.*}}) threads({{.*}}) in ({{.*}} = %c128{{.*}}) dynamic_shared_memory_size %c75776_i32
// CHECK:             %[[A:.+]] = memref.view {{.*}} to memref<4x128x40xbf16, #gpu.address_space<workgroup>>
// CHECK:             %[[B:.+]] = memref.view {{.*}} to memref<4x32x136xbf16, #gpu.address_space<workgroup>>
// Prologue: 3 stages in flight, 4 copies of 16 bytes per operand per thread,
// each reading nothing (zero fill) past the edges.
// CHECK-COUNT-4:     nvgpu.device_async_copy %{{.+}}[%{{.+}}, %{{.+}}], %[[A]][%c0{{.*}}, %{{.+}}, %{{.+}}], 8, %{{.+}} {bypassL1} : memref<256x512xbf16> to memref<4x128x40xbf16
// CHECK-COUNT-4:     nvgpu.device_async_copy %{{.+}}[%{{.+}}, %{{.+}}], %[[B]][%c0{{.*}}, %{{.+}}, %{{.+}}], 8, %{{.+}} {bypassL1} : memref<512x384xbf16> to memref<4x32x136xbf16
// CHECK:             nvvm.cp.async.commit.group
// CHECK:             nvvm.cp.async.commit.group
// CHECK:             nvvm.cp.async.commit.group
// The K loop carries 32 mma accumulators: wait for the oldest stage, one
// barrier, the copies 3 stages ahead, then per 16 of K 4 ldmatrix.x4 of the
// lhs, 4 transposed ones of the rhs and 4 x 8 mma.sync.
// CHECK:             scf.for {{.*}} -> (!llvm.struct<(f32, f32, f32, f32)>, {{.*}}) {
// CHECK-NEXT:          nvvm.cp.async.wait.group 2
// CHECK-NEXT:          gpu.barrier
// CHECK-COUNT-8:       nvgpu.device_async_copy
// CHECK:               nvvm.cp.async.commit.group
// CHECK-COUNT-4:       nvgpu.ldmatrix %[[A]][{{.*}}] {numTiles = 4 : i32, transpose = false} : memref<4x128x40xbf16, #gpu.address_space<workgroup>> -> vector<4x2xbf16>
// CHECK-COUNT-4:       nvgpu.ldmatrix %[[B]][{{.*}}] {numTiles = 4 : i32, transpose = true} : memref<4x32x136xbf16, #gpu.address_space<workgroup>> -> vector<4x2xbf16>
// CHECK-COUNT-32:      nvvm.mma.sync A[{{.*}}] B[{{.*}}] C[{{.*}}] {layoutA = #nvvm.mma_layout<row>, layoutB = #nvvm.mma_layout<col>, multiplicandAPtxType = #nvvm.mma_type<bf16>, multiplicandBPtxType = #nvvm.mma_type<bf16>, shape = #nvvm.shape<m = 16, n = 8, k = 16>} : (i32, i32, f32) -> !llvm.struct<(f32, f32, f32, f32)>
// CHECK-COUNT-4:       nvgpu.ldmatrix %[[A]]
// CHECK-COUNT-4:       nvgpu.ldmatrix %[[B]]
// CHECK-COUNT-32:      nvvm.mma.sync
// CHECK:               scf.yield
// CHECK:             nvvm.cp.async.wait.group 0
// The epilogue's truncation on the registers, stored at the linear index:
// pairs of columns at once in tiles inside the result, one by one, checked,
// in the others.
// CHECK:             arith.truncf {{.*}} : f32 to bf16
// CHECK:             vector.store {{.*}} {alignment = 4 : i64} : memref<98304xbf16>, vector<2xbf16>
// CHECK:             arith.truncf {{.*}} : f32 to bf16
// CHECK:             memref.store {{.*}} : memref<98304xbf16>
// CHECK:           {vx.matmul_config = "128x128x32s4-mma-sync"}
// CHECK:         } else {
// CHECK-NEXT:      linalg.fill
// CHECK-NEXT:      linalg.generic
// CHECK:           linalg.generic
// CHECK:         memref.dealloc
func.func @static_nn(%a: memref<256x512xbf16>, %b: memref<512x384xbf16>) -> memref<256x384xbf16> {
  %zero = arith.constant 0.000000e+00 : f32
  %acc = memref.alloc() : memref<256x384xf32>
  linalg.fill ins(%zero : f32) outs(%acc : memref<256x384xf32>)
  linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d2)>, affine_map<(d0, d1, d2) -> (d2, d1)>, affine_map<(d0, d1, d2) -> (d0, d1)>], iterator_types = ["parallel", "parallel", "reduction"]} ins(%a, %b : memref<256x512xbf16>, memref<512x384xbf16>) outs(%acc : memref<256x384xf32>) {
  ^bb0(%x: bf16, %y: bf16, %o: f32):
    %0 = arith.extf %x : bf16 to f32
    %1 = arith.extf %y : bf16 to f32
    %2 = arith.mulf %0, %1 : f32
    %3 = arith.addf %o, %2 : f32
    linalg.yield %3 : f32
  }
  %out = memref.alloc() : memref<256x384xbf16>
  %flat = memref.collapse_shape %acc [[0, 1]] : memref<256x384xf32> into memref<98304xf32>
  %flatOut = memref.collapse_shape %out [[0, 1]] : memref<256x384xbf16> into memref<98304xbf16>
  linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%flat : memref<98304xf32>) outs(%flatOut : memref<98304xbf16>) {
  ^bb0(%x: f32, %o: bf16):
    %0 = arith.truncf %x : f32 to bf16
    linalg.yield %0 : bf16
  }
  memref.dealloc %acc : memref<256x384xf32>
  return %out : memref<256x384xbf16>
}

// -----

// Transposed operands: an M-contiguous lhs (K x M) in 32 rows of 128 + 8
// elements, read with transposing ldmatrix; a K-contiguous rhs (N x K) in
// 128 rows of 32 + 8, read without. f16 pairs go to mma.sync as vector<2xf16>.
// CHECK-LABEL: func.func @tt
// CHECK:         dynamic_shared_memory_size %c75776_i32
// CHECK:           %[[A:.+]] = memref.view {{.*}} to memref<4x32x136xf16, #gpu.address_space<workgroup>>
// CHECK:           %[[B:.+]] = memref.view {{.*}} to memref<4x128x40xf16, #gpu.address_space<workgroup>>
// CHECK:           scf.for
// CHECK-COUNT-4:     nvgpu.ldmatrix %[[A]][{{.*}}] {numTiles = 4 : i32, transpose = true}
// CHECK-COUNT-4:     nvgpu.ldmatrix %[[B]][{{.*}}] {numTiles = 4 : i32, transpose = false}
// CHECK:             nvvm.mma.sync {{.*}} : (vector<2xf16>, vector<2xf16>, f32) -> !llvm.struct<(f32, f32, f32, f32)>
// Without an epilogue op the f32 accumulator itself is stored.
// CHECK:           memref.store %{{.+}}, %{{.+}}[%{{.+}}, %{{.+}}] : memref<64x96xf32>
func.func @tt(%a: memref<128x64xf16>, %b: memref<96x128xf16>, %acc: memref<64x96xf32>) {
  %zero = arith.constant 0.000000e+00 : f32
  linalg.fill ins(%zero : f32) outs(%acc : memref<64x96xf32>)
  linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d2, d0)>, affine_map<(d0, d1, d2) -> (d1, d2)>, affine_map<(d0, d1, d2) -> (d0, d1)>], iterator_types = ["parallel", "parallel", "reduction"]} ins(%a, %b : memref<128x64xf16>, memref<96x128xf16>) outs(%acc : memref<64x96xf32>) {
  ^bb0(%x: f16, %y: f16, %o: f32):
    %0 = arith.extf %x : f16 to f32
    %1 = arith.extf %y : f16 to f32
    %2 = arith.mulf %0, %1 : f32
    %3 = arith.addf %o, %2 : f32
    linalg.yield %3 : f32
  }
  return
}

// -----

// A batch with a shared weight (x [B, M, K] times wᵀ, w [N, K]) and a bias
// in the epilogue: the lhs is read at [batch, row, k], the weight at
// [n, k], the bias at the element's column.
// CHECK-LABEL: func.func @shared_weight_bias
// CHECK:           nvgpu.device_async_copy %{{.+}}[%{{.+}}, %{{.+}}, %{{.+}}], {{.*}} : memref<2x?x64xbf16> to memref<4x128x40xbf16
// CHECK:           nvgpu.device_async_copy %{{.+}}[%{{.+}}, %{{.+}}], {{.*}} : memref<48x64xbf16> to memref<4x128x40xbf16
// CHECK:           memref.load %{{.+}}[%{{.+}}] : memref<48xbf16>
// CHECK:           arith.addf
// CHECK:           arith.truncf
// CHECK:           memref.store {{.*}} : memref<2x?x48xbf16>
func.func @shared_weight_bias(%x: memref<2x?x64xbf16>, %w: memref<48x64xbf16>, %bias: memref<48xbf16>) -> memref<2x?x48xbf16> {
  %c1 = arith.constant 1 : index
  %zero = arith.constant 0.000000e+00 : f32
  %s = memref.dim %x, %c1 : memref<2x?x64xbf16>
  %acc = memref.alloc(%s) : memref<2x?x48xf32>
  linalg.fill ins(%zero : f32) outs(%acc : memref<2x?x48xf32>)
  linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d3)>, affine_map<(d0, d1, d2, d3) -> (d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%x, %w : memref<2x?x64xbf16>, memref<48x64xbf16>) outs(%acc : memref<2x?x48xf32>) {
  ^bb0(%in: bf16, %in_1: bf16, %out: f32):
    %0 = arith.extf %in_1 : bf16 to f32
    %1 = arith.extf %in : bf16 to f32
    %2 = arith.mulf %1, %0 : f32
    %3 = arith.addf %out, %2 : f32
    linalg.yield %3 : f32
  }
  %out = memref.alloc(%s) : memref<2x?x48xbf16>
  linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1, d2)>, affine_map<(d0, d1, d2) -> (d2)>, affine_map<(d0, d1, d2) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel"]} ins(%acc, %bias : memref<2x?x48xf32>, memref<48xbf16>) outs(%out : memref<2x?x48xbf16>) {
  ^bb0(%in: f32, %in_1: bf16, %o: bf16):
    %0 = arith.extf %in_1 : bf16 to f32
    %1 = arith.addf %in, %0 : f32
    %2 = arith.truncf %1 : f32 to bf16
    linalg.yield %2 : bf16
  }
  memref.dealloc %acc : memref<2x?x48xf32>
  return %out : memref<2x?x48xbf16>
}
