// RUN: vortex-opt %s --vx-to-gpu | FileCheck %s

// Rank-0 and possibly empty tensors get kernels; a function that returns its
// argument copies it on the device.

// CHECK-LABEL: llvm.func @rank0
// CHECK: gpu.launch_func
// CHECK: gpu.binary @rank0_kernel
func.func @rank0(%a: tensor<f32>, %b: tensor<f32>) -> tensor<f32> {
  %r = vx_tensor.mul %a, %b : tensor<f32>
  return %r : tensor<f32>
}

// CHECK-LABEL: llvm.func @empty
// CHECK: gpu.launch_func
// CHECK: gpu.binary @empty_kernel
func.func @empty(%a: tensor<?x4xf32>) -> tensor<?x4xf32> {
  %r = vx_tensor.exp %a : tensor<?x4xf32>
  return %r : tensor<?x4xf32>
}

// CHECK-LABEL: llvm.func @identity
// CHECK: llvm.call @mgpuMemAlloc
// CHECK: llvm.call @mgpuMemcpy
// CHECK-NOT: gpu.launch_func
// CHECK: llvm.return
func.func @identity(%a: tensor<?xf32>) -> tensor<?xf32> {
  return %a : tensor<?xf32>
}
