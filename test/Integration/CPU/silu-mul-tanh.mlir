// RUN: vortex-opt %s --vx-to-cpu | \
// RUN:   mlir-runner -e main -entry-point-result=void \
// RUN:     -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils | FileCheck %s

// tanh(silu(x) * y) on a dynamically shaped 2x3 tensor; the expected values
// are float64 results (Python math) rounded to printMemref's 6 digits.

func.func private @printMemrefF32(tensor<*xf32>) attributes {llvm.emit_c_interface}

func.func @kernel(%x: tensor<?x?xf32>, %y: tensor<?x?xf32>) -> tensor<?x?xf32> {
  %s = vx_tensor.silu %x : tensor<?x?xf32>
  %m = vx_tensor.mul %s, %y : tensor<?x?xf32>
  %t = vx_tensor.tanh %m : tensor<?x?xf32>
  return %t : tensor<?x?xf32>
}

func.func @main() {
  %x = arith.constant dense<[[-2.0, -1.0, 0.0], [0.5, 1.0, 3.0]]> : tensor<2x3xf32>
  %y = arith.constant dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf32>
  %xd = tensor.cast %x : tensor<2x3xf32> to tensor<?x?xf32>
  %yd = tensor.cast %y : tensor<2x3xf32> to tensor<?x?xf32>
  %r = call @kernel(%xd, %yd) : (tensor<?x?xf32>, tensor<?x?xf32>) -> tensor<?x?xf32>
  %u = tensor.cast %r : tensor<?x?xf32> to tensor<*xf32>
  // CHECK: rank = 2 offset = 0 sizes = [2, 3] strides = [3, 1]
  // CHECK-NEXT: {{\[}}[-0.233989, -0.491384, 0],
  // CHECK-NEXT: [0.846853, 0.998664, 1]]
  call @printMemrefF32(%u) : (tensor<*xf32>) -> ()
  return
}
