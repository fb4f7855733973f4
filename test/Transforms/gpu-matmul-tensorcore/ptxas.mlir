// REQUIRES: ptxas
// RUN: vortex-opt %s --vx-to-gpu="format=bin" | FileCheck %s
// RUN: vortex-opt %s --vx-to-gpu="chip=sm_80" | FileCheck %s --check-prefix=SM80

// A linear layer with bias and gelu through the whole pipeline: for sm_90a
// every kernel (TMA, mbarriers, wgmma, setmaxnreg, the fused epilogue)
// assembles with ptxas to a cubin; other chips keep the SIMT kernels.
// CHECK: llvm.call @mgpuTensorMapEncodeTiledMemref
// CHECK: gpu.binary @linear_kernel{{.*}} [#gpu.object<#nvvm.target<O = 3, chip = "sm_90a", features = "+ptx80">
// CHECK-SAME: bin = "\7FELF
// SM80-NOT: wgmma
// SM80-NOT: mgpuTensorMapEncodeTiledMemref
// SM80: gpu.binary
func.func @linear(%x: tensor<?x4096xbf16>, %w: tensor<11008x4096xbf16>, %b: tensor<11008xbf16>) -> tensor<?x11008xbf16> {
  %c0 = arith.constant 0 : index
  %m = tensor.dim %x, %c0 : tensor<?x4096xbf16>
  %y = vx_tensor.matmul %x, %w transpose_rhs : tensor<?x4096xbf16>, tensor<11008x4096xbf16>
  %bb = vx_tensor.broadcast %b dims [0] [%m] : tensor<11008xbf16> to tensor<?x11008xbf16>
  %s = vx_tensor.add %y, %bb : tensor<?x11008xbf16>
  %g = vx_tensor.gelu %s : tensor<?x11008xbf16>
  return %g : tensor<?x11008xbf16>
}
