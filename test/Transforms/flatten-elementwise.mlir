// RUN: vortex-opt %s --vx-flatten-elementwise --split-input-file | FileCheck %s

// A rank-3 elementwise op on contiguous buffers runs over one dimension.
// CHECK-LABEL: func.func @rank3
// CHECK-SAME: (%[[A:[a-z0-9_]+]]: memref<?x4x?xf32>, %[[B:[a-z0-9_]+]]: memref<?x4x?xf32>)
// CHECK-DAG: %[[CA:.+]] = memref.collapse_shape %[[A]] {{\[}}[0, 1, 2]] : memref<?x4x?xf32> into memref<?xf32>
// CHECK-DAG: %[[CB:.+]] = memref.collapse_shape %[[B]] {{\[}}[0, 1, 2]] : memref<?x4x?xf32> into memref<?xf32>
// CHECK: linalg.generic
// CHECK-SAME: iterator_types = ["parallel"]
// CHECK-SAME: ins(%[[CA]] : memref<?xf32>) outs(%[[CB]] : memref<?xf32>)
// CHECK-NOT: expand_shape
func.func @rank3(%a: memref<?x4x?xf32>, %b: memref<?x4x?xf32>) {
  linalg.generic {indexing_maps = [affine_map<(i, j, k) -> (i, j, k)>, affine_map<(i, j, k) -> (i, j, k)>],
                  iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%a : memref<?x4x?xf32>) outs(%b : memref<?x4x?xf32>) {
  ^bb0(%x: f32, %y: f32):
    %e = math.exp %x : f32
    linalg.yield %e : f32
  }
  return
}

// -----

// A transposing op is left alone.
// CHECK-LABEL: func.func @transpose
// CHECK-NOT: collapse_shape
// CHECK: iterator_types = ["parallel", "parallel"]
func.func @transpose(%a: memref<4x8xf32>, %b: memref<8x4xf32>) {
  linalg.generic {indexing_maps = [affine_map<(i, j) -> (j, i)>, affine_map<(i, j) -> (i, j)>],
                  iterator_types = ["parallel", "parallel"]}
      ins(%a : memref<4x8xf32>) outs(%b : memref<8x4xf32>) {
  ^bb0(%x: f32, %y: f32):
    linalg.yield %x : f32
  }
  return
}

// -----

// Strided views are not contiguous and are left alone.
// CHECK-LABEL: func.func @strided
// CHECK-NOT: collapse_shape
func.func @strided(%a: memref<4x8xf32, strided<[16, 1]>>, %b: memref<4x8xf32>) {
  linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>],
                  iterator_types = ["parallel", "parallel"]}
      ins(%a : memref<4x8xf32, strided<[16, 1]>>) outs(%b : memref<4x8xf32>) {
  ^bb0(%x: f32, %y: f32):
    linalg.yield %x : f32
  }
  return
}

// -----

// Reductions are left alone.
// CHECK-LABEL: func.func @reduction
// CHECK-NOT: collapse_shape
// CHECK: iterator_types = ["parallel", "reduction"]
func.func @reduction(%a: memref<4x8xf32>, %b: memref<4xf32>) {
  linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i)>],
                  iterator_types = ["parallel", "reduction"]}
      ins(%a : memref<4x8xf32>) outs(%b : memref<4xf32>) {
  ^bb0(%x: f32, %y: f32):
    %s = arith.addf %x, %y : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// A rank-0 op runs as one iteration over one-element views.
// CHECK-LABEL: func.func @rank0
// CHECK-SAME: (%[[A:[a-z0-9_]+]]: memref<f32>, %[[B:[a-z0-9_]+]]: memref<f32>)
// CHECK-DAG: %[[VA:.+]] = memref.expand_shape %[[A]] [] output_shape [1] : memref<f32> into memref<1xf32>
// CHECK-DAG: %[[VB:.+]] = memref.expand_shape %[[B]] [] output_shape [1] : memref<f32> into memref<1xf32>
// CHECK: linalg.generic
// CHECK-SAME: iterator_types = ["parallel"]
// CHECK-SAME: ins(%[[VA]] : memref<1xf32>) outs(%[[VB]] : memref<1xf32>)
// CHECK: math.exp
func.func @rank0(%a: memref<f32>, %b: memref<f32>) {
  linalg.generic {indexing_maps = [affine_map<() -> ()>, affine_map<() -> ()>],
                  iterator_types = []}
      ins(%a : memref<f32>) outs(%b : memref<f32>) {
  ^bb0(%x: f32, %y: f32):
    %e = math.exp %x : f32
    linalg.yield %e : f32
  }
  return
}
