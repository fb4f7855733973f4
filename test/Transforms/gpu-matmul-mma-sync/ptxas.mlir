// REQUIRES: ptxas
// RUN: vortex-opt %s --vx-to-gpu="chip=sm_80 features=+ptx70 format=bin" | FileCheck %s
// RUN: vortex-opt %s --vx-to-gpu="chip=sm_86 features=+ptx71" | FileCheck %s --check-prefix=PTX
// RUN: vortex-opt %s --vx-to-gpu="chip=sm_90 features=+ptx78" | FileCheck %s --check-prefix=PTX

// A linear layer with bias and gelu, and a batched product of transposed
// f16 operands, through the whole pipeline for sm_80-class chips: the
// mma.sync kernels (cp.async, ldmatrix, mma.sync, the fused epilogue)
// assemble with ptxas to cubins for sm_80; sm_86 and plain sm_90 (no wgmma)
// get the same kernels as PTX.
// CHECK: gpu.binary @linear_kernel{{.*}} [#gpu.object<#nvvm.target<O = 3, chip = "sm_80", features = "+ptx70">
// CHECK-SAME: bin = "\7FELF
// CHECK: gpu.binary @bmm_tt_kernel{{.*}} [#gpu.object<#nvvm.target<O = 3, chip = "sm_80"
// CHECK-SAME: bin = "\7FELF
// PTX-NOT: wgmma
// PTX: gpu.binary @linear_kernel
// PTX-SAME: cp.async.cg.shared.global
// PTX-SAME: ldmatrix.sync.aligned.m8n8.x4.shared.b16
// PTX-SAME: mma.sync.aligned.m16n8k16.row.col.f32.bf16.bf16.f32
// PTX: gpu.binary @bmm_tt_kernel
// PTX-SAME: ldmatrix.sync.aligned.m8n8.x4.trans.shared.b16
// PTX-SAME: mma.sync.aligned.m16n8k16.row.col.f32.f16.f16.f32
func.func @linear(%x: tensor<?x4096xbf16>, %w: tensor<11008x4096xbf16>, %b: tensor<11008xbf16>) -> tensor<?x11008xbf16> {
  %y = vx_tensor.linear %x, %w, %b : tensor<?x4096xbf16>, tensor<11008x4096xbf16>, tensor<11008xbf16>
  %g = vx_tensor.gelu %y : tensor<?x11008xbf16>
  return %g : tensor<?x11008xbf16>
}
func.func @bmm_tt(%a: tensor<?x?x?xf16>, %b: tensor<?x?x?xf16>) -> tensor<?x?x?xf16> {
  %r = vx_tensor.matmul %a, %b transpose_lhs transpose_rhs : tensor<?x?x?xf16>, tensor<?x?x?xf16>
  return %r : tensor<?x?x?xf16>
}
