// RUN: vortex-opt %s -vx-ct-linearize | FileCheck %s
// RUN: vortex-opt %s -vx-ct-linearize -vx-ct-verify | FileCheck %s

// What vx-ct-linearize rewrites; the result then verifies clean.

// CHECK-LABEL: func.func @if_select
// CHECK-NOT: scf.if
// CHECK: %[[B:.+]] = arith.cmpi eq
// CHECK: %[[A:.+]] = arith.addi
// CHECK: vx_ct.select %[[B]], %[[A]], %{{.+}} : i32
func.func @if_select(%k: i32 {vx_ct.secret}, %x: i32) -> i32 attributes {vx_ct.constant_time} {
  %b = arith.cmpi eq, %k, %x : i32
  %r = scf.if %b -> i32 {
    %a = arith.addi %x, %k : i32
    scf.yield %a : i32
  } else {
    scf.yield %x : i32
  }
  return %r : i32
}
// CHECK-LABEL: func.func @table
// CHECK-DAG: %[[C0:.+]] = arith.constant 0 : index
// CHECK-DAG: %[[C1:.+]] = arith.constant 1 : index
// CHECK-DAG: %[[C4:.+]] = arith.constant 4 : index
// CHECK: %[[FIRST:.+]] = memref.load %{{.+}}[%[[C0]]]
// CHECK: scf.for %[[I:.+]] = %[[C1]] to %[[C4]] step %[[C1]] iter_args(%[[ACC:.+]] = %[[FIRST]])
// CHECK:   %[[E:.+]] = memref.load %{{.+}}[%[[I]]]
// CHECK:   %[[HIT:.+]] = arith.cmpi eq, %[[I]], %{{.+}} : index
// CHECK:   vx_ct.select %[[HIT]], %[[E]], %[[ACC]] : i32
func.func @table(%k: index {vx_ct.secret}, %t: memref<4xi32>) -> i32 attributes {vx_ct.constant_time} {
  %v = memref.load %t[%k] : memref<4xi32>
  return %v : i32
}
// CHECK-LABEL: func.func @masked
// CHECK: scf.for %[[I:.+]] = %{{.+}} to %{{.+}} step %{{.+}} iter_args(%[[ACC:.+]] = %{{.+}})
// CHECK:   %[[ACTIVE:.+]] = arith.cmpi slt, %[[I]], %{{.+}} : index
// CHECK:   %[[D:.+]] = arith.muli %[[ACC]], %[[ACC]]
// CHECK:   vx_ct.select %[[ACTIVE]], %[[D]], %[[ACC]] : i32
func.func @masked(%n: index {vx_ct.secret}, %x: i32) -> i32 attributes {vx_ct.constant_time} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %r = scf.for %i = %c0 to %n step %c1 iter_args(%acc = %x) -> i32 {
    %d = arith.muli %acc, %acc : i32
    scf.yield %d : i32
  } {vx_ct.max_trip_count = 8 : i64}
  return %r : i32
}
