// RUN: vortex-opt %s -split-input-file -verify-diagnostics

// Every diagnostic of the vx_tensor verifiers and shape inference, and a few
// of the ODS type constraints.

//===----------------------------------------------------------------------===//
// Binary elementwise operations
//===----------------------------------------------------------------------===//

func.func @binary_rank(%a: tensor<4xf32>, %b: tensor<4x4xf32>) {
  // expected-error @+1 {{lhs has rank 1 but rhs has rank 2}}
  %0 = vx_tensor.add %a, %b : tensor<4xf32>, tensor<4x4xf32>
  return
}

// -----

func.func @binary_dim(%a: tensor<4x?xf32>, %b: tensor<?x8xf32>, %c: tensor<5x8xf32>) {
  %0 = vx_tensor.sub %a, %b : tensor<4x?xf32>, tensor<?x8xf32>
  // expected-error @+1 {{lhs dim 0 (4) does not match rhs dim 0 (5)}}
  %1 = vx_tensor.mul %0, %c : tensor<4x8xf32>, tensor<5x8xf32>
  return
}

// -----

func.func @binary_dim_dynamic(%a: tensor<?x3xf32>, %b: tensor<?x2xf32>) {
  // expected-error @+1 {{lhs dim 1 (3) does not match rhs dim 1 (2)}}
  %0 = vx_tensor.max %a, %b : tensor<?x3xf32>, tensor<?x2xf32>
  return
}

// -----

func.func @binary_element_types(%a: tensor<4xf32>, %b: tensor<4xf16>) {
  // expected-error @+1 {{operand element types differ: 'f32' vs 'f16'}}
  %0 = vx_tensor.div %a, %b : tensor<4xf32>, tensor<4xf16>
  return
}

// -----

func.func @binary_unranked_lhs(%a: tensor<*xf32>, %b: tensor<4xf32>) {
  // expected-error @+1 {{lhs must be a ranked tensor}}
  %0 = vx_tensor.min %a, %b : tensor<*xf32>, tensor<4xf32>
  return
}

// -----

func.func @binary_not_tensor_rhs(%a: tensor<4xf32>, %b: memref<4xf32>) {
  // expected-error @+1 {{rhs must be a ranked tensor}}
  %0 = vx_tensor.add %a, %b : tensor<4xf32>, memref<4xf32>
  return
}

// -----

func.func @binary_scalar(%a: f32) {
  // expected-error @+2 {{lhs must be a ranked tensor}}
  // expected-error @+1 {{rhs must be a ranked tensor}}
  %0 = vx_tensor.add %a, %a : f32
  return
}

// -----

func.func @binary_encodings(%a: tensor<4xf32, "enc">, %b: tensor<4xf32>) {
  // expected-error @+1 {{lhs and rhs have different tensor encodings}}
  %0 = vx_tensor.mul %a, %b : tensor<4xf32, "enc">, tensor<4xf32>
  return
}

// -----

// The inferred type also binds the generic form.
func.func @binary_generic_result(%a: tensor<4xf32>) {
  // expected-error @+2 {{'vx_tensor.add' op inferred type(s) 'tensor<4xf32>' are incompatible with return type(s) of operation 'tensor<5xf32>'}}
  // expected-error @+1 {{'vx_tensor.add' op failed to infer returned types}}
  %0 = "vx_tensor.add"(%a, %a) : (tensor<4xf32>, tensor<4xf32>) -> tensor<5xf32>
  return
}

// -----

