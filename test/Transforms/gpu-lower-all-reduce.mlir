// RUN: vortex-opt %s --pass-pipeline='builtin.module(gpu.module(vx-gpu-lower-all-reduce))' | FileCheck %s

// A block-wide sum becomes warp shuffles, an exchange through shared memory
// and barriers.
// CHECK: gpu.func @k
// CHECK-SAME: workgroup(%{{.+}} : memref<32xf32, #gpu.address_space<workgroup>>)
// CHECK: gpu.shuffle  xor
// CHECK: gpu.barrier
// CHECK-NOT: gpu.all_reduce
module attributes {gpu.container_module} {
  gpu.module @m {
    gpu.func @k(%x: f32, %out: memref<f32>) kernel {
      %s = gpu.all_reduce add %x uniform {} : (f32) -> f32
      memref.store %s, %out[] : memref<f32>
      gpu.return
    }
  }
}
