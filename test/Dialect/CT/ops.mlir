// RUN: vortex-opt %s --verify-roundtrip | FileCheck %s
// RUN: vortex-opt %s --mlir-print-op-generic | vortex-opt | FileCheck %s

// Round trip of the vx_ct operations and of its discardable attributes.

// CHECK-LABEL: func.func @conceal_declassify
// CHECK-SAME: (%[[K:[^:]+]]: i64, %[[F:[^:]+]]: f32, %[[T:[^:]+]]: tensor<?x4xbf16>, %[[P:[^:]+]]: !bn254_fr, %[[M:[^:]+]]: memref<8xi32>, %[[I:[^:]+]]: index)
func.func @conceal_declassify(%k: i64, %f: f32, %t: tensor<?x4xbf16>,
                              %p: !vx_field.pf<bn254_fr>, %m: memref<8xi32>,
                              %i: index)
    -> (i64, f32, tensor<?x4xbf16>, !vx_field.pf<bn254_fr>, memref<8xi32>, index) {
  // CHECK: %[[K1:.+]] = vx_ct.conceal %[[K]] : i64{{$}}
  %0 = vx_ct.conceal %k : i64
  // CHECK: %[[K2:.+]] = vx_ct.declassify %[[K1]] : i64{{$}}
  %1 = vx_ct.declassify %0 : i64
  // CHECK: %[[F1:.+]] = vx_ct.conceal %[[F]] {tag} : f32{{$}}
  %2 = vx_ct.conceal %f {tag} : f32
  // CHECK: %[[T1:.+]] = vx_ct.conceal %[[T]] : tensor<?x4xbf16>{{$}}
  %3 = vx_ct.conceal %t : tensor<?x4xbf16>
  // CHECK: %[[T2:.+]] = vx_ct.declassify %[[T1]] : tensor<?x4xbf16>{{$}}
  %4 = vx_ct.declassify %3 : tensor<?x4xbf16>
  // CHECK: %[[P1:.+]] = vx_ct.conceal %[[P]] : !bn254_fr{{$}}
  %5 = vx_ct.conceal %p : !vx_field.pf<bn254_fr>
  // CHECK: %[[M1:.+]] = vx_ct.declassify %[[M]] : memref<8xi32>{{$}}
  %6 = vx_ct.declassify %m : memref<8xi32>
  // CHECK: %[[I1:.+]] = vx_ct.conceal %[[I]] : index{{$}}
  %7 = vx_ct.conceal %i : index
  // CHECK: return %[[K2]], %[[F1]], %[[T2]], %[[P1]], %[[M1]], %[[I1]] : i64, f32, tensor<?x4xbf16>, !bn254_fr, memref<8xi32>, index
  return %1, %2, %4, %5, %6, %7 : i64, f32, tensor<?x4xbf16>, !vx_field.pf<bn254_fr>,
      memref<8xi32>, index
}

