// RUN: vortex-opt %s -split-input-file -verify-diagnostics

func.func @weight_element(%x: tensor<4x8xf32>, %w: tensor<3x8xbf16>) {
  // expected-error @+1 {{weight element type 'bf16' differs from the input's 'f32'}}
  %0 = vx_tensor.linear %x, %w : tensor<4x8xf32>, tensor<3x8xbf16>
  return
}

// -----

func.func @bias_element(%x: tensor<4x8xf32>, %w: tensor<3x8xf32>, %b: tensor<3xf16>) {
  // expected-error @+1 {{bias element type 'f16' differs from the input's 'f32'}}
  %0 = vx_tensor.linear %x, %w, %b : tensor<4x8xf32>, tensor<3x8xf32>, tensor<3xf16>
  return
}

// -----

func.func @input_rank(%x: tensor<f32>, %w: tensor<3x8xf32>) {
  // expected-error @+1 {{input must have rank >= 1 ([..., K]), has rank 0}}
  %0 = vx_tensor.linear %x, %w : tensor<f32>, tensor<3x8xf32>
  return
}

// -----

func.func @weight_rank(%x: tensor<4x8xf32>, %w: tensor<2x3x8xf32>) {
  // expected-error @+1 {{weight must have rank 2 ([N, K]), has rank 3}}
  %0 = vx_tensor.linear %x, %w : tensor<4x8xf32>, tensor<2x3x8xf32>
  return
}

// -----

func.func @contracting(%x: tensor<2x4x8xf32>, %w: tensor<3x16xf32>) {
  // expected-error @+1 {{contracting dimensions differ: input dim 2 is 8 but weight dim 1 is 16}}
  %0 = vx_tensor.linear %x, %w : tensor<2x4x8xf32>, tensor<3x16xf32>
  return
}

// -----

func.func @bias_rank(%x: tensor<4x8xf32>, %w: tensor<3x8xf32>, %b: tensor<1x3xf32>) {
  // expected-error @+1 {{bias must have rank 1 ([N]), has rank 2}}
  %0 = vx_tensor.linear %x, %w, %b : tensor<4x8xf32>, tensor<3x8xf32>, tensor<1x3xf32>
  return
}

// -----

func.func @bias_size(%x: tensor<4x8xf32>, %w: tensor<3x8xf32>, %b: tensor<5xf32>) {
  // expected-error @+1 {{bias has 5 elements but weight dim 0 (N) is 3}}
  %0 = vx_tensor.linear %x, %w, %b : tensor<4x8xf32>, tensor<3x8xf32>, tensor<5xf32>
  return
}

// -----

func.func @result_type(%x: tensor<4x8xf32>, %w: tensor<3x8xf32>) {
  // expected-error @+2 {{'vx_tensor.linear' op inferred type(s) 'tensor<4x3xf32>' are incompatible with return type(s) of operation 'tensor<4x5xf32>'}}
  // expected-error @+1 {{'vx_tensor.linear' op failed to infer returned types}}
  %0 = "vx_tensor.linear"(%x, %w) : (tensor<4x8xf32>, tensor<3x8xf32>) -> tensor<4x5xf32>
  return
}

// -----

func.func @unranked(%x: tensor<*xf32>, %w: tensor<3x8xf32>) {
  // expected-error @+1 {{custom op 'vx_tensor.linear' invalid kind of type specified: expected builtin.tensor, but found 'tensor<*xf32>'}}
  %0 = vx_tensor.linear %x, %w : tensor<*xf32>, tensor<3x8xf32>
  return
}
