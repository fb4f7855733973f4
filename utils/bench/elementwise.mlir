// Kernels that utils/bench/elementwise.py times against PyTorch.

// silu(x) * y + z: three reads and one write per element, one fused kernel.
func.func @swiglu_f32(%x: tensor<?x?xf32>, %y: tensor<?x?xf32>, %z: tensor<?x?xf32>) -> tensor<?x?xf32> {
  %s = vx_tensor.silu %x : tensor<?x?xf32>
  %g = vx_tensor.mul %s, %y : tensor<?x?xf32>
  %r = vx_tensor.add %g, %z : tensor<?x?xf32>
  return %r : tensor<?x?xf32>
}

func.func @swiglu_bf16(%x: tensor<?x?xbf16>, %y: tensor<?x?xbf16>, %z: tensor<?x?xbf16>) -> tensor<?x?xbf16> {
  %s = vx_tensor.silu %x : tensor<?x?xbf16>
  %g = vx_tensor.mul %s, %y : tensor<?x?xbf16>
  %r = vx_tensor.add %g, %z : tensor<?x?xbf16>
  return %r : tensor<?x?xbf16>
}