// An i1 condition is not written; a shaped one is.
// CHECK-LABEL: func.func @select
// CHECK-SAME: (%[[C:[^:]+]]: i1, %[[A:[^:]+]]: !bn254_fr, %[[B:[^:]+]]: !bn254_fr, %[[T:[^:]+]]: tensor<4x?xf32>, %[[TC:[^:]+]]: tensor<4x?xi1>, %[[DC:[^:]+]]: tensor<?x8xi1>, %[[V:[^:]+]]: vector<8xi32>, %[[VC:[^:]+]]: vector<8xi1>, %[[SV:[^:]+]]: vector<[4]xf16>, %[[SC:[^:]+]]: vector<[4]xi1>, %[[ST:[^:]+]]: tensor<i64>, %[[STC:[^:]+]]: tensor<i1>)
func.func @select(%c: i1, %a: !vx_field.pf<bn254_fr>, %b: !vx_field.pf<bn254_fr>,
                  %t: tensor<4x?xf32>, %tc: tensor<4x?xi1>, %dc: tensor<?x8xi1>,
                  %v: vector<8xi32>, %vc: vector<8xi1>,
                  %sv: vector<[4]xf16>, %sc: vector<[4]xi1>,
                  %st: tensor<i64>, %stc: tensor<i1>) {
  // CHECK: vx_ct.select %[[C]], %[[A]], %[[B]] : !bn254_fr{{$}}
  %0 = vx_ct.select %c, %a, %b : !vx_field.pf<bn254_fr>
  // The i1 condition may be written.
  // CHECK: vx_ct.select %[[C]], %[[B]], %[[A]] : !bn254_fr{{$}}
  %1 = vx_ct.select %c, %b, %a : i1, !vx_field.pf<bn254_fr>
  // An i1 condition selects whole tensors.
  // CHECK: vx_ct.select %[[C]], %[[T]], %[[T]] : tensor<4x?xf32>{{$}}
  %2 = vx_ct.select %c, %t, %t : tensor<4x?xf32>
  // A tensor of i1 selects element by element; dynamic sizes agree with any.
  // CHECK: vx_ct.select %[[TC]], %[[T]], %[[T]] : tensor<4x?xi1>, tensor<4x?xf32>{{$}}
  %3 = vx_ct.select %tc, %t, %t : tensor<4x?xi1>, tensor<4x?xf32>
  // CHECK: vx_ct.select %[[DC]], %[[T]], %[[T]] {tag} : tensor<?x8xi1>, tensor<4x?xf32>{{$}}
  %4 = vx_ct.select %dc, %t, %t {tag} : tensor<?x8xi1>, tensor<4x?xf32>
  // CHECK: vx_ct.select %[[STC]], %[[ST]], %[[ST]] : tensor<i1>, tensor<i64>{{$}}
  %5 = vx_ct.select %stc, %st, %st : tensor<i1>, tensor<i64>
  // Vectors, fixed and scalable.
  // CHECK: vx_ct.select %[[VC]], %[[V]], %[[V]] : vector<8xi1>, vector<8xi32>{{$}}
  %6 = vx_ct.select %vc, %v, %v : vector<8xi1>, vector<8xi32>
  // CHECK: vx_ct.select %[[SC]], %[[SV]], %[[SV]] : vector<[4]xi1>, vector<[4]xf16>{{$}}
  %7 = vx_ct.select %sc, %sv, %sv : vector<[4]xi1>, vector<[4]xf16>
  // CHECK: vx_ct.select %[[C]], %[[V]], %[[V]] : vector<8xi32>{{$}}
  %8 = vx_ct.select %c, %v, %v : vector<8xi32>
  // CHECK: vx_ct.select %[[C]], %[[C]], %[[C]] : i1{{$}}
  %9 = vx_ct.select %c, %c, %c : i1
  return
}

// CHECK-LABEL: func.func @regions
// CHECK-SAME: (%[[K:[^:]+]]: i64, %[[X:[^:]+]]: i64, %[[B:[^:]+]]: i1)
func.func @regions(%k: i64, %x: i64, %b: i1) -> (i64, i64, i1) {
  // Without results, the terminator is implicit.
  // CHECK: vx_ct.region {
  // CHECK-NEXT: }
  vx_ct.region {
  }
  // CHECK: vx_ct.region {
  // CHECK-NEXT: arith.xori %[[K]], %[[X]] : i64
  // CHECK-NEXT: } {tag}
  vx_ct.region {
    %0 = arith.xori %k, %x : i64
  } {tag}
  // An explicit empty yield is elided.
  // CHECK: vx_ct.region {
  // CHECK-NEXT: arith.andi
  // CHECK-NEXT: }
  vx_ct.region {
    %0 = arith.andi %k, %x : i64
    vx_ct.yield
  }
  // CHECK: %[[R:.+]] = vx_ct.region -> i64 {
  // CHECK-NEXT: %[[M:.+]] = arith.muli %[[K]], %[[X]] : i64
  // CHECK-NEXT: vx_ct.yield %[[M]] : i64
  // CHECK-NEXT: }
  %r = vx_ct.region -> i64 {
    %m = arith.muli %k, %x : i64
    vx_ct.yield %m : i64
  }
  // CHECK: %[[RS:.+]]:2 = vx_ct.region -> i64, i1 {
  // CHECK-NEXT: %[[S:.+]] = vx_ct.select %[[B]], %[[K]], %[[X]] : i64
  // CHECK-NEXT: vx_ct.yield %[[S]], %[[B]] : i64, i1
  // CHECK-NEXT: } {tag = 1 : i64}
  %s:2 = vx_ct.region -> i64, i1 {
    %sel = vx_ct.select %b, %k, %x : i64
    vx_ct.yield %sel, %b : i64, i1
  } {tag = 1}
  // Regions nest, and yield values from outside.
  // CHECK: %[[N:.+]] = vx_ct.region -> i64 {
  // CHECK-NEXT: %[[INNER:.+]] = vx_ct.region -> i64 {
  // CHECK-NEXT: vx_ct.yield %[[K]] : i64
  // CHECK-NEXT: }
  // CHECK-NEXT: vx_ct.yield %[[INNER]] : i64
  // CHECK-NEXT: }
  %n = vx_ct.region -> i64 {
    %inner = vx_ct.region -> i64 {
      vx_ct.yield %k : i64
    }
    vx_ct.yield %inner : i64
  }
  // CHECK: return %[[R]], %[[N]], %[[RS]]#1 : i64, i64, i1
  return %r, %n, %s#1 : i64, i64, i1
}

