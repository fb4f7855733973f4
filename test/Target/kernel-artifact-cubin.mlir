// REQUIRES: ptxas
// RUN: vortex-translate --vx-kernel-artifact %s --vx-to-gpu-options='format=bin' | FileCheck %s

// With format=bin the kernels are cubins (ELF, "f0VMRg" in base64), which
// the runtime loads without JIT.
// CHECK: "format": "bin",
// CHECK: "format": "cubin",
// CHECK-NEXT: "jit-opt-level": 3,
// CHECK: "encoding": "base64",
// CHECK-NEXT: "binary": "f0VMRg
func.func @add(%x: tensor<?xf32>, %y: tensor<?xf32>) -> tensor<?xf32> {
  %r = vx_tensor.add %x, %y : tensor<?xf32>
  return %r : tensor<?xf32>
}
