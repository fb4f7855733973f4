// RUN: vortex-opt %s --convert-vx-tensor-to-linalg -split-input-file -verify-diagnostics

// Operations without a lowering yet are errors at their location, not
// silently left behind.
func.func @softmax(%a: tensor<4x8xf32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{failed to legalize operation 'vx_tensor.softmax'}}
  %r = vx_tensor.softmax %a dim 1 : tensor<4x8xf32>
  return %r : tensor<4x8xf32>
}

// -----

func.func @matmul(%a: tensor<4x8xf32>, %b: tensor<8x2xf32>) -> tensor<4x2xf32> {
  // expected-error @+1 {{failed to legalize operation 'vx_tensor.matmul'}}
  %r = vx_tensor.matmul %a, %b : tensor<4x8xf32>, tensor<8x2xf32>
  return %r : tensor<4x2xf32>
}
