// REQUIRES: ptxas
// RUN: vortex-opt %s --vx-to-gpu="format=bin matmul-tf32=1" | FileCheck %s
// RUN: vortex-opt %s --vx-to-gpu="format=isa matmul-tf32=1" | FileCheck %s --check-prefix=PTX
// RUN: vortex-opt %s --vx-to-gpu="format=isa" | FileCheck %s --check-prefix=OFF

// f32 matmuls with vx-to-gpu's matmul-tf32: the tf32 kernels (and the
// transposing copy of the plain product's rhs) assemble with ptxas; without
// the option f32 matmuls keep the SIMT kernels.
// CHECK: llvm.call @mgpuTensorMapEncodeTiledMemref
// CHECK: gpu.binary @mm_kernel{{.*}} [#gpu.object<#nvvm.target<O = 3, chip = "sm_90a", features = "+ptx80">
// CHECK-SAME: bin = "\7FELF
// PTX: wgmma.mma_async.sync.aligned.m64n{{[0-9]+}}k8.f32.tf32.tf32
// OFF-NOT: wgmma
// OFF-NOT: mgpuTensorMapEncodeTiledMemref
// OFF: gpu.binary
func.func @mm(%a: tensor<?x?xf32>, %b: tensor<?x?xf32>) -> tensor<?x?xf32> {
  %r = vx_tensor.matmul %a, %b : tensor<?x?xf32>, tensor<?x?xf32>
  return %r : tensor<?x?xf32>
}
func.func @linear_bias(%x: tensor<?x4096xf32>, %w: tensor<4096x4096xf32>, %b: tensor<4096xf32>) -> tensor<?x4096xf32> {
  %c0 = arith.constant 0 : index
  %m = tensor.dim %x, %c0 : tensor<?x4096xf32>
  %y = vx_tensor.matmul %x, %w transpose_rhs : tensor<?x4096xf32>, tensor<4096x4096xf32>
  %bb = vx_tensor.broadcast %b dims [0] [%m] : tensor<4096xf32> to tensor<?x4096xf32>
  %s = vx_tensor.add %y, %bb : tensor<?x4096xf32>
  return %s : tensor<?x4096xf32>
}
