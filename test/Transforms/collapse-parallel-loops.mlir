// RUN: vortex-opt %s --pass-pipeline='builtin.module(func.func(vx-collapse-parallel-loops))' | FileCheck %s

// A 2-D parallel loop becomes a 1-D loop over the product, with the indices
// recovered inside.
// CHECK-LABEL: func.func @two_d
// CHECK: scf.parallel (%[[I:.+]]) = (%{{.+}}) to (%{{.+}}) step (%{{.+}}) {
// CHECK: arith.remsi %[[I]]
// CHECK: arith.divsi %[[I]]
// CHECK: memref.store
// CHECK-NOT: scf.parallel
func.func @two_d(%m: memref<?x?xf32>, %a: index, %b: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %v = arith.constant 1.0 : f32
  scf.parallel (%i, %j) = (%c0, %c0) to (%a, %b) step (%c1, %c1) {
    memref.store %v, %m[%i, %j] : memref<?x?xf32>
  }
  return
}
