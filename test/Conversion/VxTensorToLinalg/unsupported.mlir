// RUN: vortex-opt %s --convert-vx-tensor-to-linalg -split-input-file -verify-diagnostics

// Attention has no lowering to linalg: it is an error at its location, not
// silently left behind.
func.func @attention(%q: tensor<1x2x8x16xf32>, %k: tensor<1x2x8x16xf32>, %v: tensor<1x2x8x16xf32>) -> tensor<1x2x8x16xf32> {
  // expected-error @+1 {{failed to legalize operation 'vx_tensor.attention'}}
  %r = vx_tensor.attention %q, %k, %v : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>
  return %r : tensor<1x2x8x16xf32>
}
