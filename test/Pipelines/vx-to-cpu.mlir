// RUN: vortex-opt %s --vx-to-cpu | FileCheck %s

// Everything reaches the LLVM dialect: no vx, linalg, memref, scf or math op
// is left; math without an LLVM intrinsic (erf) calls libm.
// CHECK-NOT: vx_tensor.
// CHECK-NOT: linalg.
// CHECK-NOT: memref.
// CHECK-NOT: scf.
// CHECK-NOT: math.
// CHECK: llvm.func @erff(f32) -> f32
// CHECK-LABEL: llvm.func @chain
// CHECK: llvm.call @malloc
// CHECK: llvm.intr.exp
// CHECK: llvm.intr.tanh
// CHECK: llvm.call @erff
// CHECK: llvm.return
func.func @chain(%x: tensor<?x?xf32>, %y: tensor<?x?xf32>) -> tensor<?x?xf32> {
  %s = vx_tensor.silu %x : tensor<?x?xf32>
  %m = vx_tensor.mul %s, %y : tensor<?x?xf32>
  %t = vx_tensor.tanh %m : tensor<?x?xf32>
  %g = vx_tensor.gelu %t : tensor<?x?xf32>
  return %g : tensor<?x?xf32>
}
