// Row kernels that utils/bench/rows.py times against PyTorch.
func.func @softmax_bf16(%x: tensor<?x?xbf16>) -> tensor<?x?xbf16> {
  %r = vx_tensor.softmax %x dim 1 : tensor<?x?xbf16>
  return %r : tensor<?x?xbf16>
}
func.func @rms_norm_bf16(%x: tensor<?x?xbf16>, %w: tensor<?xbf16>) -> tensor<?x?xbf16> {
  %r = vx_tensor.rms_norm %x, %w eps 1.0e-05 : tensor<?x?xbf16>, tensor<?xbf16>
  return %r : tensor<?x?xbf16>
}
func.func @row_sum_f32(%x: tensor<?x?xf32>) -> tensor<?xf32> {
  %r = vx_tensor.reduce_sum %x dims [1] : tensor<?x?xf32>
  return %r : tensor<?xf32>
}