func.func @binary_generic_shapes(%a: tensor<4xf32>, %b: tensor<3xf32>) {
  // expected-error @+2 {{lhs dim 0 (4) does not match rhs dim 0 (3)}}
  // expected-error @+1 {{'vx_tensor.sub' op failed to infer returned types}}
  %0 = "vx_tensor.sub"(%a, %b) : (tensor<4xf32>, tensor<3xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @binary_bad_element(%a: tensor<4xcomplex<f32>>) {
  // expected-error @+1 {{'vx_tensor.add' op operand #0 must be ranked tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float or 8/16/32/64-bit signless integer values, but got 'tensor<4xcomplex<f32>>'}}
  %0 = vx_tensor.add %a, %a : tensor<4xcomplex<f32>>
  return
}

// -----

func.func @binary_unsigned(%a: tensor<4xui8>) {
  // expected-error @+1 {{'vx_tensor.mul' op operand #0 must be ranked tensor of}}
  %0 = vx_tensor.mul %a, %a : tensor<4xui8>
  return
}

//===----------------------------------------------------------------------===//
// Unary operations
//===----------------------------------------------------------------------===//

// -----

func.func @exp_integer(%a: tensor<4xi32>) {
  // expected-error @+1 {{'vx_tensor.exp' op operand #0 must be ranked tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values, but got 'tensor<4xi32>'}}
  %0 = vx_tensor.exp %a : tensor<4xi32>
  return
}

// -----

func.func @gelu_integer(%a: tensor<4xi8>) {
  // expected-error @+1 {{'vx_tensor.gelu' op operand #0 must be ranked tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values, but got 'tensor<4xi8>'}}
  %0 = vx_tensor.gelu %a tanh : tensor<4xi8>
  return
}

// -----

func.func @neg_unranked(%a: tensor<*xf32>) {
  // expected-error @+1 {{custom op 'vx_tensor.neg' invalid kind of type specified: expected builtin.tensor, but found 'tensor<*xf32>'}}
  %0 = vx_tensor.neg %a : tensor<*xf32>
  return
}

// -----

func.func @relu_result_type(%a: tensor<4xf32>) {
  // expected-error @+1 {{'vx_tensor.relu' op requires the same type for all operands and results}}
  %0 = "vx_tensor.relu"(%a) : (tensor<4xf32>) -> tensor<4xf16>
  return
}

//===----------------------------------------------------------------------===//
// CastOp
//===----------------------------------------------------------------------===//

// -----

func.func @cast_rank(%a: tensor<4x4xf32>) {
  // expected-error @+1 {{'vx_tensor.cast' op input has rank 2 but result has rank 1}}
  %0 = vx_tensor.cast %a : tensor<4x4xf32> to tensor<16xf16>
  return
}

// -----

func.func @cast_dim(%a: tensor<4x?xf32>) {
  // expected-error @+1 {{'vx_tensor.cast' op input dim 0 (4) does not match result dim 0 (8)}}
  %0 = vx_tensor.cast %a : tensor<4x?xf32> to tensor<8x?xi32>
  return
}

// -----

func.func @cast_bad_element(%a: tensor<4xf32>) {
  // expected-error @+1 {{'vx_tensor.cast' op result #0 must be ranked tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float or 8/16/32/64-bit signless integer values, but got 'tensor<4xf8E4M3FN>'}}
  %0 = vx_tensor.cast %a : tensor<4xf32> to tensor<4xf8E4M3FN>
  return
}

//===----------------------------------------------------------------------===//
// BroadcastOp
//===----------------------------------------------------------------------===//

// -----

func.func @broadcast_element_type(%a: tensor<4xf32>) {
  // expected-error @+1 {{'vx_tensor.broadcast' op element type changes from 'f32' to 'f16'; use vx_tensor.cast}}
  %0 = vx_tensor.broadcast %a dims [0] : tensor<4xf32> to tensor<2x4xf16>
  return
}

// -----

func.func @broadcast_dims_range(%a: tensor<4xf32>) {
  // expected-error @+1 {{'vx_tensor.broadcast' op dims entry 2 is out of range for rank 2}}
  %0 = vx_tensor.broadcast %a dims [2] : tensor<4xf32> to tensor<4x2xf32>
  return
}

// -----

func.func @broadcast_dims_negative(%a: tensor<4xf32>) {
  // expected-error @+1 {{'vx_tensor.broadcast' op dims entry -1 is out of range for rank 2}}
  %0 = vx_tensor.broadcast %a dims [-1] : tensor<4xf32> to tensor<4x2xf32>
  return
}

// -----

func.func @broadcast_dims_repeated(%a: tensor<4xf32>) {
  // expected-error @+1 {{'vx_tensor.broadcast' op dims repeats dimension 0}}
  %0 = vx_tensor.broadcast %a dims [0, 0] : tensor<4xf32> to tensor<2x3x4xf32>
  return
}

// -----

func.func @broadcast_dims_order(%a: tensor<4xf32>) {
  // expected-error @+1 {{'vx_tensor.broadcast' op dims must be in increasing order}}
  %0 = vx_tensor.broadcast %a dims [1, 0] : tensor<4xf32> to tensor<2x3x4xf32>
  return
}

// -----

func.func @broadcast_rank(%a: tensor<4xf32>) {
  // expected-error @+1 {{'vx_tensor.broadcast' op adds 1 dimension(s) to an input of rank 1, which gives rank 2, but the result has rank 3}}
  %0 = vx_tensor.broadcast %a dims [0] : tensor<4xf32> to tensor<2x3x4xf32>
  return
}

// -----

func.func @broadcast_dim(%a: tensor<4x?xf32>) {
  // expected-error @+1 {{'vx_tensor.broadcast' op input dim 0 (4) does not match result dim 1 (5)}}
  %0 = vx_tensor.broadcast %a dims [0] : tensor<4x?xf32> to tensor<2x5x7xf32>
  return
}

// -----

func.func @broadcast_dim_last(%a: tensor<4x3xf32>) {
  // expected-error @+1 {{'vx_tensor.broadcast' op input dim 1 (3) does not match result dim 2 (5)}}
  %0 = vx_tensor.broadcast %a dims [1] : tensor<4x3xf32> to tensor<4x2x5xf32>
  return
}

// -----

func.func @broadcast_missing_size(%a: tensor<4xf32>) {
  // expected-error @+1 {{'vx_tensor.broadcast' op adds 1 dynamic dimension(s) but 0 size(s) are given}}
  %0 = vx_tensor.broadcast %a dims [0] : tensor<4xf32> to tensor<?x4xf32>
  return
}

// -----

// Sizes are for added dimensions only; a kept dynamic one has the input's.
func.func @broadcast_extra_size(%a: tensor<?xf32>, %n: index) {
  // expected-error @+1 {{'vx_tensor.broadcast' op adds 0 dynamic dimension(s) but 1 size(s) are given}}
  %0 = vx_tensor.broadcast %a dims [0] [%n] : tensor<?xf32> to tensor<2x?xf32>
  return
}

// -----

func.func @broadcast_size_type(%a: tensor<4xf32>, %n: i32) {
  // expected-error @+1 {{'vx_tensor.broadcast' op operand #1 must be variadic of index, but got 'i32'}}
  %0 = "vx_tensor.broadcast"(%a, %n) <{dims = array<i64: 0>}> : (tensor<4xf32>, i32) -> tensor<?x4xf32>
  return
}

//===----------------------------------------------------------------------===//
// TransposeOp
//===----------------------------------------------------------------------===//

// -----

func.func @transpose_size(%a: tensor<4x8xf32>) {
  // expected-error @+1 {{permutation has 3 entries but the input has rank 2}}
  %0 = vx_tensor.transpose %a [0, 1, 2] : tensor<4x8xf32>
  return
}

// -----

func.func @transpose_range(%a: tensor<4x8xf32>) {
  // expected-error @+1 {{permutation entry 2 is out of range for rank 2}}
  %0 = vx_tensor.transpose %a [2, 0] : tensor<4x8xf32>
  return
}

// -----

func.func @transpose_negative(%a: tensor<4x8xf32>) {
  // expected-error @+1 {{permutation entry -1 is out of range for rank 2}}
  %0 = vx_tensor.transpose %a [0, -1] : tensor<4x8xf32>
  return
}

// -----

func.func @transpose_repeated(%a: tensor<4x8x2xf32>) {
  // expected-error @+1 {{permutation repeats dimension 1}}
  %0 = vx_tensor.transpose %a [1, 0, 1] : tensor<4x8x2xf32>
  return
}

// -----

func.func @transpose_unranked(%a: tensor<*xf32>) {
  // expected-error @+1 {{custom op 'vx_tensor.transpose' invalid kind of type specified: expected builtin.tensor, but found 'tensor<*xf32>'}}
  %0 = vx_tensor.transpose %a [0] : tensor<*xf32>
  return
}

// -----

func.func @transpose_generic_result(%a: tensor<4x8xf32>) {
  // expected-error @+2 {{'vx_tensor.transpose' op inferred type(s) 'tensor<8x4xf32>' are incompatible with return type(s) of operation 'tensor<4x8xf32>'}}
  // expected-error @+1 {{'vx_tensor.transpose' op failed to infer returned types}}
  %0 = "vx_tensor.transpose"(%a) <{permutation = array<i64: 1, 0>}>
      : (tensor<4x8xf32>) -> tensor<4x8xf32>
  return
}

// -----

func.func @transpose_generic_unranked(%a: tensor<*xf32>) {
  // expected-error @+1 {{'vx_tensor.transpose' op operand #0 must be ranked tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float or 8/16/32/64-bit signless integer values, but got 'tensor<*xf32>'}}
  %0 = "vx_tensor.transpose"(%a) <{permutation = array<i64: 0>}>
      : (tensor<*xf32>) -> tensor<8xf32>
  return
}

// -----

func.func @transpose_generic_operands(%a: tensor<4xf32>) {
  // expected-error @+1 {{'vx_tensor.transpose' op requires a single operand}}
  %0 = "vx_tensor.transpose"(%a, %a) <{permutation = array<i64: 0>}>
      : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @transpose_generic_missing_permutation(%a: tensor<4x8xf32>) {
  // expected-error @+1 {{'vx_tensor.transpose' op requires attribute 'permutation'}}
  %0 = "vx_tensor.transpose"(%a) : (tensor<4x8xf32>) -> tensor<4x8xf32>
  return
}

//===----------------------------------------------------------------------===//
// ReshapeOp
//===----------------------------------------------------------------------===//

// -----

func.func @reshape_element_type(%a: tensor<4x8xf32>) {
  // expected-error @+1 {{'vx_tensor.reshape' op element type changes from 'f32' to 'i32'; use vx_tensor.cast}}
  %0 = vx_tensor.reshape %a : tensor<4x8xf32> to tensor<32xi32>
  return
}

// -----

func.func @reshape_missing_size(%a: tensor<4x8xf32>) {
  // expected-error @+1 {{'vx_tensor.reshape' op result has 1 dynamic dimension(s) but 0 size(s) are given}}
  %0 = vx_tensor.reshape %a : tensor<4x8xf32> to tensor<?x8xf32>
  return
}

// -----

func.func @reshape_extra_size(%a: tensor<?x8xf32>, %n: index) {
  // expected-error @+1 {{'vx_tensor.reshape' op result has 0 dynamic dimension(s) but 1 size(s) are given}}
  %0 = vx_tensor.reshape %a [%n] : tensor<?x8xf32> to tensor<64xf32>
  return
}

// -----

func.func @reshape_count(%a: tensor<4x8xf32>) {
  // expected-error @+1 {{'vx_tensor.reshape' op input has 32 elements but the result has 30}}
  %0 = vx_tensor.reshape %a : tensor<4x8xf32> to tensor<5x6xf32>
  return
}

// -----

// expected-note @+1 {{prior use here}}
func.func @reshape_size_type(%a: tensor<?xf32>, %n: i64) {
  // expected-error @+1 {{use of value '%n' expects different type than prior uses: 'index' vs 'i64'}}
  %0 = vx_tensor.reshape %a [%n] : tensor<?xf32> to tensor<?xf32>
  return
}

//===----------------------------------------------------------------------===//
// Reductions
//===----------------------------------------------------------------------===//

// -----

func.func @reduce_no_dims(%a: tensor<4x8xf32>) {
  // expected-error @+1 {{dims must name at least one dimension}}
  %0 = vx_tensor.reduce_sum %a dims [] : tensor<4x8xf32>
  return
}

// -----

func.func @reduce_range(%a: tensor<4x8xi32>) {
  // expected-error @+1 {{dims entry 2 is out of range for rank 2}}
  %0 = vx_tensor.reduce_max %a dims [2] : tensor<4x8xi32>
  return
}

// -----

func.func @reduce_rank0(%a: tensor<f32>) {
  // expected-error @+1 {{dims entry 0 is out of range for rank 0}}
  %0 = vx_tensor.reduce_min %a dims [0] : tensor<f32>
  return
}

// -----

func.func @reduce_repeated(%a: tensor<4x8xf32>) {
  // expected-error @+1 {{dims repeats dimension 1}}
  %0 = vx_tensor.reduce_mean %a dims [1, 1] keepdims : tensor<4x8xf32>
  return
}

// -----

func.func @reduce_unranked(%a: tensor<*xf32>) {
  // expected-error @+1 {{custom op 'vx_tensor.reduce_sum' invalid kind of type specified: expected builtin.tensor, but found 'tensor<*xf32>'}}
  %0 = vx_tensor.reduce_sum %a dims [0] : tensor<*xf32>
  return
}

// -----

func.func @reduce_mean_integer(%a: tensor<4xi32>) {
  // expected-error @+1 {{'vx_tensor.reduce_mean' op operand #0 must be ranked tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values, but got 'tensor<4xi32>'}}
  %0 = vx_tensor.reduce_mean %a dims [0] : tensor<4xi32>
  return
}

// -----

func.func @reduce_generic_keepdims(%a: tensor<4x8xf32>) {
  // expected-error @+2 {{'vx_tensor.reduce_sum' op inferred type(s) 'tensor<4x1xf32>' are incompatible with return type(s) of operation 'tensor<4xf32>'}}
  // expected-error @+1 {{'vx_tensor.reduce_sum' op failed to infer returned types}}
  %0 = "vx_tensor.reduce_sum"(%a) <{dims = array<i64: 1>, keepdims}>
      : (tensor<4x8xf32>) -> tensor<4xf32>
  return
}

//===----------------------------------------------------------------------===//
// SoftmaxOp
//===----------------------------------------------------------------------===//

// -----

func.func @softmax_dim(%a: tensor<4x8xf32>) {
  // expected-error @+1 {{'vx_tensor.softmax' op dim 2 is out of range for rank 2}}
  %0 = vx_tensor.softmax %a dim 2 : tensor<4x8xf32>
  return
}

// -----

func.func @softmax_rank0(%a: tensor<f32>) {
  // expected-error @+1 {{'vx_tensor.softmax' op dim 0 is out of range for rank 0}}
  %0 = vx_tensor.softmax %a dim 0 : tensor<f32>
  return
}

// -----

func.func @softmax_negative(%a: tensor<4x8xf32>) {
  // expected-error @+1 {{'vx_tensor.softmax' op attribute 'dim' failed to satisfy constraint: 64-bit signless integer attribute whose value is non-negative}}
  %0 = vx_tensor.softmax %a dim -1 : tensor<4x8xf32>
  return
}

// -----

func.func @softmax_integer(%a: tensor<4xi32>) {
  // expected-error @+1 {{'vx_tensor.softmax' op operand #0 must be ranked tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values}}
  %0 = vx_tensor.softmax %a dim 0 : tensor<4xi32>
  return
}

//===----------------------------------------------------------------------===//
// Normalizations
//===----------------------------------------------------------------------===//

// -----

func.func @rms_norm_rank0(%a: tensor<f32>, %w: tensor<4xf32>) {
  // expected-error @+1 {{input must have rank >= 1}}
  %0 = vx_tensor.rms_norm %a, %w eps 1.0e-6 : tensor<f32>, tensor<4xf32>
  return
}

// -----

func.func @rms_norm_weight_rank(%a: tensor<4x8xf32>, %w: tensor<1x8xf32>) {
  // expected-error @+1 {{weight must be 1-D, has rank 2}}
  %0 = vx_tensor.rms_norm %a, %w eps 1.0e-6 : tensor<4x8xf32>, tensor<1x8xf32>
  return
}

// -----

func.func @rms_norm_weight_size(%a: tensor<4x8xf32>, %w: tensor<4xf32>) {
  // expected-error @+1 {{weight size (4) does not match the normalized input dim 1 (8)}}
  %0 = vx_tensor.rms_norm %a, %w eps 1.0e-6 : tensor<4x8xf32>, tensor<4xf32>
  return
}

// -----

func.func @rms_norm_weight_element(%a: tensor<4x8xf32>, %w: tensor<8xf16>) {
  // expected-error @+1 {{weight element type 'f16' differs from the input's 'f32'}}
  %0 = vx_tensor.rms_norm %a, %w eps 1.0e-6 : tensor<4x8xf32>, tensor<8xf16>
  return
}

// -----

func.func @rms_norm_unranked_input(%a: tensor<*xf32>, %w: tensor<8xf32>) {
  // expected-error @+1 {{custom op 'vx_tensor.rms_norm' invalid kind of type specified: expected builtin.tensor, but found 'tensor<*xf32>'}}
  %0 = vx_tensor.rms_norm %a, %w eps 1.0e-6 : tensor<*xf32>, tensor<8xf32>
  return
}

// -----

func.func @rms_norm_integer(%a: tensor<4x8xi32>, %w: tensor<8xi32>) {
  // expected-error @+1 {{'vx_tensor.rms_norm' op operand #0 must be ranked tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values, but got 'tensor<4x8xi32>'}}
  %0 = vx_tensor.rms_norm %a, %w eps 1.0e-6 : tensor<4x8xi32>, tensor<8xi32>
  return
}

// -----

func.func @layer_norm_bias_size(%a: tensor<4x8xf32>, %w: tensor<?xf32>, %b: tensor<7xf32>) {
  // expected-error @+1 {{bias size (7) does not match the normalized input dim 1 (8)}}
  %0 = vx_tensor.layer_norm %a, %w, %b eps 1.0e-5 : tensor<4x8xf32>, tensor<?xf32>, tensor<7xf32>
  return
}

// -----

// Weight and bias agree with a dynamic input dimension but not with each other.
func.func @layer_norm_bias_weight(%a: tensor<4x?xf32>, %w: tensor<8xf32>, %b: tensor<7xf32>) {
  // expected-error @+1 {{bias size (7) does not match weight size (8)}}
  %0 = vx_tensor.layer_norm %a, %w, %b eps 1.0e-5 : tensor<4x?xf32>, tensor<8xf32>, tensor<7xf32>
  return
}

// -----

func.func @layer_norm_bias_element(%a: tensor<8xbf16>, %w: tensor<8xbf16>, %b: tensor<8xf32>) {
  // expected-error @+1 {{bias element type 'f32' differs from the input's 'bf16'}}
  %0 = vx_tensor.layer_norm %a, %w, %b eps 1.0e-5 : tensor<8xbf16>, tensor<8xbf16>, tensor<8xf32>
  return
}

// -----

func.func @layer_norm_bias_rank(%a: tensor<8xf32>, %w: tensor<8xf32>, %b: tensor<f32>) {
  // expected-error @+1 {{bias must be 1-D, has rank 0}}
  %0 = vx_tensor.layer_norm %a, %w, %b eps 1.0e-5 : tensor<8xf32>, tensor<8xf32>, tensor<f32>
  return
}

// -----

func.func @layer_norm_weight_unranked(%a: tensor<8xf32>, %w: tensor<*xf32>, %b: tensor<8xf32>) {
  // expected-error @+1 {{custom op 'vx_tensor.layer_norm' invalid kind of type specified: expected builtin.tensor, but found 'tensor<*xf32>'}}
  %0 = vx_tensor.layer_norm %a, %w, %b eps 1.0e-5 : tensor<8xf32>, tensor<*xf32>, tensor<8xf32>
  return
}

// -----

func.func @layer_norm_generic_unranked(%a: tensor<8xf32>, %b: tensor<*xf32>) {
  // expected-error @+1 {{'vx_tensor.layer_norm' op operand #2 must be ranked tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values, but got 'tensor<*xf32>'}}
  %0 = "vx_tensor.layer_norm"(%a, %a, %b) <{epsilon = 1.0e-5 : f64}>
      : (tensor<8xf32>, tensor<8xf32>, tensor<*xf32>) -> tensor<8xf32>
  return
}

// -----

func.func @layer_norm_rank0(%a: tensor<bf16>, %w: tensor<8xbf16>, %b: tensor<8xbf16>) {
  // expected-error @+1 {{input must have rank >= 1}}
  %0 = vx_tensor.layer_norm %a, %w, %b eps 1.0e-5 : tensor<bf16>, tensor<8xbf16>, tensor<8xbf16>
  return
}

//===----------------------------------------------------------------------===//
// MatmulOp
//===----------------------------------------------------------------------===//

// -----

func.func @matmul_element(%a: tensor<4x8xf32>, %b: tensor<8x4xbf16>) {
  // expected-error @+1 {{operand element types differ: 'f32' vs 'bf16'}}
  %0 = vx_tensor.matmul %a, %b : tensor<4x8xf32>, tensor<8x4xbf16>
  return
}

// -----

func.func @matmul_lhs_rank(%a: tensor<8xf32>, %b: tensor<8x4xf32>) {
  // expected-error @+1 {{lhs must have rank >= 2, has rank 1}}
  %0 = vx_tensor.matmul %a, %b : tensor<8xf32>, tensor<8x4xf32>
  return
}

// -----

func.func @matmul_rhs_rank(%a: tensor<4x8xf32>, %b: tensor<8xf32>) {
  // expected-error @+1 {{rhs must have rank >= 2, has rank 1}}
  %0 = vx_tensor.matmul %a, %b : tensor<4x8xf32>, tensor<8xf32>
  return
}

// -----

func.func @matmul_rhs_batch_rank(%a: tensor<2x4x8xf32>, %b: tensor<3x2x8x4xf32>) {
  // expected-error @+1 {{rhs must be 2-D or have the rank of lhs (3), has rank 4}}
  %0 = vx_tensor.matmul %a, %b : tensor<2x4x8xf32>, tensor<3x2x8x4xf32>
  return
}

// -----

func.func @matmul_batch(%a: tensor<2x4x8xf32>, %b: tensor<3x8x4xf32>) {
  // expected-error @+1 {{batch dim 0 differs: lhs has 2, rhs has 3}}
  %0 = vx_tensor.matmul %a, %b : tensor<2x4x8xf32>, tensor<3x8x4xf32>
  return
}

// -----

func.func @matmul_contracting(%a: tensor<4x8xf32>, %b: tensor<4x8xf32>) {
  // expected-error @+1 {{contracting dimensions differ: lhs dim 1 is 8 but rhs dim 0 is 4}}
  %0 = vx_tensor.matmul %a, %b : tensor<4x8xf32>, tensor<4x8xf32>
  return
}

// -----

func.func @matmul_contracting_transposed(%a: tensor<2x4x8xf32>) {
  // expected-error @+1 {{contracting dimensions differ: lhs dim 1 is 4 but rhs dim 2 is 8}}
  %0 = vx_tensor.matmul %a, %a transpose_lhs transpose_rhs : tensor<2x4x8xf32>, tensor<2x4x8xf32>
  return
}

// -----

func.func @matmul_unranked(%a: tensor<*xf32>, %b: tensor<8x4xf32>) {
  // expected-error @+1 {{custom op 'vx_tensor.matmul' invalid kind of type specified: expected builtin.tensor, but found 'tensor<*xf32>'}}
  %0 = vx_tensor.matmul %a, %b : tensor<*xf32>, tensor<8x4xf32>
  return
}

// -----

func.func @matmul_generic_result(%a: tensor<4x8xf32>, %b: tensor<8x2xf32>) {
  // expected-error @+2 {{'vx_tensor.matmul' op inferred type(s) 'tensor<4x2xf32>' are incompatible with return type(s) of operation 'tensor<4x8xf32>'}}
  // expected-error @+1 {{'vx_tensor.matmul' op failed to infer returned types}}
  %0 = "vx_tensor.matmul"(%a, %b) : (tensor<4x8xf32>, tensor<8x2xf32>) -> tensor<4x8xf32>
  return
}

//===----------------------------------------------------------------------===//
// AttentionOp
//===----------------------------------------------------------------------===//

// -----

func.func @attention_rank(%q: tensor<32x?x128xbf16>, %k: tensor<1x8x?x128xbf16>) {
  // expected-error @+1 {{query must have rank 4 ([batch, heads, sequence, head_dim]), has rank 3}}
  %0 = vx_tensor.attention %q, %k, %k : tensor<32x?x128xbf16>, tensor<1x8x?x128xbf16>, tensor<1x8x?x128xbf16>
  return
}

// -----

func.func @attention_value_rank(%q: tensor<1x8x?x128xbf16>, %v: tensor<8x?x128xbf16>) {
  // expected-error @+1 {{value must have rank 4 ([batch, heads, sequence, head_dim]), has rank 3}}
  %0 = vx_tensor.attention %q, %q, %v : tensor<1x8x?x128xbf16>, tensor<1x8x?x128xbf16>, tensor<8x?x128xbf16>
  return
}

// -----

func.func @attention_element(%q: tensor<1x8x4x16xf32>, %k: tensor<1x8x4x16xf16>) {
  // expected-error @+1 {{key element type 'f16' differs from the query's 'f32'}}
  %0 = vx_tensor.attention %q, %k, %k : tensor<1x8x4x16xf32>, tensor<1x8x4x16xf16>, tensor<1x8x4x16xf16>
  return
}

// -----

func.func @attention_batch(%q: tensor<2x8x4x16xf32>, %k: tensor<1x8x4x16xf32>) {
  // expected-error @+1 {{batch differs: query dim 0 is 2 but key dim 0 is 1}}
  %0 = vx_tensor.attention %q, %k, %k : tensor<2x8x4x16xf32>, tensor<1x8x4x16xf32>, tensor<1x8x4x16xf32>
  return
}

// -----

func.func @attention_batch_value(%q: tensor<?x8x4x16xf32>, %k: tensor<?x8x4x16xf32>, %v: tensor<3x8x4x16xf32>, %k2: tensor<2x8x4x16xf32>) {
  // expected-error @+1 {{batch differs: key dim 0 is 2 but value dim 0 is 3}}
  %0 = vx_tensor.attention %q, %k2, %v : tensor<?x8x4x16xf32>, tensor<2x8x4x16xf32>, tensor<3x8x4x16xf32>
  return
}

// -----

// The query and the value must agree even when the key's batch is dynamic.
func.func @attention_batch_query_value(%q: tensor<2x8x4x16xf32>, %k: tensor<?x8x4x16xf32>, %v: tensor<3x8x4x16xf32>) {
  // expected-error @+1 {{batch differs: query dim 0 is 2 but value dim 0 is 3}}
  %0 = vx_tensor.attention %q, %k, %v : tensor<2x8x4x16xf32>, tensor<?x8x4x16xf32>, tensor<3x8x4x16xf32>
  return
}

// -----

func.func @attention_generic_operands(%q: tensor<1x8x4x16xf32>) {
  // expected-error @+1 {{'vx_tensor.attention' op expected 3 operands, but found 2}}
  %0 = "vx_tensor.attention"(%q, %q) : (tensor<1x8x4x16xf32>, tensor<1x8x4x16xf32>) -> tensor<1x8x4x16xf32>
  return
}

// -----

func.func @attention_kv_heads(%q: tensor<1x8x4x16xf32>, %k: tensor<1x4x4x16xf32>, %v: tensor<1x2x4x16xf32>) {
  // expected-error @+1 {{key/value heads differs: key dim 1 is 4 but value dim 1 is 2}}
  %0 = vx_tensor.attention %q, %k, %v : tensor<1x8x4x16xf32>, tensor<1x4x4x16xf32>, tensor<1x2x4x16xf32>
  return
}

// -----

func.func @attention_kv_sequence(%q: tensor<1x8x4x16xf32>, %k: tensor<1x8x10x16xf32>, %v: tensor<1x8x12x16xf32>) {
  // expected-error @+1 {{key/value sequence differs: key dim 2 is 10 but value dim 2 is 12}}
  %0 = vx_tensor.attention %q, %k, %v : tensor<1x8x4x16xf32>, tensor<1x8x10x16xf32>, tensor<1x8x12x16xf32>
  return
}

// -----

func.func @attention_head_dim(%q: tensor<1x8x4x64xf32>, %k: tensor<1x8x4x128xf32>) {
  // expected-error @+1 {{head_dim differs: query dim 3 is 64 but key dim 3 is 128}}
  %0 = vx_tensor.attention %q, %k, %k : tensor<1x8x4x64xf32>, tensor<1x8x4x128xf32>, tensor<1x8x4x128xf32>
  return
}

// -----

func.func @attention_heads_multiple(%q: tensor<1x6x4x16xf32>, %k: tensor<1x4x4x16xf32>) {
  // expected-error @+1 {{query heads (6) must be a multiple of key/value heads (4)}}
  %0 = vx_tensor.attention %q, %k, %k : tensor<1x6x4x16xf32>, tensor<1x4x4x16xf32>, tensor<1x4x4x16xf32>
  return
}

// -----

func.func @attention_heads_zero(%q: tensor<1x6x4x16xf32>, %k: tensor<1x0x4x16xf32>) {
  // expected-error @+1 {{query heads (6) must be a multiple of key/value heads (0)}}
  %0 = vx_tensor.attention %q, %k, %k : tensor<1x6x4x16xf32>, tensor<1x0x4x16xf32>, tensor<1x0x4x16xf32>
  return
}

// -----

// The key/value heads are the join of the key's and the value's.
func.func @attention_heads_joined(%q: tensor<1x6x4x16xf32>, %k: tensor<1x?x4x16xf32>, %v: tensor<1x4x4x16xf32>) {
  // expected-error @+1 {{query heads (6) must be a multiple of key/value heads (4)}}
  %0 = vx_tensor.attention %q, %k, %v : tensor<1x6x4x16xf32>, tensor<1x?x4x16xf32>, tensor<1x4x4x16xf32>
  return
}

// -----

func.func @attention_scale_zero(%q: tensor<1x8x4x16xf32>) {
  // expected-error @+1 {{scale must be positive and finite}}
  %0 = vx_tensor.attention %q, %q, %q scale 0.0 : tensor<1x8x4x16xf32>, tensor<1x8x4x16xf32>, tensor<1x8x4x16xf32>
  return
}

// -----

func.func @attention_scale_negative(%q: tensor<1x8x4x16xf32>) {
  // expected-error @+1 {{scale must be positive and finite}}
  %0 = vx_tensor.attention %q, %q, %q causal scale -0.5 : tensor<1x8x4x16xf32>, tensor<1x8x4x16xf32>, tensor<1x8x4x16xf32>
  return
}

// -----

func.func @attention_scale_infinite(%q: tensor<1x8x4x16xf32>) {
  // expected-error @+1 {{scale must be positive and finite}}
  %0 = vx_tensor.attention %q, %q, %q scale 0x7FF0000000000000 : tensor<1x8x4x16xf32>, tensor<1x8x4x16xf32>, tensor<1x8x4x16xf32>
  return
}

// -----

func.func @attention_scale_nan(%q: tensor<1x8x4x16xf32>) {
  // expected-error @+1 {{scale must be positive and finite}}
  %0 = vx_tensor.attention %q, %q, %q scale 0x7FF8000000000000 : tensor<1x8x4x16xf32>, tensor<1x8x4x16xf32>, tensor<1x8x4x16xf32>
  return
}

// -----

func.func @attention_unranked_value(%q: tensor<1x8x4x16xf32>, %v: tensor<*xf32>) {
  // expected-error @+1 {{custom op 'vx_tensor.attention' invalid kind of type specified: expected builtin.tensor, but found 'tensor<*xf32>'}}
  %0 = vx_tensor.attention %q, %q, %v : tensor<1x8x4x16xf32>, tensor<1x8x4x16xf32>, tensor<*xf32>
  return
}

// -----

func.func @attention_integer(%q: tensor<1x8x4x16xi32>) {
  // expected-error @+1 {{'vx_tensor.attention' op operand #0 must be ranked tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values, but got 'tensor<1x8x4x16xi32>'}}
  %0 = vx_tensor.attention %q, %q, %q : tensor<1x8x4x16xi32>, tensor<1x8x4x16xi32>, tensor<1x8x4x16xi32>
  return
}

// -----

func.func @attention_generic_result(%q: tensor<1x8x4x16xf32>, %v: tensor<1x8x4x32xf32>) {
  // expected-error @+2 {{'vx_tensor.attention' op inferred type(s) 'tensor<1x8x4x32xf32>' are incompatible with return type(s) of operation 'tensor<1x8x4x16xf32>'}}
  // expected-error @+1 {{'vx_tensor.attention' op failed to infer returned types}}
  %0 = "vx_tensor.attention"(%q, %q, %v) : (tensor<1x8x4x16xf32>, tensor<1x8x4x16xf32>, tensor<1x8x4x32xf32>) -> tensor<1x8x4x16xf32>
  return
}

// -----

// Integers wider than 64 bits have no GPU lowering.
func.func @i128(%a: tensor<4xi128>) -> tensor<4xf32> {
  // expected-error @+1 {{'vx_tensor.cast' op operand #0 must be ranked tensor of}}
  %r = vx_tensor.cast %a : tensor<4xi128> to tensor<4xf32>
  return %r : tensor<4xf32>
}

// -----

// i1 is a condition, not a number.
func.func @i1(%a: tensor<4xi1>) -> tensor<4xi1> {
  // expected-error @+1 {{must be ranked tensor of}}
  %r = vx_tensor.add %a, %a : tensor<4xi1>
  return %r : tensor<4xi1>
}
