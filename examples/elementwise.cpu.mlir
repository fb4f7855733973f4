// CPU driver of elementwise.mlir: feeds constants to each kernel and prints
// the results with MLIR's runner utilities. `utils/main.sh` appends it to the
// kernels and runs the whole with --vx-to-cpu and mlir-runner.

func.func private @printMemrefF32(tensor<*xf32>) attributes {llvm.emit_c_interface}
func.func private @printMemrefI32(tensor<*xi32>) attributes {llvm.emit_c_interface}

func.func @main() {
  %x = arith.constant dense<[[-2.0, -1.0, 0.0], [0.5, 1.0, 3.0]]> : tensor<2x3xf32>
  %y = arith.constant dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf32>
  %z = arith.constant dense<[[0.5, 0.5, 0.5], [-1.0, -1.0, -1.0]]> : tensor<2x3xf32>
  %xd = tensor.cast %x : tensor<2x3xf32> to tensor<?x?xf32>
  %yd = tensor.cast %y : tensor<2x3xf32> to tensor<?x?xf32>
  %zd = tensor.cast %z : tensor<2x3xf32> to tensor<?x?xf32>
  %r = call @swiglu_residual(%xd, %yd, %zd)
      : (tensor<?x?xf32>, tensor<?x?xf32>, tensor<?x?xf32>) -> tensor<?x?xf32>
  %ru = tensor.cast %r : tensor<?x?xf32> to tensor<*xf32>
  call @printMemrefF32(%ru) : (tensor<*xf32>) -> ()

  %g = arith.constant dense<1.5> : tensor<4x1000xf32>
  %gb = vx_tensor.cast %g : tensor<4x1000xf32> to tensor<4x1000xbf16>
  %gr = call @gelu_bf16(%gb) : (tensor<4x1000xbf16>) -> tensor<4x1000xbf16>
  %gs = vx_tensor.cast %gr : tensor<4x1000xbf16> to tensor<4x1000xf32>
  %first = tensor.extract_slice %gs[0, 0] [1, 4] [1, 1] : tensor<4x1000xf32> to tensor<1x4xf32>
  %fu = tensor.cast %first : tensor<1x4xf32> to tensor<*xf32>
  call @printMemrefF32(%fu) : (tensor<*xf32>) -> ()

  %v = arith.constant dense<[-7, 0, 3, 12, 100]> : tensor<5xi32>
  %lo = arith.constant dense<-5> : tensor<5xi32>
  %hi = arith.constant dense<10> : tensor<5xi32>
  %vd = tensor.cast %v : tensor<5xi32> to tensor<?xi32>
  %lod = tensor.cast %lo : tensor<5xi32> to tensor<?xi32>
  %hid = tensor.cast %hi : tensor<5xi32> to tensor<?xi32>
  %c = call @clamp_i32(%vd, %lod, %hid) : (tensor<?xi32>, tensor<?xi32>, tensor<?xi32>) -> tensor<?xi32>
  %cu = tensor.cast %c : tensor<?xi32> to tensor<*xi32>
  call @printMemrefI32(%cu) : (tensor<*xi32>) -> ()
  return
}
