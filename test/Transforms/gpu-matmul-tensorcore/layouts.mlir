// RUN: vortex-opt %s --pass-pipeline='builtin.module(func.func(vx-gpu-matmul-tensorcore))' --split-input-file | FileCheck %s

// A transposed lhs (K x M, M contiguous) is read in 64 x 64 boxes, M
// innermost, and multiplied M-major (col layout); a transposed rhs (N x K,
// K contiguous) in one 128 x 64 box per stage, K-major (col layout). The
// TMA coordinates are innermost first: (m, k) for the lhs, (k, n) for the rhs.
// CHECK-LABEL: func.func @tt
// CHECK:         nvgpu.tma.create.descriptor {{.*}} -> <tensor = memref<64x64xf16
// CHECK:         nvgpu.tma.create.descriptor {{.*}} -> <tensor = memref<128x64xf16
// CHECK:           nvgpu.mbarrier.arrive.expect_tx %{{.+}}[%{{.+}}], %c24576
// CHECK:           nvgpu.tma.async.load %{{.+}}[%[[ROW:.+]], %[[K:.+]]], {{.*}} -> memref<64x64xf16
// CHECK:           nvgpu.tma.async.load %{{.+}}[%[[K2:.+]], %[[COL:.+]]], {{.*}} -> memref<128x64xf16
// CHECK-COUNT-4:   nvvm.wgmma.mma_async {{.*}} <m = 64, n = 128, k = 16>, D[<f32>, <one>], A[<f16>, <one>, <col>], B[<f16>, <one>, <col>]
// CHECK:         vx.matmul_config = "64x128s8w2"
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

// Batched operands get three-dimensional maps with a box of one batch; the
// batch index is the outermost coordinate. A rhs shared by every batch keeps
// a two-dimensional map. With no epilogue op the kernel stores the f32
// accumulator itself.
// CHECK-LABEL: func.func @batched
// CHECK:         nvgpu.tma.create.descriptor {{.*}} box[%{{.+}}, %{{.+}}, %{{.+}}] : memref<*xbf16> -> <tensor = memref<1x64x64xbf16
// CHECK:         nvgpu.tma.create.descriptor {{.*}} box[%{{.+}}, %{{.+}}, %{{.+}}] : memref<*xbf16> -> <tensor = memref<1x64x64xbf16
// CHECK:           nvgpu.tma.async.load %{{.+}}[%{{.+}}, %{{.+}}, %[[B:.+]]], {{.*}} -> memref<1x64x64xbf16
// CHECK:           memref.store %{{.+}}, %{{.+}}[%{{.+}}, %{{.+}}, %{{.+}}] : memref<?x?x?xf32>
func.func @batched(%a: memref<?x?x?xbf16>, %b: memref<?x?x?xbf16>, %acc: memref<?x?x?xf32>) {
  %zero = arith.constant 0.000000e+00 : f32
  linalg.fill ins(%zero : f32) outs(%acc : memref<?x?x?xf32>)
  linalg.batch_matmul ins(%a, %b : memref<?x?x?xbf16>, memref<?x?x?xbf16>) outs(%acc : memref<?x?x?xf32>)
  return
}

// -----

// CHECK-LABEL: func.func @shared_weight
// CHECK:         nvgpu.tma.create.descriptor {{.*}} box[%{{.+}}, %{{.+}}, %{{.+}}] : memref<*xbf16> -> <tensor = memref<1x64x64xbf16
// CHECK:         nvgpu.tma.create.descriptor {{.*}} box[%{{.+}}, %{{.+}}] : memref<*xbf16> -> <tensor = memref<128x64xbf16
func.func @shared_weight(%a: memref<4x?x512xbf16>, %w: memref<256x512xbf16>, %acc: memref<4x?x256xf32>) {
  %zero = arith.constant 0.000000e+00 : f32
  linalg.fill ins(%zero : f32) outs(%acc : memref<4x?x256xf32>)
  linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d3)>, affine_map<(d0, d1, d2, d3) -> (d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%a, %w : memref<4x?x512xbf16>, memref<256x512xbf16>) outs(%acc : memref<4x?x256xf32>) {
  ^bb0(%x: bf16, %y: bf16, %o: f32):
    %0 = arith.extf %x : bf16 to f32
    %1 = arith.extf %y : bf16 to f32
    %2 = arith.mulf %0, %1 : f32
    %3 = arith.addf %o, %2 : f32
    linalg.yield %3 : f32
  }
  return
}

// -----

// A dynamic M gets a kernel per row class, chosen on the host: at most 64
// rows, at most 512, more.
// CHECK-LABEL: func.func @dynamic_rows
// CHECK:         arith.cmpi ule, %{{.+}}, %c64
// CHECK:         vx.matmul_config = "64x128s8w2"
// CHECK:         arith.cmpi ule, %{{.+}}, %c512
// CHECK:         vx.matmul_config = "64x128s8w2"
// CHECK:         vx.matmul_config = "128x256s4w2"
func.func @dynamic_rows(%a: memref<?x4096xbf16>, %b: memref<4096x4096xbf16>, %acc: memref<?x4096xf32>) {
  %zero = arith.constant 0.000000e+00 : f32
  linalg.fill ins(%zero : f32) outs(%acc : memref<?x4096xf32>)
  linalg.matmul ins(%a, %b : memref<?x4096xbf16>, memref<4096x4096xbf16>) outs(%acc : memref<?x4096xf32>)
  return
}
