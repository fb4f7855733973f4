// RUN: vortex-opt %s --pass-pipeline='builtin.module(func.func(vx-gpu-row-reductions{block-size=128}))' --split-input-file | FileCheck %s

// A row sum: one block of 128 threads per row, each thread striding over the
// row, then a block-wide sum folded into the output by thread 0.
// CHECK-LABEL: func.func @row_sum
// CHECK-SAME: (%[[IN:[a-z0-9_]+]]: memref<?x?xf32>, %[[OUT:[a-z0-9_]+]]: memref<?xf32>)
// CHECK-DAG: %[[C128:.+]] = arith.constant 128 : index
// CHECK: gpu.launch blocks(%[[ROW:.+]], %{{.+}}, %{{.+}}) in ({{.+}}) threads(%[[TID:.+]], %{{.+}}, %{{.+}}) in (%{{.+}} = %[[C128]],
// CHECK: %[[PART:.+]] = scf.for %[[K:.+]] = %[[TID]] to %{{.+}} step %[[C128]] iter_args(%[[ACC:.+]] = %{{.+}}) -> (f32)
// CHECK: memref.load %[[IN]]
// CHECK: arith.addf
// CHECK: %[[TOTAL:.+]] = gpu.all_reduce  add %[[PART]] uniform
// CHECK: scf.if
// CHECK: %[[INIT:.+]] = memref.load %[[OUT]]
// CHECK: %[[SUM:.+]] = arith.addf %[[TOTAL]], %[[INIT]]
// CHECK: memref.store %[[SUM]], %[[OUT]]
// CHECK-NOT: linalg.generic
func.func @row_sum(%in: memref<?x?xf32>, %out: memref<?xf32>) {
  linalg.generic {indexing_maps = [affine_map<(i, k) -> (i, k)>, affine_map<(i, k) -> (i)>],
                  iterator_types = ["parallel", "reduction"]}
      ins(%in : memref<?x?xf32>) outs(%out : memref<?xf32>) {
  ^bb0(%x: f32, %acc: f32):
    %s = arith.addf %x, %acc : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// A max over a computed value, with a second input read per row.
// CHECK-LABEL: func.func @shifted_max
// CHECK: scf.for
// CHECK: arith.subf
// CHECK: arith.maximumf
// CHECK: gpu.all_reduce  maximumf
func.func @shifted_max(%in: memref<4x64xf32>, %shift: memref<4xf32>, %out: memref<4xf32>) {
  linalg.generic {indexing_maps = [affine_map<(i, k) -> (i, k)>, affine_map<(i, k) -> (i)>,
                                   affine_map<(i, k) -> (i)>],
                  iterator_types = ["parallel", "reduction"]}
      ins(%in, %shift : memref<4x64xf32>, memref<4xf32>) outs(%out : memref<4xf32>) {
  ^bb0(%x: f32, %s: f32, %acc: f32):
    %d = arith.subf %x, %s : f32
    %m = arith.maximumf %d, %acc : f32
    linalg.yield %m : f32
  }
  return
}

// -----

// Other shapes stay linalg: a product is no all-reduce kind here, and a
// reduction that is not the innermost loop is left to the loop mapping.
// CHECK-LABEL: func.func @left_alone
// CHECK-NOT: gpu.launch
// CHECK: linalg.generic
// CHECK: linalg.generic
func.func @left_alone(%in: memref<4x64xf32>, %out: memref<4xf32>, %out2: memref<64xf32>) {
  linalg.generic {indexing_maps = [affine_map<(i, k) -> (i, k)>, affine_map<(i, k) -> (i)>],
                  iterator_types = ["parallel", "reduction"]}
      ins(%in : memref<4x64xf32>) outs(%out : memref<4xf32>) {
  ^bb0(%x: f32, %acc: f32):
    %p = arith.mulf %x, %acc : f32
    linalg.yield %p : f32
  }
  linalg.generic {indexing_maps = [affine_map<(k, i) -> (k, i)>, affine_map<(k, i) -> (i)>],
                  iterator_types = ["reduction", "parallel"]}
      ins(%in : memref<4x64xf32>) outs(%out2 : memref<64xf32>) {
  ^bb0(%x: f32, %acc: f32):
    %s = arith.addf %x, %acc : f32
    linalg.yield %s : f32
  }
  return
}
