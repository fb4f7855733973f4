// RUN: vortex-opt %s --vx-lower-to-buffers | FileCheck %s

// The elementwise chain fuses into one linalg.generic over the flattened
// buffers, writing a buffer that the function returns.
// CHECK-LABEL: func.func @chain
// CHECK-SAME: (%[[X:[a-z0-9_]+]]: memref<?x8xf32>, %[[Y:[a-z0-9_]+]]: memref<?x8xf32>) -> memref<?x8xf32>
// CHECK: %[[OUT:.+]] = memref.alloc(%{{.+}}) {{.*}}: memref<?x8xf32>
// CHECK: %[[FLAT:.+]] = memref.collapse_shape %[[OUT]] {{\[}}[0, 1]] : memref<?x8xf32> into memref<?xf32>
// CHECK: linalg.generic
// CHECK-SAME: iterator_types = ["parallel"]
// CHECK: math.exp
// CHECK: arith.mulf
// CHECK: arith.maximumf
// CHECK-NOT: linalg.generic
// CHECK: return %[[OUT]] : memref<?x8xf32>
func.func @chain(%x: tensor<?x8xf32>, %y: tensor<?x8xf32>) -> tensor<?x8xf32> {
  %e = vx_tensor.exp %x : tensor<?x8xf32>
  %m = vx_tensor.mul %e, %y : tensor<?x8xf32>
  %r = vx_tensor.relu %m : tensor<?x8xf32>
  return %r : tensor<?x8xf32>
}
