// RUN: vortex-opt %s --pass-pipeline='builtin.module(func.func(vx-gpu-matmul-tensorcore{tf32=1 config=128x128s4}))' --split-input-file | FileCheck %s
// RUN: vortex-opt %s --pass-pipeline='builtin.module(func.func(vx-gpu-matmul-tensorcore{config=128x128s4}))' --split-input-file | FileCheck %s --check-prefix=OFF

// f32 x f32 -> f32 with K innermost in both operands (x Wᵀ): one 128-byte
// swizzle row holds 32 f32, so the boxes are 128 x 32, a stage is still
// 2 x 16 KiB, K is 16-byte aligned when a multiple of 4, and each stage is
// 4 wgmma of K = 8 on tf32 operands, both K-major.
// CHECK-LABEL: func.func @nt
// CHECK-NOT:     linalg.transpose
// CHECK:         arith.remui %{{.+}}, %c4
// CHECK:         nvgpu.tma.create.descriptor {{.*}} box[%{{.+}}, %{{.+}}] : memref<*xf32> -> <tensor = memref<128x32xf32, #gpu.address_space<workgroup>>, swizzle = swizzle_128b
// CHECK:         nvgpu.tma.create.descriptor {{.*}} box[%{{.+}}, %{{.+}}] : memref<*xf32> -> <tensor = memref<128x32xf32, #gpu.address_space<workgroup>>, swizzle = swizzle_128b
// The f32 result leaves by TMA in chunks of 64 rows of 32 f32.
// CHECK:         nvgpu.tma.create.descriptor {{.*}} box[%{{.+}}, %{{.+}}] : memref<*xf32> -> <tensor = memref<64x32xf32, #gpu.address_space<workgroup>>
// CHECK:           gpu.launch {{.*}} dynamic_shared_memory_size %c164864_i32
// CHECK:                 nvgpu.mbarrier.arrive.expect_tx %{{.+}}[%{{.+}}], %c32768
// CHECK:                 nvgpu.tma.async.load %{{.+}}[%{{.+}}, %{{.+}}], {{.*}} -> memref<128x32xf32
// CHECK:                 nvgpu.tma.async.load %{{.+}}[%{{.+}}, %{{.+}}], {{.*}} -> memref<128x32xf32
// The first stage of a unit starts the accumulator (scale-d zero).
// CHECK:                 nvvm.wgmma.mma_async {{.*}} <m = 64, n = 128, k = 8>, D[<f32>, <zero>], A[<tf32>, <one>, <row>], B[<tf32>, <one>, <col>]
// CHECK-COUNT-3:         nvvm.wgmma.mma_async {{.*}} <m = 64, n = 128, k = 8>, D[<f32>, <one>], A[<tf32>, <one>, <row>], B[<tf32>, <one>, <col>]
// CHECK-NOT:             nvvm.wgmma.mma_async
// CHECK:                 nvvm.wgmma.commit.group.sync.aligned
// The kernel stores the f32 accumulator itself: pairs into the 8 KiB
// chunks (4 chunks of 32 columns), or straight into the result.
// CHECK:               vector.store %{{.+}} {alignment = 8 : i64} : memref<2048xf32, 3>, vector<2xf32>
// CHECK:               nvgpu.tma.async.store %{{.+}} : memref<64x32xf32, #gpu.address_space<workgroup>>
// CHECK:               memref.store %{{.+}}, %{{.+}}[%{{.+}}, %{{.+}}] : memref<256x384xf32>
// OFF-LABEL: func.func @nt
// OFF-NOT:     gpu.launch
// OFF:         linalg.matmul
func.func @nt(%a: memref<256x512xf32>, %b: memref<384x512xf32>, %acc: memref<256x384xf32>) {
  %zero = arith.constant 0.000000e+00 : f32
  linalg.fill ins(%zero : f32) outs(%acc : memref<256x384xf32>)
  linalg.matmul indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d2)>, affine_map<(d0, d1, d2) -> (d1, d2)>, affine_map<(d0, d1, d2) -> (d0, d1)>] ins(%a, %b : memref<256x512xf32>, memref<384x512xf32>) outs(%acc : memref<256x384xf32>)
  return
}

