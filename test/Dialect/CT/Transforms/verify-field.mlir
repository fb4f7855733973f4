// RUN: vortex-opt %s -convert-vx-field-to-arith -vx-ct-verify | FileCheck %s
// RUN: vortex-opt %s -convert-vx-field-to-arith=limb-width=32 -vx-ct-verify | FileCheck %s

// The vx_field lowering of multiplication, inversion and exponentiation
// verifies clean with secret operands: its reductions select, its loops run
// over public bits.

// CHECK-LABEL: func.func @mul_bn254
// CHECK-NOT: vx_field.
func.func @mul_bn254(%a: !vx_field.pf<bn254_fr> {vx_ct.secret}, %b: !vx_field.pf<bn254_fr>) -> !vx_field.pf<bn254_fr> attributes {vx_ct.constant_time} {
  %r = vx_field.mul %a, %b : !vx_field.pf<bn254_fr>
  return %r : !vx_field.pf<bn254_fr>
}

// CHECK-LABEL: func.func @inv_bn254
func.func @inv_bn254(%a: !vx_field.pf<bn254_fr> {vx_ct.secret}) -> !vx_field.pf<bn254_fr> attributes {vx_ct.constant_time} {
  %r = vx_field.inv %a : !vx_field.pf<bn254_fr>
  return %r : !vx_field.pf<bn254_fr>
}

// CHECK-LABEL: func.func @pow_bn254
func.func @pow_bn254(%a: !vx_field.pf<bn254_fr> {vx_ct.secret}, %e: i64 {vx_ct.secret}) -> !vx_field.pf<bn254_fr> attributes {vx_ct.constant_time} {
  %r = vx_field.pow_ct %a, %e : !vx_field.pf<bn254_fr>, i64
  return %r : !vx_field.pf<bn254_fr>
}

// CHECK-LABEL: func.func @goldilocks
func.func @goldilocks(%a: !vx_field.pf<goldilocks> {vx_ct.secret}, %b: !vx_field.pf<goldilocks> {vx_ct.secret}, %e: i32 {vx_ct.secret}) -> !vx_field.pf<goldilocks> attributes {vx_ct.constant_time} {
  %m = vx_field.mul %a, %b : !vx_field.pf<goldilocks>
  %i = vx_field.inv %m : !vx_field.pf<goldilocks>
  %p = vx_field.pow_ct %i, %e : !vx_field.pf<goldilocks>, i32
  return %p : !vx_field.pf<goldilocks>
}

// CHECK-LABEL: func.func @babybear
func.func @babybear(%a: !vx_field.pf<babybear> {vx_ct.secret}, %b: !vx_field.pf<babybear>) -> !vx_field.pf<babybear> attributes {vx_ct.constant_time} {
  %m = vx_field.mul %a, %b : !vx_field.pf<babybear>
  %i = vx_field.inv %m : !vx_field.pf<babybear>
  return %i : !vx_field.pf<babybear>
}
