// RUN: vortex-opt %s -canonicalize | FileCheck %s

// The folders of vx_tensor.

// CHECK-LABEL: func.func @cast_same_type
// CHECK-SAME: (%[[X:[^:]+]]: tensor<4x?xf32>)
// CHECK-NEXT: return %[[X]] : tensor<4x?xf32>
func.func @cast_same_type(%x: tensor<4x?xf32>) -> tensor<4x?xf32> {
  %0 = vx_tensor.cast %x : tensor<4x?xf32> to tensor<4x?xf32>
  return %0 : tensor<4x?xf32>
}

// A cast that changes the element type or refines the shape stays.
// CHECK-LABEL: func.func @cast_kept
// CHECK-SAME: (%[[X:[^:]+]]: tensor<4x?xf32>)
// CHECK-NEXT: %[[A:.+]] = vx_tensor.cast %[[X]] : tensor<4x?xf32> to tensor<4x?xbf16>
// CHECK-NEXT: %[[B:.+]] = vx_tensor.cast %[[X]] : tensor<4x?xf32> to tensor<4x8xf32>
// CHECK-NEXT: return %[[A]], %[[B]]
func.func @cast_kept(%x: tensor<4x?xf32>) -> (tensor<4x?xbf16>, tensor<4x8xf32>) {
  %0 = vx_tensor.cast %x : tensor<4x?xf32> to tensor<4x?xbf16>
  %1 = vx_tensor.cast %x : tensor<4x?xf32> to tensor<4x8xf32>
  return %0, %1 : tensor<4x?xbf16>, tensor<4x8xf32>
}

// CHECK-LABEL: func.func @broadcast_no_dims
// CHECK-SAME: (%[[X:[^:]+]]: tensor<?x8xi32>)
// CHECK-NEXT: return %[[X]] : tensor<?x8xi32>
func.func @broadcast_no_dims(%x: tensor<?x8xi32>) -> tensor<?x8xi32> {
  %0 = vx_tensor.broadcast %x dims [] : tensor<?x8xi32> to tensor<?x8xi32>
  return %0 : tensor<?x8xi32>
}

// A broadcast that adds dimensions, or that only refines the shape, stays.
// CHECK-LABEL: func.func @broadcast_kept
// CHECK-SAME: (%[[X:[^:]+]]: tensor<?x8xi32>)
// CHECK-NEXT: %[[A:.+]] = vx_tensor.broadcast %[[X]] dims [] : tensor<?x8xi32> to tensor<2x8xi32>
// CHECK-NEXT: %[[B:.+]] = vx_tensor.broadcast %[[X]] dims [0] : tensor<?x8xi32> to tensor<3x?x8xi32>
// CHECK-NEXT: return %[[A]], %[[B]]
func.func @broadcast_kept(%x: tensor<?x8xi32>) -> (tensor<2x8xi32>, tensor<3x?x8xi32>) {
  %0 = vx_tensor.broadcast %x dims [] : tensor<?x8xi32> to tensor<2x8xi32>
  %1 = vx_tensor.broadcast %x dims [0] : tensor<?x8xi32> to tensor<3x?x8xi32>
  return %0, %1 : tensor<2x8xi32>, tensor<3x?x8xi32>
}

// CHECK-LABEL: func.func @transpose_identity
// CHECK-SAME: (%[[X:[^:]+]]: tensor<2x?x4xf16>, %[[S:[^:]+]]: tensor<f32>)
// CHECK-NEXT: return %[[X]], %[[S]] : tensor<2x?x4xf16>, tensor<f32>
func.func @transpose_identity(%x: tensor<2x?x4xf16>, %s: tensor<f32>)
    -> (tensor<2x?x4xf16>, tensor<f32>) {
  %0 = vx_tensor.transpose %x [0, 1, 2] : tensor<2x?x4xf16>
  %1 = vx_tensor.transpose %s [] : tensor<f32>
  return %0, %1 : tensor<2x?x4xf16>, tensor<f32>
}

// CHECK-LABEL: func.func @transpose_of_transpose
// CHECK-SAME: (%[[X:[^:]+]]: tensor<2x3x4xf32>)
// CHECK-NEXT: return %[[X]], %[[X]] : tensor<2x3x4xf32>, tensor<2x3x4xf32>
func.func @transpose_of_transpose(%x: tensor<2x3x4xf32>)
    -> (tensor<2x3x4xf32>, tensor<2x3x4xf32>) {
  %0 = vx_tensor.transpose %x [1, 0, 2] : tensor<2x3x4xf32>
  %1 = vx_tensor.transpose %0 [1, 0, 2] : tensor<3x2x4xf32>
  // [1, 2, 0] is undone by [2, 0, 1].
  %2 = vx_tensor.transpose %x [1, 2, 0] : tensor<2x3x4xf32>
  %3 = vx_tensor.transpose %2 [2, 0, 1] : tensor<3x4x2xf32>
  return %1, %3 : tensor<2x3x4xf32>, tensor<2x3x4xf32>
}

