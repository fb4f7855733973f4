// RUN: vortex-opt %s --vx-to-cpu | \
// RUN:   mlir-runner -e main -entry-point-result=void \
// RUN:     -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils | FileCheck %s

// Casting to bf16 rounds to nearest even; arithmetic on bf16 rounds each
// result to bf16.

func.func private @printMemrefF32(tensor<*xf32>) attributes {llvm.emit_c_interface}

func.func @main() {
  // 1 + 2^-8 is a tie between 1 and 1 + 2^-7: rounds to even (1).
  // 1 + 3 * 2^-9 rounds up to 1 + 2^-7 = 1.0078125.
  %x = arith.constant dense<[1.00390625, 1.005859375, 3.14159265, -2.5e-3]> : tensor<4xf32>
  %b = vx_tensor.cast %x : tensor<4xf32> to tensor<4xbf16>
  %s = vx_tensor.add %b, %b : tensor<4xbf16>
  %r = vx_tensor.cast %s : tensor<4xbf16> to tensor<4xf32>
  %u = tensor.cast %r : tensor<4xf32> to tensor<*xf32>
  // CHECK: [2, 2.01562, 6.28125, -0.00500488]
  call @printMemrefF32(%u) : (tensor<*xf32>) -> ()
  return
}
