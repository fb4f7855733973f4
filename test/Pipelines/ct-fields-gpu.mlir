// RUN: vortex-opt %s --vx-to-gpu=format=isa | FileCheck %s
// RUN: vortex-opt %s --vx-to-gpu=format=isa | vortex-translate --vx-ct-check-ptx | FileCheck %s --check-prefix=PTX

// vx_field multiplication, inversion and exponentiation with secret operands
// pass all three constant-time checks: vx-ct-verify on the input,
// vx-ct-verify-lowered on the LLVM and NVVM dialects, and the PTX check.
// Their conditional subtractions and selections are selp in the PTX.

// The secret kernel parameters are the pointers of the secret inputs and of
// the result (which the kernel fills with secrets).
// CHECK: module attributes {gpu.container_module, vx_ct.kernel_secrets = {
// CHECK-SAME: babybear_kernel = {babybear_kernel = {memory = array<i64: 0, 1, 10, 11>, values = array<i64>}}
// CHECK-SAME: bn254_kernel = {bn254_kernel = {memory = array<i64: 0, 1, 10, 11, 15, 16>, values = array<i64>}}
// CHECK-SAME: goldilocks_kernel = {goldilocks_kernel = {memory = array<i64: 0, 1, 5, 6, 10, 11, 15, 16>, values = array<i64>}}
// CHECK-NOT: vx_ct.secret
// CHECK: gpu.binary @bn254_kernel
// CHECK-SAME: selp.b32
// CHECK: gpu.binary @goldilocks_kernel
// CHECK-SAME: selp.b64
// CHECK: gpu.binary @babybear_kernel
// CHECK-SAME: selp.b64

// The PTX check fails (and so does this test) on a finding.
// PTX: babybear_kernel.ptx: kernel babybear_kernel: {{[0-9]+}} instructions, 0 findings
// PTX: bn254_kernel.ptx: kernel bn254_kernel: {{[0-9]+}} instructions, 0 findings
// PTX: goldilocks_kernel.ptx: kernel goldilocks_kernel: {{[0-9]+}} instructions, 0 findings

!fr = !vx_field.pf<bn254_fr>
!gl = !vx_field.pf<goldilocks>
!bb = !vx_field.pf<babybear>

func.func @bn254(%a: tensor<256x!fr> {vx_ct.secret}, %b: tensor<256x!fr>, %e: tensor<256xi64> {vx_ct.secret}) -> tensor<256x!fr> attributes {vx_ct.constant_time} {
  %m = vx_field.mul %a, %b : tensor<256x!fr>
  %i = vx_field.inv %m : tensor<256x!fr>
  %p = vx_field.pow_ct %i, %e : tensor<256x!fr>, tensor<256xi64>
  return %p : tensor<256x!fr>
}

func.func @goldilocks(%a: tensor<1024x!gl> {vx_ct.secret}, %b: tensor<1024x!gl> {vx_ct.secret}, %e: tensor<1024xi32> {vx_ct.secret}) -> tensor<1024x!gl> attributes {vx_ct.constant_time} {
  %m = vx_field.mul %a, %b : tensor<1024x!gl>
  %i = vx_field.inv %m : tensor<1024x!gl>
  %p = vx_field.pow_ct %i, %e : tensor<1024x!gl>, tensor<1024xi32>
  return %p : tensor<1024x!gl>
}

func.func @babybear(%a: tensor<1024x!bb> {vx_ct.secret}, %b: tensor<1024x!bb>) -> tensor<1024x!bb> attributes {vx_ct.constant_time} {
  %m = vx_field.mul %a, %b : tensor<1024x!bb>
  %i = vx_field.inv %m : tensor<1024x!bb>
  return %i : tensor<1024x!bb>
}
