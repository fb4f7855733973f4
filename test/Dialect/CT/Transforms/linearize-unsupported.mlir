// RUN: vortex-opt %s -split-input-file -vx-ct-linearize=max-table-size=8 -verify-diagnostics

// What vx-ct-linearize cannot rewrite, and says so.

func.func @if_with_store(%k: i1 {vx_ct.secret}, %t: memref<4xi32>, %x: i32) attributes {vx_ct.constant_time} {
  %c0 = arith.constant 0 : index
  // expected-warning @+1 {{cannot linearize 'scf.if' on a secret: 'memref.store' in a branch has side effects, which would happen whatever the condition}}
  scf.if %k {
    memref.store %x, %t[%c0] : memref<4xi32>
  }
  return
}

// -----

func.func @big_table(%k: index {vx_ct.secret}, %t: memref<16xi32>) -> i32 attributes {vx_ct.constant_time} {
  // expected-warning @+1 {{cannot linearize 'memref.load' at a secret index: the table has 16 elements, more than max-table-size (8)}}
  %v = memref.load %t[%k] : memref<16xi32>
  return %v : i32
}

// -----

func.func @dynamic_table(%k: index {vx_ct.secret}, %t: tensor<?xi32>) -> i32 attributes {vx_ct.constant_time} {
  // expected-warning @+1 {{cannot linearize 'tensor.extract' at a secret index: only one-dimensional tables of static size can be scanned, not 'tensor<?xi32>'}}
  %v = tensor.extract %t[%k] : tensor<?xi32>
  return %v : i32
}

// -----

func.func @no_maximum(%n: index {vx_ct.secret}, %x: i32) -> i32 attributes {vx_ct.constant_time} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  // expected-warning @+1 {{cannot linearize 'scf.for' with a secret upper bound: declare a public maximum trip count with 'vx_ct.max_trip_count'}}
  %r = scf.for %i = %c0 to %n step %c1 iter_args(%acc = %x) -> i32 {
    %d = arith.addi %acc, %acc : i32
    scf.yield %d : i32
  }
  return %r : i32
}

// -----

func.func @secret_step(%s: index {vx_ct.secret}, %x: i32) -> i32 attributes {vx_ct.constant_time} {
  %c0 = arith.constant 0 : index
  %c8 = arith.constant 8 : index
  // expected-warning @+1 {{cannot linearize 'scf.for': its lower bound or step is secret; only a secret upper bound with a public maximum can be masked}}
  %r = scf.for %i = %c0 to %c8 step %s iter_args(%acc = %x) -> i32 {
    scf.yield %acc : i32
  } {vx_ct.max_trip_count = 8 : i64}
  return %r : i32
}

// -----

func.func @loop_with_store(%n: index {vx_ct.secret}, %t: memref<8xi32>, %x: i32) attributes {vx_ct.constant_time} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  // expected-warning @+1 {{cannot linearize 'scf.for' with a secret upper bound: 'memref.store' in its body has side effects, which masked iterations would perform}}
  scf.for %i = %c0 to %n step %c1 {
    memref.store %x, %t[%i] : memref<8xi32>
  } {vx_ct.max_trip_count = 8 : i64}
  return
}
