// Elementwise kernels of an LLM block, in vx.tensor.
//
// `utils/main.sh` compiles this file with --vx-to-gpu (one fused kernel per
// function, PTX for sm_90a) and, together with elementwise.cpu.mlir, runs it
// on the CPU with --vx-to-cpu.

// The gated activation of a SwiGLU MLP with a residual: silu(x) * y + z.
// Shapes are dynamic: one compiled kernel serves every batch and width.
func.func @swiglu_residual(%x: tensor<?x?xf32>, %y: tensor<?x?xf32>,
                           %z: tensor<?x?xf32>) -> tensor<?x?xf32> {
  %s = vx_tensor.silu %x : tensor<?x?xf32>
  %g = vx_tensor.mul %s, %y : tensor<?x?xf32>
  %r = vx_tensor.add %g, %z : tensor<?x?xf32>
  return %r : tensor<?x?xf32>
}

// GPT-2's tanh-approximated GELU on bf16 activations, computed in f32.
func.func @gelu_bf16(%x: tensor<4x1000xbf16>) -> tensor<4x1000xbf16> {
  %r = vx_tensor.gelu %x tanh : tensor<4x1000xbf16>
  return %r : tensor<4x1000xbf16>
}

// Clamping integer logits to [lo, hi].
func.func @clamp_i32(%x: tensor<?xi32>, %lo: tensor<?xi32>, %hi: tensor<?xi32>)
    -> tensor<?xi32> {
  %a = vx_tensor.max %x, %lo : tensor<?xi32>
  %r = vx_tensor.min %a, %hi : tensor<?xi32>
  return %r : tensor<?xi32>
}