// -----

// tf32 wgmma reads K-major operands only: the N-major rhs of a plain A x B
// is first copied, transposed, into a K-major buffer that the kernel reads
// and that is freed after it; the original ops stay as the fallback. The
// copy is a kernel of 32 x 8 threads per 32 x 32 tile, staged in shared
// memory (32 x 33 f32).
// CHECK-LABEL: func.func @nn
// CHECK-NOT:     linalg.transpose
// CHECK:         scf.if
// CHECK:           %[[COPY:.+]] = memref.alloc(%{{.+}}, %{{.+}}) {alignment = 128 : i64} : memref<?x?xf32>
// CHECK:           gpu.launch {{.*}} threads({{.*}}) in ({{.*}} = %c32{{.*}}, {{.*}} = %c8{{.*}}) dynamic_shared_memory_size %c4224_i32
// CHECK:             memref.view {{.*}} to memref<32x33xf32, #gpu.address_space<workgroup>>
// CHECK:             memref.load %arg1[
// CHECK:             gpu.barrier
// CHECK:             memref.store %{{.+}}, %[[COPY]][
// CHECK:           %[[CAST:.+]] = memref.cast %[[COPY]]
// CHECK:           nvgpu.tma.create.descriptor %[[CAST]] {{.*}} -> <tensor = memref<128x32xf32
// CHECK:           gpu.launch
// CHECK:             nvvm.wgmma.mma_async {{.*}} <m = 64, n = 128, k = 8>, D[<f32>, <one>], A[<tf32>, <one>, <row>], B[<tf32>, <one>, <col>]
// CHECK:           memref.dealloc %[[COPY]]
// CHECK:         } else {
// CHECK-NEXT:      linalg.fill
// CHECK-NEXT:      linalg.matmul
func.func @nn(%a: memref<?x?xf32>, %b: memref<?x?xf32>, %acc: memref<?x?xf32>) {
  %zero = arith.constant 0.000000e+00 : f32
  linalg.fill ins(%zero : f32) outs(%acc : memref<?x?xf32>)
  linalg.matmul ins(%a, %b : memref<?x?xf32>, memref<?x?xf32>) outs(%acc : memref<?x?xf32>)
  return
}

// -----

// A batched product with a transposed (M-innermost) lhs: its copy swaps the
// two inner dimensions of the batched operand, one batch per grid z.
// CHECK-LABEL: func.func @batched_tn
// CHECK:         %[[COPY:.+]] = memref.alloc(%{{.+}}, %{{.+}}, %{{.+}}) {alignment = 128 : i64} : memref<?x?x?xf32>
// CHECK:         gpu.launch blocks(%{{[^,]+}}, %{{[^,]+}}, %[[BZ:[^)]+]]) in
// CHECK:           memref.store %{{.+}}, %[[COPY]][%[[BZ]], %{{.+}}, %{{.+}}] : memref<?x?x?xf32>
// CHECK:         nvgpu.tma.create.descriptor {{.*}} -> <tensor = memref<1x128x32xf32
// CHECK:         nvgpu.tma.create.descriptor {{.*}} -> <tensor = memref<1x128x32xf32
// CHECK:             nvvm.wgmma.mma_async {{.*}} A[<tf32>, <one>, <row>], B[<tf32>, <one>, <col>]
func.func @batched_tn(%a: memref<?x?x?xf32>, %b: memref<?x?x?xf32>, %acc: memref<?x?x?xf32>) {
  %zero = arith.constant 0.000000e+00 : f32
  linalg.fill ins(%zero : f32) outs(%acc : memref<?x?x?xf32>)
  linalg.generic {indexing_maps = [affine_map<(b, m, n, k) -> (b, k, m)>, affine_map<(b, m, n, k) -> (b, n, k)>, affine_map<(b, m, n, k) -> (b, m, n)>], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%a, %b : memref<?x?x?xf32>, memref<?x?x?xf32>) outs(%acc : memref<?x?x?xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %0 = arith.mulf %x, %y : f32
    %1 = arith.addf %o, %0 : f32
    linalg.yield %1 : f32
  }
  return
}
