// RUN: vortex-translate --vx-kernel-artifact %s --split-input-file --verify-diagnostics
// RUN: not vortex-translate --vx-kernel-artifact %s --split-input-file --vx-to-gpu-options='chp=sm_80' 2>&1 | FileCheck %s --check-prefix=OPTIONS

// A launch plan holds index arithmetic, descriptors, allocations, copies
// and launches. Host code beyond them (here a call to another function) is
// an error at the operation, pointing to kernel libraries.
func.func private @helper(%x: tensor<4xf32>) -> tensor<4xf32> {
  %r = vx_tensor.exp %x : tensor<4xf32>
  return %r : tensor<4xf32>
}
func.func @calls(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{cannot be described in a kernel artifact: 'func.call' is not an operation a launch plan holds; build a kernel library with utils/build_kernel_library.sh instead}}
  %r = func.call @helper(%x) : (tensor<4xf32>) -> tensor<4xf32>
  return %r : tensor<4xf32>
}

// -----

// A module without a public function describes nothing.
// expected-error @+1 {{a kernel artifact needs a public function with a body; this module has none}}
module {
  func.func private @hidden(%x: tensor<4xf32>) -> tensor<4xf32> {
    return %x : tensor<4xf32>
  }
}

// -----

// Signatures follow --vx-kernel-signatures: a type the runtime cannot pass
// is an error at the function.
// expected-error @+1 {{has a '!vx_field.pf<7>' in its signature, which the runtimes cannot pass}}
func.func @field(%x: !vx_field.pf<7>) -> !vx_field.pf<7> {
  return %x : !vx_field.pf<7>
}

// Options are those of vx-to-gpu; an unknown one is an error.
// OPTIONS: error: invalid --vx-to-gpu-options 'chp=sm_80'
