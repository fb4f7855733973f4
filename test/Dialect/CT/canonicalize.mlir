// RUN: vortex-opt %s -canonicalize | FileCheck %s
// RUN: vortex-opt %s -cse | FileCheck %s --check-prefix=CSE

// vx_ct has no folders; its operations are pure (conceal, declassify, select)
// or take the effects of their body (region), which decides what the
// canonicalizer may erase and what CSE may merge.

// Unused pure operations go away.
// CHECK-LABEL: func.func @dead_pure_ops
// CHECK-NEXT: return
func.func @dead_pure_ops(%a: i64, %b: i64, %c: i1) {
  %0 = vx_ct.conceal %a : i64
  %1 = vx_ct.declassify %0 : i64
  %2 = vx_ct.select %c, %a, %b : i64
  return
}

// A region whose body has no effects goes away when its results are unused;
// one that writes memory stays.
// CHECK-LABEL: func.func @regions
// CHECK-SAME: (%[[K:[^:]+]]: i64, %[[M:[^:]+]]: memref<4xi64>, %[[I:[^:]+]]: index)
// CHECK-NEXT: vx_ct.region {
// CHECK-NEXT: memref.store %[[K]], %[[M]][%[[I]]] : memref<4xi64>
// CHECK-NEXT: }
// CHECK-NEXT: return
func.func @regions(%k: i64, %m: memref<4xi64>, %i: index) {
  %0 = vx_ct.region -> i64 {
    %x = arith.muli %k, %k : i64
    vx_ct.yield %x : i64
  }
  vx_ct.region {
  }
  vx_ct.region {
    memref.store %k, %m[%i] : memref<4xi64>
  }
  return
}

// The canonicalizer folds the arithmetic inside a region, not across the
// secrecy boundary: declassify(conceal(x)) stays.
// CHECK-LABEL: func.func @no_folding_across_secrecy
// CHECK-SAME: (%[[K:[^:]+]]: i64)
// CHECK-NEXT: %[[C:.+]] = vx_ct.conceal %[[K]] : i64
// CHECK-NEXT: %[[D:.+]] = vx_ct.declassify %[[C]] : i64
// CHECK-NEXT: %[[R:.+]] = vx_ct.region -> i64 {
// CHECK-NEXT: vx_ct.yield %[[C]] : i64
// CHECK-NEXT: }
// CHECK-NEXT: return %[[D]], %[[R]] : i64, i64
func.func @no_folding_across_secrecy(%k: i64) -> (i64, i64) {
  %0 = vx_ct.conceal %k : i64
  %1 = vx_ct.declassify %0 : i64
  %2 = vx_ct.region -> i64 {
    %z = arith.constant 0 : i64
    %s = arith.addi %0, %z : i64
    vx_ct.yield %s : i64
  }
  return %1, %2 : i64, i64
}

// A select with a constant condition is not folded: vx_ct.select stays a
// select whatever its operands.
// CHECK-LABEL: func.func @select_kept
// CHECK: %[[T:.+]] = arith.constant true
// CHECK-NEXT: %[[S:.+]] = vx_ct.select %[[T]], %{{.+}}, %{{.+}} : i64
// CHECK-NEXT: %[[U:.+]] = vx_ct.select %{{.+}}, %[[A:.+]], %[[A]] : i64
// CHECK-NEXT: return %[[S]], %[[U]]
func.func @select_kept(%a: i64, %b: i64, %c: i1) -> (i64, i64) {
  %t = arith.constant true
  %0 = vx_ct.select %t, %a, %b : i64
  %1 = vx_ct.select %c, %a, %a : i64
  return %0, %1 : i64, i64
}

// CSE merges identical pure operations.
// CSE-LABEL: func.func @cse
// CSE-SAME: (%[[A:.+]]: i64, %[[C:.+]]: i1)
// CSE-NEXT: %[[K:.+]] = vx_ct.conceal %[[A]] : i64
// CSE-NEXT: %[[S:.+]] = vx_ct.select %[[C]], %[[K]], %[[A]] : i64
// CSE-NEXT: return %[[K]], %[[K]], %[[S]], %[[S]]
func.func @cse(%a: i64, %c: i1) -> (i64, i64, i64, i64) {
  %0 = vx_ct.conceal %a : i64
  %1 = vx_ct.conceal %a : i64
  %2 = vx_ct.select %c, %0, %a : i64
  %3 = vx_ct.select %c, %1, %a : i64
  return %0, %1, %2, %3 : i64, i64, i64, i64
}
