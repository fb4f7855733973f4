// RUN: vortex-opt %s --vx-check-lowered-to-llvm --split-input-file -verify-diagnostics | FileCheck %s

// A fully lowered module passes unchanged.
// CHECK-LABEL: llvm.func @done
llvm.func @done(%a: i32) -> i32 {
  llvm.return %a : i32
}

// -----

// What was not lowered is reported once per op name, at the op; the function
// around it is not blamed.
func.func @left(%a: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'vx_tensor.exp' is left after lowering to LLVM: nothing in this pipeline lowers it}}
  %0 = vx_tensor.exp %a : tensor<4xf32>
  %1 = vx_tensor.exp %0 : tensor<4xf32>
  return %1 : tensor<4xf32>
}

// -----

// expected-error @+1 {{'func.func' is left after lowering to LLVM}}
func.func @only_func() {
  // expected-error @+1 {{'func.return' is left after lowering to LLVM}}
  return
}
