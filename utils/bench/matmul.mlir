// Matmuls that utils/bench/matmul.py checks and times against PyTorch.
// Dynamic shapes: one function serves every size (the host picks a kernel
// per row class); the LLM shapes have static N and K so that each gets the
// tile its class calls for.
func.func @mm_nn_bf16(%a: tensor<?x?xbf16>, %b: tensor<?x?xbf16>) -> tensor<?x?xbf16> {
  %r = vx_tensor.matmul %a, %b : tensor<?x?xbf16>, tensor<?x?xbf16>
  return %r : tensor<?x?xbf16>
}
func.func @mm_tn_bf16(%a: tensor<?x?xbf16>, %b: tensor<?x?xbf16>) -> tensor<?x?xbf16> {
  %r = vx_tensor.matmul %a, %b transpose_lhs : tensor<?x?xbf16>, tensor<?x?xbf16>
  return %r : tensor<?x?xbf16>
}
func.func @mm_nt_bf16(%a: tensor<?x?xbf16>, %b: tensor<?x?xbf16>) -> tensor<?x?xbf16> {
  %r = vx_tensor.matmul %a, %b transpose_rhs : tensor<?x?xbf16>, tensor<?x?xbf16>
  return %r : tensor<?x?xbf16>
}
func.func @mm_tt_bf16(%a: tensor<?x?xbf16>, %b: tensor<?x?xbf16>) -> tensor<?x?xbf16> {
  %r = vx_tensor.matmul %a, %b transpose_lhs transpose_rhs : tensor<?x?xbf16>, tensor<?x?xbf16>
  return %r : tensor<?x?xbf16>
}
func.func @bmm_bf16(%a: tensor<?x?x?xbf16>, %b: tensor<?x?x?xbf16>) -> tensor<?x?x?xbf16> {
  %r = vx_tensor.matmul %a, %b : tensor<?x?x?xbf16>, tensor<?x?x?xbf16>
  return %r : tensor<?x?x?xbf16>
}
func.func @bmm_shared_nt_bf16(%a: tensor<?x?x?xbf16>, %b: tensor<?x?xbf16>) -> tensor<?x?x?xbf16> {
  %r = vx_tensor.matmul %a, %b transpose_rhs : tensor<?x?x?xbf16>, tensor<?x?xbf16>
  return %r : tensor<?x?x?xbf16>
}
func.func @mm_nn_f16(%a: tensor<?x?xf16>, %b: tensor<?x?xf16>) -> tensor<?x?xf16> {
  %r = vx_tensor.matmul %a, %b : tensor<?x?xf16>, tensor<?x?xf16>
  return %r : tensor<?x?xf16>
}
func.func @linear_bias(%x: tensor<?x?xbf16>, %w: tensor<?x?xbf16>, %b: tensor<?xbf16>) -> tensor<?x?xbf16> {
  %c0 = arith.constant 0 : index
  %m = tensor.dim %x, %c0 : tensor<?x?xbf16>
  %y = vx_tensor.matmul %x, %w transpose_rhs : tensor<?x?xbf16>, tensor<?x?xbf16>
  %bb = vx_tensor.broadcast %b dims [0] [%m] : tensor<?xbf16> to tensor<?x?xbf16>
  %s = vx_tensor.add %y, %bb : tensor<?x?xbf16>
  return %s : tensor<?x?xbf16>
}
func.func @linear_bias_gelu(%x: tensor<?x?xbf16>, %w: tensor<?x?xbf16>, %b: tensor<?xbf16>) -> tensor<?x?xbf16> {
  %c0 = arith.constant 0 : index
  %m = tensor.dim %x, %c0 : tensor<?x?xbf16>
  %y = vx_tensor.matmul %x, %w transpose_rhs : tensor<?x?xbf16>, tensor<?x?xbf16>
  %bb = vx_tensor.broadcast %b dims [0] [%m] : tensor<?xbf16> to tensor<?x?xbf16>
  %s = vx_tensor.add %y, %bb : tensor<?x?xbf16>
  %g = vx_tensor.gelu %s : tensor<?x?xbf16>
  return %g : tensor<?x?xbf16>
}
func.func @linear_bias_relu(%x: tensor<?x?xbf16>, %w: tensor<?x?xbf16>, %b: tensor<?xbf16>) -> tensor<?x?xbf16> {
  %c0 = arith.constant 0 : index
  %m = tensor.dim %x, %c0 : tensor<?x?xbf16>
  %y = vx_tensor.matmul %x, %w transpose_rhs : tensor<?x?xbf16>, tensor<?x?xbf16>
  %bb = vx_tensor.broadcast %b dims [0] [%m] : tensor<?xbf16> to tensor<?x?xbf16>
  %s = vx_tensor.add %y, %bb : tensor<?x?xbf16>
  %g = vx_tensor.relu %s : tensor<?x?xbf16>
  return %g : tensor<?x?xbf16>
}
func.func @linear_silu(%x: tensor<?x?xbf16>, %w: tensor<?x?xbf16>) -> tensor<?x?xbf16> {
  %c0 = arith.constant 0 : index
  %m = tensor.dim %x, %c0 : tensor<?x?xbf16>
  %y = vx_tensor.matmul %x, %w transpose_rhs : tensor<?x?xbf16>, tensor<?x?xbf16>
  %g = vx_tensor.silu %y : tensor<?x?xbf16>
  return %g : tensor<?x?xbf16>
}
func.func @linear_residual(%x: tensor<?x?xbf16>, %w: tensor<?x?xbf16>, %r: tensor<?x?xbf16>) -> tensor<?x?xbf16> {
  %c0 = arith.constant 0 : index
  %m = tensor.dim %x, %c0 : tensor<?x?xbf16>
  %y = vx_tensor.matmul %x, %w transpose_rhs : tensor<?x?xbf16>, tensor<?x?xbf16>
  %g = vx_tensor.add %y, %r : tensor<?x?xbf16>
  return %g : tensor<?x?xbf16>
}
func.func @linear_f32(%x: tensor<?x?xbf16>, %w: tensor<?x?xbf16>) -> tensor<?x?xf32> {
  %c0 = arith.constant 0 : index
  %m = tensor.dim %x, %c0 : tensor<?x?xbf16>
  %y = vx_tensor.matmul %x, %w transpose_rhs : tensor<?x?xbf16>, tensor<?x?xbf16>
  %g = vx_tensor.cast %y : tensor<?x?xbf16> to tensor<?x?xf32>
  return %g : tensor<?x?xf32>
}
func.func @mm_k4096_n4096(%a: tensor<?x4096xbf16>, %b: tensor<4096x4096xbf16>) -> tensor<?x4096xbf16> {
  %r = vx_tensor.matmul %a, %b : tensor<?x4096xbf16>, tensor<4096x4096xbf16>
  return %r : tensor<?x4096xbf16>
}
func.func @mm_k4096_n11008(%a: tensor<?x4096xbf16>, %b: tensor<4096x11008xbf16>) -> tensor<?x11008xbf16> {
  %r = vx_tensor.matmul %a, %b : tensor<?x4096xbf16>, tensor<4096x11008xbf16>
  return %r : tensor<?x11008xbf16>
}
func.func @mm_k4096_n14336(%a: tensor<?x4096xbf16>, %b: tensor<4096x14336xbf16>) -> tensor<?x14336xbf16> {
  %r = vx_tensor.matmul %a, %b : tensor<?x4096xbf16>, tensor<4096x14336xbf16>
  return %r : tensor<?x14336xbf16>
}
func.func @mm_k8192_n8192(%a: tensor<?x8192xbf16>, %b: tensor<8192x8192xbf16>) -> tensor<?x8192xbf16> {
  %r = vx_tensor.matmul %a, %b : tensor<?x8192xbf16>, tensor<8192x8192xbf16>
  return %r : tensor<?x8192xbf16>
}
func.func @linear_bias_gelu_k4096_n4096(%x: tensor<?x4096xbf16>, %w: tensor<4096x4096xbf16>, %b: tensor<4096xbf16>) -> tensor<?x4096xbf16> {
  %c0 = arith.constant 0 : index
  %m = tensor.dim %x, %c0 : tensor<?x4096xbf16>
  %y = vx_tensor.matmul %x, %w transpose_rhs : tensor<?x4096xbf16>, tensor<4096x4096xbf16>
  %bb = vx_tensor.broadcast %b dims [0] [%m] : tensor<4096xbf16> to tensor<?x4096xbf16>
  %s = vx_tensor.add %y, %bb : tensor<?x4096xbf16>
  %g = vx_tensor.gelu %s : tensor<?x4096xbf16>
  return %g : tensor<?x4096xbf16>
}
// f32 matmuls: tensor cores with tf32 operands (`build` compiles with
// matmul-tf32); the plain product copies its rhs K-major first, x Wᵀ does not.
func.func @mm_nn_f32(%a: tensor<?x?xf32>, %b: tensor<?x?xf32>) -> tensor<?x?xf32> {
  %r = vx_tensor.matmul %a, %b : tensor<?x?xf32>, tensor<?x?xf32>
  return %r : tensor<?x?xf32>
}
func.func @mm_nt_f32(%a: tensor<?x?xf32>, %b: tensor<?x?xf32>) -> tensor<?x?xf32> {
  %r = vx_tensor.matmul %a, %b transpose_rhs : tensor<?x?xf32>, tensor<?x?xf32>
  return %r : tensor<?x?xf32>
}
func.func @mm_tn_f32(%a: tensor<?x?xf32>, %b: tensor<?x?xf32>) -> tensor<?x?xf32> {
  %r = vx_tensor.matmul %a, %b transpose_lhs : tensor<?x?xf32>, tensor<?x?xf32>
  return %r : tensor<?x?xf32>
}
func.func @bmm_f32(%a: tensor<?x?x?xf32>, %b: tensor<?x?x?xf32>) -> tensor<?x?x?xf32> {
  %r = vx_tensor.matmul %a, %b : tensor<?x?x?xf32>, tensor<?x?x?xf32>
  return %r : tensor<?x?x?xf32>
}
func.func @linear_bias_gelu_f32(%x: tensor<?x?xf32>, %w: tensor<?x?xf32>, %b: tensor<?xf32>) -> tensor<?x?xf32> {
  %c0 = arith.constant 0 : index
  %m = tensor.dim %x, %c0 : tensor<?x?xf32>
  %y = vx_tensor.matmul %x, %w transpose_rhs : tensor<?x?xf32>, tensor<?x?xf32>
  %bb = vx_tensor.broadcast %b dims [0] [%m] : tensor<?xf32> to tensor<?x?xf32>
  %s = vx_tensor.add %y, %bb : tensor<?x?xf32>
  %g = vx_tensor.gelu %s : tensor<?x?xf32>
  return %g : tensor<?x?xf32>
}
func.func @mm_k4096_n4096_f32(%a: tensor<?x4096xf32>, %b: tensor<4096x4096xf32>) -> tensor<?x4096xf32> {
  %r = vx_tensor.matmul %a, %b : tensor<?x4096xf32>, tensor<4096x4096xf32>
  return %r : tensor<?x4096xf32>
}
func.func @mm_nt_k4096_n4096_f32(%a: tensor<?x4096xf32>, %b: tensor<4096x4096xf32>) -> tensor<?x4096xf32> {
  %r = vx_tensor.matmul %a, %b transpose_rhs : tensor<?x4096xf32>, tensor<4096x4096xf32>
  return %r : tensor<?x4096xf32>
}
