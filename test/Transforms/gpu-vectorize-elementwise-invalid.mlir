// RUN: vortex-opt %s --pass-pipeline='builtin.module(func.func(vx-gpu-vectorize-elementwise{threads=2048}))' -verify-diagnostics
// RUN: vortex-opt %s --pass-pipeline='builtin.module(func.func(vx-gpu-vectorize-elementwise{vectors-per-thread=0}))' -verify-diagnostics
// RUN: vortex-opt %s --pass-pipeline='builtin.module(func.func(vx-gpu-vectorize-elementwise{width=12}))' -verify-diagnostics

// Block sizes a GPU cannot launch, vector counts outside 1-16 and access
// widths that are not a power of two up to 16 bytes are errors.
// expected-error @+1 {{vx-gpu-vectorize-elementwise needs 1 to 1024 threads, 1 to 16 vectors per thread and a width of 1, 2, 4, 8 or 16 bytes, got}}
func.func @f(%a: memref<?xf32>, %b: memref<?xf32>) {
  linalg.generic {indexing_maps = [affine_map<(i) -> (i)>, affine_map<(i) -> (i)>],
                  iterator_types = ["parallel"]}
      ins(%a : memref<?xf32>) outs(%b : memref<?xf32>) {
  ^bb0(%x: f32, %y: f32):
    %n = arith.negf %x : f32
    linalg.yield %n : f32
  }
  return
}
