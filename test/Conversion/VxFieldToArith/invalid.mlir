// RUN: not vortex-opt %s --convert-vx-field-to-arith=limb-width=16 2>&1 | FileCheck %s

// CHECK: error: limb-width must be 32 or 64, got 16
func.func @f(%a: !vx_field.pf<babybear>) -> !vx_field.pf<babybear> {
  return %a : !vx_field.pf<babybear>
}
