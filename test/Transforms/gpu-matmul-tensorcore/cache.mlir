// RUN: vortex-opt %s --pass-pipeline='builtin.module(func.func(vx-gpu-matmul-tensorcore{cache=%S/Inputs/cache.txt}))' | FileCheck %s --check-prefix=CACHE
// RUN: env VORTEX_MATMUL_CACHE=%S/Inputs/cache.txt vortex-opt %s --pass-pipeline='builtin.module(func.func(vx-gpu-matmul-tensorcore))' | FileCheck %s --check-prefix=CACHE
// RUN: env VORTEX_MATMUL_CACHE=%S/Inputs/missing.txt vortex-opt %s --pass-pipeline='builtin.module(func.func(vx-gpu-matmul-tensorcore))' | FileCheck %s --check-prefix=MODEL
// RUN: vortex-opt %s --pass-pipeline='builtin.module(func.func(vx-gpu-matmul-tensorcore{cache=%S/Inputs/cache.txt config=128x256s3}))' | FileCheck %s --check-prefix=FORCED

// linalg.matmul of 16 x 4096 by 4096 x 4096 (class m16-n4096-k4096): the
// sm_90a line of the cache picks 64 x 256 tiles with 5 stages and no split
// K (the sm_80 line is for another GPU); without a cache (a missing file is
// an empty cache) the cost model picks 64 x 64 tiles with 16 stages of 16
// rows of A; `config` overrides both. (5 x 40 KiB of stages, 1 KiB of
// alignment and two 8 KiB store chunks.)
// CACHE: gpu.launch {{.*}} threads({{.*}} = %c256{{.*}}) dynamic_shared_memory_size %c222208_i32
// CACHE: vx.matmul_config = "64x256s5w0"
// MODEL: vx.matmul_config = "64x64s16w2a16"
// FORCED: vx.matmul_config = "128x256s3w2"
func.func @decode(%a: memref<16x4096xbf16>, %b: memref<4096x4096xbf16>, %acc: memref<16x4096xf32>) {
  %zero = arith.constant 0.000000e+00 : f32
  linalg.fill ins(%zero : f32) outs(%acc : memref<16x4096xf32>)
  linalg.matmul ins(%a, %b : memref<16x4096xbf16>, memref<4096x4096xbf16>) outs(%acc : memref<16x4096xf32>)
  return
}