// Two permutations that do not compose to the identity stay.
// CHECK-LABEL: func.func @transpose_of_transpose_kept
// CHECK-SAME: (%[[X:[^:]+]]: tensor<2x3x4xf32>)
// CHECK-NEXT: %[[A:.+]] = vx_tensor.transpose %[[X]] [1, 2, 0] : tensor<2x3x4xf32>
// CHECK-NEXT: %[[B:.+]] = vx_tensor.transpose %[[A]] [1, 2, 0] : tensor<3x4x2xf32>
// CHECK-NEXT: return %[[B]] : tensor<4x2x3xf32>
func.func @transpose_of_transpose_kept(%x: tensor<2x3x4xf32>) -> tensor<4x2x3xf32> {
  %0 = vx_tensor.transpose %x [1, 2, 0] : tensor<2x3x4xf32>
  %1 = vx_tensor.transpose %0 [1, 2, 0] : tensor<3x4x2xf32>
  return %1 : tensor<4x2x3xf32>
}

// CHECK-LABEL: func.func @reshape_same_type
// CHECK-SAME: (%[[X:[^:]+]]: tensor<4x8xf32>)
// CHECK-NEXT: return %[[X]] : tensor<4x8xf32>
func.func @reshape_same_type(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %0 = vx_tensor.reshape %x : tensor<4x8xf32> to tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// A reshape to a dynamic shape depends on its sizes and stays.
// CHECK-LABEL: func.func @reshape_dynamic_kept
// CHECK-SAME: (%[[X:[^:]+]]: tensor<?xf32>, %[[N:[^:]+]]: index)
// CHECK-NEXT: %[[R:.+]] = vx_tensor.reshape %[[X]][%[[N]]] : tensor<?xf32> to tensor<?xf32>
// CHECK-NEXT: return %[[R]] : tensor<?xf32>
func.func @reshape_dynamic_kept(%x: tensor<?xf32>, %n: index) -> tensor<?xf32> {
  %0 = vx_tensor.reshape %x [%n] : tensor<?xf32> to tensor<?xf32>
  return %0 : tensor<?xf32>
}

// CHECK-LABEL: func.func @reshape_of_reshape
// CHECK-SAME: (%[[X:[^:]+]]: tensor<4x8xf32>)
// CHECK-NEXT: %[[R:.+]] = vx_tensor.reshape %[[X]] : tensor<4x8xf32> to tensor<2x16xf32>
// CHECK-NEXT: return %[[R]] : tensor<2x16xf32>
func.func @reshape_of_reshape(%x: tensor<4x8xf32>) -> tensor<2x16xf32> {
  %0 = vx_tensor.reshape %x : tensor<4x8xf32> to tensor<32xf32>
  %1 = vx_tensor.reshape %0 : tensor<32xf32> to tensor<2x16xf32>
  return %1 : tensor<2x16xf32>
}

// A chain of reshapes back to the input's type disappears.
// CHECK-LABEL: func.func @reshape_round_trip
// CHECK-SAME: (%[[X:[^:]+]]: tensor<4x8xbf16>)
// CHECK-NEXT: return %[[X]] : tensor<4x8xbf16>
func.func @reshape_round_trip(%x: tensor<4x8xbf16>) -> tensor<4x8xbf16> {
  %0 = vx_tensor.reshape %x : tensor<4x8xbf16> to tensor<32xbf16>
  %1 = vx_tensor.reshape %0 : tensor<32xbf16> to tensor<2x2x8xbf16>
  %2 = vx_tensor.reshape %1 : tensor<2x2x8xbf16> to tensor<4x8xbf16>
  return %2 : tensor<4x8xbf16>
}

// A reshape of a dynamically reshaped value folds into one static reshape.
// CHECK-LABEL: func.func @reshape_of_dynamic_reshape
// CHECK-SAME: (%[[X:[^:]+]]: tensor<?x8xf32>, %[[N:[^:]+]]: index)
// CHECK-NEXT: %[[R:.+]] = vx_tensor.reshape %[[X]] : tensor<?x8xf32> to tensor<64xf32>
// CHECK-NEXT: return %[[R]] : tensor<64xf32>
func.func @reshape_of_dynamic_reshape(%x: tensor<?x8xf32>, %n: index) -> tensor<64xf32> {
  %0 = vx_tensor.reshape %x [%n] : tensor<?x8xf32> to tensor<?xf32>
  %1 = vx_tensor.reshape %0 : tensor<?xf32> to tensor<64xf32>
  return %1 : tensor<64xf32>
}

// Unused pure operations are erased.
// CHECK-LABEL: func.func @dead_ops
// CHECK-NEXT: return
func.func @dead_ops(%x: tensor<4x8xf32>) {
  %0 = vx_tensor.matmul %x, %x transpose_rhs : tensor<4x8xf32>, tensor<4x8xf32>
  %1 = vx_tensor.softmax %x dim 1 : tensor<4x8xf32>
  %2 = vx_tensor.exp %x : tensor<4x8xf32>
  return
}
