// CPU driver of mlp.vx: feeds constants to each kernel and prints the
// results with MLIR's runner utilities. `utils/main.sh` puts it inside the
// module that `vortex-translate --import-vx` makes of mlp.vx and runs the
// whole with --vx-to-cpu and mlir-runner.
//
// ffn_block on x = 0.5 everywhere, unit norm weights and weights 0.01:
// h = 0.5 / sqrt(0.25 + 1e-5) = 0.99998, h w1 = h w3 = 0.639987,
// silu(0.639987) * 0.639987 = 0.268175, times 128 * 0.01, plus 0.5:
// 0.843264 in every element. probabilities: the softmax of [0, 1, 2, 3, 4] / 2
// is [0.0580, 0.0956, 0.1577, 0.2600, 0.4287]; of equal logits, 0.2 each.

func.func private @printMemrefF32(tensor<*xf32>) attributes {llvm.emit_c_interface}

func.func @main() {
  %x = arith.constant dense<0.5> : tensor<2x64xf32>
  %norm = arith.constant dense<1.0> : tensor<64xf32>
  %w1 = arith.constant dense<0.01> : tensor<64x128xf32>
  %w2 = arith.constant dense<0.01> : tensor<128x64xf32>
  %xd = tensor.cast %x : tensor<2x64xf32> to tensor<?x64xf32>
  %y = call @ffn_block(%xd, %norm, %w1, %w1, %w2)
      : (tensor<?x64xf32>, tensor<64xf32>, tensor<64x128xf32>, tensor<64x128xf32>,
         tensor<128x64xf32>) -> tensor<?x64xf32>
  %first = tensor.extract_slice %y[0, 0] [2, 4] [1, 1] : tensor<?x64xf32> to tensor<2x4xf32>
  %fu = tensor.cast %first : tensor<2x4xf32> to tensor<*xf32>
  call @printMemrefF32(%fu) : (tensor<*xf32>) -> ()

  %logits = arith.constant dense<[[0.0, 1.0, 2.0, 3.0, 4.0], [1.0, 1.0, 1.0, 1.0, 1.0]]> : tensor<2x5xf32>
  %ld = tensor.cast %logits : tensor<2x5xf32> to tensor<?x?xf32>
  %t = arith.constant 2.0 : f32
  %p = call @probabilities(%ld, %t) : (tensor<?x?xf32>, f32) -> tensor<?x?xf32>
  %pu = tensor.cast %p : tensor<?x?xf32> to tensor<*xf32>
  call @printMemrefF32(%pu) : (tensor<*xf32>) -> ()
  return
}
