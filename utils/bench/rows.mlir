// Row kernels that utils/bench/rows.py times against PyTorch.
func.func @softmax_bf16(%x: tensor<?x?xbf16>) -> tensor<?x?xbf16> {
  %r = vx_tensor.softmax %x dim 1 : tensor<?x?xbf16>
  return %r : tensor<?x?xbf16>
}
func.func @rms_norm_bf16(%x: tensor<?x?xbf16>, %w: tensor<?xbf16>) -> tensor<?x?xbf16> {
  %r = vx_tensor.rms_norm %x, %w eps 1.0e-05 : tensor<?x?xbf16>, tensor<?xbf16>
  return %r : tensor<?x?xbf16>
}
func.func @layer_norm_bf16(%x: tensor<?x?xbf16>, %w: tensor<?xbf16>, %b: tensor<?xbf16>) -> tensor<?x?xbf16> {
  %r = vx_tensor.layer_norm %x, %w, %b eps 1.0e-05 : tensor<?x?xbf16>, tensor<?xbf16>, tensor<?xbf16>
  return %r : tensor<?x?xbf16>
}
func.func @row_sum_bf16(%x: tensor<?x?xbf16>) -> tensor<?xbf16> {
  %r = vx_tensor.reduce_sum %x dims [1] : tensor<?x?xbf16>
  return %r : tensor<?xbf16>
}
func.func @row_max_bf16(%x: tensor<?x?xbf16>) -> tensor<?xbf16> {
  %r = vx_tensor.reduce_max %x dims [1] : tensor<?x?xbf16>
  return %r : tensor<?xbf16>
}
func.func @softmax_f32(%x: tensor<?x?xf32>) -> tensor<?x?xf32> {
  %r = vx_tensor.softmax %x dim 1 : tensor<?x?xf32>
  return %r : tensor<?x?xf32>
}
func.func @rms_norm_f32(%x: tensor<?x?xf32>, %w: tensor<?xf32>) -> tensor<?x?xf32> {
  %r = vx_tensor.rms_norm %x, %w eps 1.0e-05 : tensor<?x?xf32>, tensor<?xf32>
  return %r : tensor<?x?xf32>
}
func.func @layer_norm_f32(%x: tensor<?x?xf32>, %w: tensor<?xf32>, %b: tensor<?xf32>) -> tensor<?x?xf32> {
  %r = vx_tensor.layer_norm %x, %w, %b eps 1.0e-05 : tensor<?x?xf32>, tensor<?xf32>, tensor<?xf32>
  return %r : tensor<?x?xf32>
}
func.func @row_sum_f32(%x: tensor<?x?xf32>) -> tensor<?xf32> {
  %r = vx_tensor.reduce_sum %x dims [1] : tensor<?x?xf32>
  return %r : tensor<?xf32>
}
func.func @row_max_f32(%x: tensor<?x?xf32>) -> tensor<?xf32> {
  %r = vx_tensor.reduce_max %x dims [1] : tensor<?x?xf32>
  return %r : tensor<?xf32>
}