// The discardable attributes: vx_ct.secret on function arguments and
// vx_ct.constant_time on functions.
// CHECK-LABEL: func.func @attributes
// CHECK-SAME: (%{{.+}}: !bn254_fr {vx_ct.secret}, %{{.+}}: !bn254_fr, %{{.+}}: tensor<4xi8> {other.tag, vx_ct.secret})
// CHECK-SAME: -> !bn254_fr attributes {vx_ct.constant_time}
func.func @attributes(%a: !vx_field.pf<bn254_fr> {vx_ct.secret},
                      %b: !vx_field.pf<bn254_fr>,
                      %t: tensor<4xi8> {other.tag, vx_ct.secret})
    -> !vx_field.pf<bn254_fr> attributes {vx_ct.constant_time} {
  %r = vx_field.mul %a, %b : !vx_field.pf<bn254_fr>
  return %r : !vx_field.pf<bn254_fr>
}

// On declarations too.
// CHECK-LABEL: func.func private @declaration
// CHECK-SAME: (i64 {vx_ct.secret}, i64) -> i64 attributes {vx_ct.constant_time}
func.func private @declaration(i64 {vx_ct.secret}, i64) -> i64
    attributes {vx_ct.constant_time}

// Any function-like operation takes them.
// CHECK-LABEL: llvm.func @llvm_function
// CHECK-SAME: (%{{.+}}: i32 {vx_ct.secret}) -> i32 attributes {vx_ct.constant_time}
llvm.func @llvm_function(%a: i32 {vx_ct.secret}) -> i32 attributes {vx_ct.constant_time} {
  llvm.return %a : i32
}

// The generic form parses and prints in the custom form.
// CHECK-LABEL: func.func @generic_form
// CHECK-SAME: (%[[C:[^:]+]]: tensor<2xi1>, %[[A:[^:]+]]: tensor<2xf64>)
func.func @generic_form(%c: tensor<2xi1>, %a: tensor<2xf64>) -> tensor<2xf64> {
  // CHECK: %[[S:.+]] = vx_ct.select %[[C]], %[[A]], %[[A]] : tensor<2xi1>, tensor<2xf64>{{$}}
  %0 = "vx_ct.select"(%c, %a, %a) : (tensor<2xi1>, tensor<2xf64>, tensor<2xf64>) -> tensor<2xf64>
  // CHECK: %[[R:.+]] = vx_ct.region -> tensor<2xf64> {
  // CHECK-NEXT: %[[D:.+]] = vx_ct.declassify %[[S]] : tensor<2xf64>{{$}}
  // CHECK-NEXT: vx_ct.yield %[[D]] : tensor<2xf64>
  %1 = "vx_ct.region"() ({
    %d = "vx_ct.declassify"(%0) : (tensor<2xf64>) -> tensor<2xf64>
    "vx_ct.yield"(%d) : (tensor<2xf64>) -> ()
  }) : () -> tensor<2xf64>
  // CHECK: return %[[R]] : tensor<2xf64>
  return %1 : tensor<2xf64>
}

// The records of the pipelines round-trip.
// CHECK-LABEL: module attributes {vx_ct.kernel_secrets = {kernels = {kernel = {memory = array<i64: 0, 1>, values = array<i64: 2>}}}}
module attributes {vx_ct.kernel_secrets = {kernels = {kernel = {memory = array<i64: 0, 1>, values = array<i64: 2>}}}} {
  // CHECK: func.func @recorded{{.*}}vx_ct.lowered_secret_params = array<i1: true, false>
  func.func @recorded(%a: i32, %b: i32) attributes {vx_ct.constant_time, vx_ct.lowered_secret_params = array<i1: true, false>} {
    return
  }
}
