// RUN: vortex-opt %s --vx-to-cpu | \
// RUN:   mlir-runner -e main -entry-point-result=void \
// RUN:     -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils | FileCheck %s

// Rank-0 tensors, empty tensors and a function that returns its argument run
// on the CPU; test/Pipelines/edge-shapes-gpu.mlir compiles the same kernels
// for the GPU.

func.func private @printMemrefF32(tensor<*xf32>) attributes {llvm.emit_c_interface}

func.func @rank0(%a: tensor<f32>, %b: tensor<f32>) -> tensor<f32> {
  %r = vx_tensor.mul %a, %b : tensor<f32>
  return %r : tensor<f32>
}

func.func @empty(%a: tensor<?x4xf32>) -> tensor<?x4xf32> {
  %r = vx_tensor.exp %a : tensor<?x4xf32>
  return %r : tensor<?x4xf32>
}

// The result is a copy: the caller owns it.
func.func @identity(%a: tensor<?xf32>) -> tensor<?xf32> {
  return %a : tensor<?xf32>
}

func.func @main() {
  %a = arith.constant dense<3.0> : tensor<f32>
  %b = arith.constant dense<-2.5> : tensor<f32>
  %r = call @rank0(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
  %ru = tensor.cast %r : tensor<f32> to tensor<*xf32>
  // CHECK: rank = 0
  // CHECK-NEXT: [-7.5]
  call @printMemrefF32(%ru) : (tensor<*xf32>) -> ()

  %e = tensor.empty() : tensor<0x4xf32>
  %ed = tensor.cast %e : tensor<0x4xf32> to tensor<?x4xf32>
  %er = call @empty(%ed) : (tensor<?x4xf32>) -> tensor<?x4xf32>
  %eu = tensor.cast %er : tensor<?x4xf32> to tensor<*xf32>
  // CHECK: rank = 2 offset = 0 sizes = [0, 4]
  call @printMemrefF32(%eu) : (tensor<*xf32>) -> ()

  %v = arith.constant dense<[1.0, 2.0, 4.0]> : tensor<3xf32>
  %vd = tensor.cast %v : tensor<3xf32> to tensor<?xf32>
  %c = call @identity(%vd) : (tensor<?xf32>) -> tensor<?xf32>
  %cu = tensor.cast %c : tensor<?xf32> to tensor<*xf32>
  // CHECK: sizes = [3]
  // CHECK-NEXT: [1, 2, 4]
  call @printMemrefF32(%cu) : (tensor<*xf32>) -> ()
  return
}
