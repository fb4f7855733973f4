// RUN: vortex-opt %s --pass-pipeline='builtin.module(func.func(vx-gpu-matmul-tensorcore))' --split-input-file | FileCheck %s
// RUN: vortex-opt %s --pass-pipeline='builtin.module(func.func(vx-gpu-matmul-tensorcore{config=64x64s16a16}))' --split-input-file | FileCheck %s --check-prefix=FORCED

// 16 rows (decode) by a 4096 x 4096 weight: the cost model takes 64 x 64
// tiles (64 of them: one wave) whose stages load 16 rows of A (a 16 x 64
// box, 2 KiB) and 64 columns of B (8 KiB): 16 stages of 10 KiB, 1 KiB of
// alignment and two 8 KiB store chunks. The wgmma still reads 64 rows of A.
// CHECK-LABEL: func.func @decode
// CHECK:         nvgpu.tma.create.descriptor {{.*}} -> <tensor = memref<16x64xbf16, #gpu.address_space<workgroup>>
// CHECK:         nvgpu.tma.create.descriptor {{.*}} -> <tensor = memref<64x64xbf16, #gpu.address_space<workgroup>>
// CHECK:         gpu.launch {{.*}} threads({{.*}} = %c256{{.*}}) dynamic_shared_memory_size %c181248_i32
// CHECK:           nvgpu.mbarrier.arrive.expect_tx %{{.+}}[%{{.+}}], %c10240
// CHECK:           nvgpu.tma.async.load {{.*}} -> memref<16x64xbf16
// CHECK:           nvvm.wgmma.mma_async {{.*}} <m = 64, n = 64, k = 16>
// CHECK:         vx.matmul_config = "64x64s16w2a16"
// A forced thin-A configuration on a static M above 16 loads all rows of A
// with as many stages as fit (13 of 16 KiB).
// FORCED-LABEL: func.func @decode
// FORCED:         vx.matmul_config = "64x64s16w2a16"
func.func @decode(%a: memref<16x4096xbf16>, %b: memref<4096x4096xbf16>, %acc: memref<16x4096xf32>) {
  %zero = arith.constant 0.000000e+00 : f32
  linalg.fill ins(%zero : f32) outs(%acc : memref<16x4096xf32>)
  linalg.matmul ins(%a, %b : memref<16x4096xbf16>, memref<4096x4096xbf16>) outs(%acc : memref<16x4096xf32>)
  return
}

// -----

// A dynamic M: the first row class (M <= 16) takes the thin stages, the
// next (M <= 64) 64 x 128 tiles with 8 stages of all 64 rows.
// CHECK-LABEL: func.func @dynamic
// CHECK:         vx.matmul_config = "64x64s16w2a16"
// CHECK:         vx.matmul_config = "64x128s8w2"
// A forced thin-A configuration: its kernel for M <= 16, the same tiles
// with all rows of A (13 stages) for the rest.
// FORCED-LABEL: func.func @dynamic
// FORCED:         arith.cmpi ule, %{{.+}}, %c16
// FORCED:         nvgpu.tma.create.descriptor {{.*}} -> <tensor = memref<16x64xbf16
// FORCED:         vx.matmul_config = "64x64s16w2a16"
// FORCED:         nvgpu.tma.create.descriptor {{.*}} -> <tensor = memref<64x64xbf16
// FORCED:         vx.matmul_config = "64x64s13w2"
// FORCED-NOT:     vx.matmul_config
func.func @dynamic(%a: memref<?x4096xbf16>, %b: memref<4096x4096xbf16>, %acc: memref<?x4096xf32>) {
  %zero = arith.constant 0.000000e+00 : f32
  linalg.fill ins(%zero : f32) outs(%acc : memref<?x4096xf32>)
  linalg.matmul ins(%a, %b : memref<?x4096xbf16>, memref<4096x4096xbf16>) outs(%acc : memref<?x4096xf32>)
  return
}

// -----

// 100 rows: the forced thin-A configuration keeps all rows of A.
// FORCED-LABEL: func.func @tall
// FORCED:         nvgpu.tma.create.descriptor {{.*}} -> <tensor = memref<64x64xbf16
// FORCED:         vx.matmul_config = "64x64s13w2"
func.func @tall(%a: memref<100x4096xbf16>, %b: memref<4096x4096xbf16>, %acc: memref<100x4096xf32>) {
  %zero = arith.constant 0.000000e+00 : f32
  linalg.fill ins(%zero : f32) outs(%acc : memref<100x4096xf32>)
  linalg.matmul ins(%a, %b : memref<100x4096xbf16>, memref<4096x4096xbf16>) outs(%acc : memref<100x4096xf32>)
  return
}
