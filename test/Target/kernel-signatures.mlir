// RUN: vortex-translate --vx-kernel-signatures %s --split-input-file --verify-diagnostics | FileCheck %s

// Public functions with bodies are described; private ones and declarations
// are not. Dynamic sizes are -1.
// CHECK: "kernels": [
// CHECK: "name": "swiglu",
// CHECK-NEXT: "symbol": "_mlir_ciface_swiglu",
// CHECK-NEXT: "arguments": [
// CHECK-NEXT: {
// CHECK-NEXT: "kind": "tensor",
// CHECK-NEXT: "shape": [
// CHECK-NEXT: -1,
// CHECK-NEXT: 4096
// CHECK-NEXT: ],
// CHECK-NEXT: "element": "bf16"
// CHECK: "kind": "scalar",
// CHECK-NEXT: "element": "index"
// CHECK: "results": [
// CHECK: "element": "bf16"
// CHECK-NOT: "name": "helper"
// CHECK-NOT: "name": "external"
func.func @swiglu(%x: tensor<?x4096xbf16>, %n: index) -> tensor<?x4096xbf16> {
  %s = vx_tensor.silu %x : tensor<?x4096xbf16>
  return %s : tensor<?x4096xbf16>
}
func.func private @helper(%x: tensor<4xf32>) -> tensor<4xf32> {
  return %x : tensor<4xf32>
}
func.func private @external(%x: tensor<4xf32>)

// -----

// A type the runtimes cannot pass is an error at the function.
// expected-error @+1 {{has a '!vx_field.pf<7>' in its signature, which the runtimes cannot pass}}
func.func @field(%x: !vx_field.pf<7>) -> !vx_field.pf<7> {
  return %x : !vx_field.pf<7>
}
