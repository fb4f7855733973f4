// RUN: vortex-opt %s --pass-pipeline='builtin.module(func.func(vx-gpu-vectorize-elementwise))' --split-input-file | FileCheck %s

// bf16: eight elements per 16-byte access when every buffer is aligned, a
// scalar tail, and the original op otherwise.
// CHECK-LABEL: func.func @bf16
// CHECK-SAME: (%[[A:[a-z0-9_]+]]: memref<?xbf16>, %[[B:[a-z0-9_]+]]: memref<?xbf16>)
// CHECK-DAG: %[[C8:.+]] = arith.constant 8 : index
// CHECK-DAG: %[[N:.+]] = memref.dim %[[B]]
// CHECK-DAG: %[[C15:.+]] = arith.constant 15 : index
// CHECK: %[[PA:.+]] = memref.extract_aligned_pointer_as_index %[[A]]
// CHECK: arith.andi %[[PA]], %[[C15]]
// CHECK: %[[PB:.+]] = memref.extract_aligned_pointer_as_index %[[B]]
// CHECK: scf.if
// CHECK: %[[NV:.+]] = arith.divui %[[N]], %[[C8]]
// CHECK: %[[END:.+]] = arith.muli %[[NV]], %[[C8]]
// CHECK: scf.parallel (%[[J:.+]]) = (%{{.+}}) to (%[[NV]]) step (%{{.+}})
// CHECK: %[[I:.+]] = arith.muli %[[J]], %[[C8]]
// CHECK: %[[V:.+]] = vector.load %[[A]][%[[I]]] {alignment = 16 : i64} : memref<?xbf16>, vector<8xbf16>
// CHECK-COUNT-8: math.exp
// CHECK: %[[R:.+]] = vector.from_elements {{.*}} : vector<8xbf16>
// CHECK: vector.store %[[R]], %[[B]][%[[I]]] {alignment = 16 : i64} : memref<?xbf16>, vector<8xbf16>
// CHECK: memref.subview %[[A]][%[[END]]]
// CHECK: memref.subview %[[B]][%[[END]]]
// CHECK: linalg.generic
// CHECK: } else {
// CHECK: linalg.generic
// CHECK-SAME: ins(%[[A]] : memref<?xbf16>) outs(%[[B]] : memref<?xbf16>)
func.func @bf16(%a: memref<?xbf16>, %b: memref<?xbf16>) {
  linalg.generic {indexing_maps = [affine_map<(i) -> (i)>, affine_map<(i) -> (i)>],
                  iterator_types = ["parallel"]}
      ins(%a : memref<?xbf16>) outs(%b : memref<?xbf16>) {
  ^bb0(%x: bf16, %y: bf16):
    %w = arith.extf %x : bf16 to f32
    %e = math.exp %w : f32
    %n = arith.truncf %e : f32 to bf16
    linalg.yield %n : bf16
  }
  return
}

// -----

// The widest element sets the width: f32 in, bf16 out, four per access.
// CHECK-LABEL: func.func @mixed
// CHECK: vector.load %{{.+}} : memref<?xf32>, vector<4xf32>
// CHECK: vector.store %{{.+}} : memref<?xbf16>, vector<4xbf16>
func.func @mixed(%a: memref<?xf32>, %b: memref<?xbf16>) {
  linalg.generic {indexing_maps = [affine_map<(i) -> (i)>, affine_map<(i) -> (i)>],
                  iterator_types = ["parallel"]}
      ins(%a : memref<?xf32>) outs(%b : memref<?xbf16>) {
  ^bb0(%x: f32, %y: bf16):
    %n = arith.truncf %x : f32 to bf16
    linalg.yield %n : bf16
  }
  return
}

// -----

// Reductions, multi-dimensional ops and bodies that read the output are
// left alone.
// CHECK-LABEL: func.func @left_alone
// CHECK-NOT: vector.load
// CHECK-NOT: scf.if
func.func @left_alone(%a: memref<4x8xf32>, %b: memref<4xf32>, %c: memref<?xf32>) {
  linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i)>],
                  iterator_types = ["parallel", "reduction"]}
      ins(%a : memref<4x8xf32>) outs(%b : memref<4xf32>) {
  ^bb0(%x: f32, %y: f32):
    %s = arith.addf %x, %y : f32
    linalg.yield %s : f32
  }
  linalg.generic {indexing_maps = [affine_map<(i) -> (i)>], iterator_types = ["parallel"]}
      outs(%c : memref<?xf32>) {
  ^bb0(%y: f32):
    %d = arith.addf %y, %y : f32
    linalg.yield %d : f32
  }
  return
}
