// An op the dialect does not have.
func.func @f(%a: tensor<4xf32>) -> tensor<4xf32> {
  %r = vx_tensor.frobnicate %a : tensor<4xf32>
  return %r : tensor<4xf32>
}
