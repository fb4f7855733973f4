// RUN: vortex-opt %s --pass-pipeline='builtin.module(gpu.module(vx-gpu-extern-dynamic-shared))' | FileCheck %s
// RUN: vortex-opt %s --pass-pipeline='builtin.module(gpu.module(vx-gpu-extern-dynamic-shared,convert-gpu-to-nvvm))' | FileCheck %s --check-prefix=NVVM

// Dynamic shared memory becomes a public, uninitialized global of zero bytes
// (external linkage once lowered), cast to the type the kernel used.
// CHECK: memref.global "public" @__vx_dynamic_shared : memref<0xi8, #gpu.address_space<workgroup>> {alignment = 16 : i64}
// CHECK: gpu.func @k
// CHECK: %[[G:.+]] = memref.get_global @__vx_dynamic_shared
// CHECK: memref.cast %[[G]] : memref<0xi8, #gpu.address_space<workgroup>> to memref<?xi8, #gpu.address_space<workgroup>>
// CHECK-NOT: gpu.dynamic_shared_memory
// NVVM: llvm.mlir.global external @__vx_dynamic_shared()
// NVVM-SAME: addr_space = 3
module attributes {gpu.container_module} {
  gpu.module @m {
    gpu.func @k(%i: index, %v: f32) kernel {
      %base = gpu.dynamic_shared_memory : memref<?xi8, #gpu.address_space<workgroup>>
      %c0 = arith.constant 0 : index
      %view = memref.view %base[%c0][%i] : memref<?xi8, #gpu.address_space<workgroup>> to memref<?xf32, #gpu.address_space<workgroup>>
      memref.store %v, %view[%i] : memref<?xf32, #gpu.address_space<workgroup>>
      gpu.return
    }
  }
}
