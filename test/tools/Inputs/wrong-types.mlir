// exp is only defined on floating-point tensors.
func.func @f(%a: tensor<4xi32>) -> tensor<4xi32> {
  %r = vx_tensor.exp %a : tensor<4xi32>
  return %r : tensor<4xi32>
}
