// REQUIRES: ptxas
// RUN: vortex-opt %s --vx-to-gpu="format=bin" | FileCheck %s

// With ptxas available, kernels are assembled to sm_90a cubins.
// CHECK: gpu.binary @scale_kernel [#gpu.object<#nvvm.target<O = 3, chip = "sm_90a", features = "+ptx80">
// CHECK-SAME: bin = "\7FELF
func.func @scale(%x: tensor<?xf32>, %y: tensor<?xf32>) -> tensor<?xf32> {
  %r = vx_tensor.mul %x, %y : tensor<?xf32>
  return %r : tensor<?xf32>
}
