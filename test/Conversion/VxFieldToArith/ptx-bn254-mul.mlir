// REQUIRES: ptxas
// RUN: vortex-opt %s --vx-to-gpu="format=bin" | FileCheck %s
// RUN: vortex-opt %s --vx-to-gpu | FileCheck %s --check-prefix=PTX

// A BN254 Fr Montgomery multiplication on arrays in stored form compiles to
// PTX that ptxas assembles for sm_90a: 8 x 8 x 2 limb products as
// mul.wide.u32 and the accumulations as carry chains.
// CHECK: gpu.binary @mul_kernel
// CHECK-SAME: bin = "\7FELF
// PTX: gpu.binary @mul_kernel
// PTX-SAME: mul.wide.u32
// PTX-SAME: add.cc.u32
// PTX-SAME: addc.cc.u32
func.func @mul(%a: tensor<?xi256>, %b: tensor<?xi256>) -> tensor<?xi256> {
  %x = vx_field.bitcast %a : tensor<?xi256> to tensor<?x!vx_field.pf<bn254_fr, montgomery>>
  %y = vx_field.bitcast %b : tensor<?xi256> to tensor<?x!vx_field.pf<bn254_fr, montgomery>>
  %r = vx_field.mul %x, %y : tensor<?x!vx_field.pf<bn254_fr, montgomery>>
  %o = vx_field.bitcast %r : tensor<?x!vx_field.pf<bn254_fr, montgomery>> to tensor<?xi256>
  return %o : tensor<?xi256>
}
