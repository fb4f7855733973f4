// RUN: vortex-opt %s --vx-widen-buffer-elements --split-input-file | FileCheck %s

// An i384 (BLS12-381 Fq storage) is 48 bytes in x86-64 host code and 64 in an
// NVPTX kernel: its buffers become buffers of i512 slots, from the function
// signature through allocations, copies and kernels; loads truncate and
// stores zero-extend, so the arithmetic stays on 384 bits.
// CHECK-LABEL: func.func @kernel(
// CHECK-SAME: %[[X:.+]]: memref<?xi512>) -> memref<?xi512>
// CHECK: %[[N:.+]] = memref.dim %[[X]], %{{.+}} : memref<?xi512>
// CHECK: %[[Y:.+]] = gpu.alloc (%[[N]]) : memref<?xi512>
// CHECK: gpu.memcpy %[[Y]], %[[X]] : memref<?xi512>, memref<?xi512>
// CHECK: gpu.launch
// CHECK: %[[SLOT:.+]] = memref.load %[[X]][%{{.+}}] : memref<?xi512>
// CHECK: %[[V:.+]] = arith.trunci %[[SLOT]] : i512 to i384
// CHECK: %[[S:.+]] = arith.addi %[[V]], %[[V]] : i384
// CHECK: %[[W:.+]] = arith.extui %[[S]] : i384 to i512
// CHECK: memref.store %[[W]], %[[Y]][%{{.+}}] : memref<?xi512>
// CHECK: return %[[Y]] : memref<?xi512>
func.func @kernel(%x: memref<?xi384>) -> memref<?xi384> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %n = memref.dim %x, %c0 : memref<?xi384>
  %y = gpu.alloc (%n) : memref<?xi384>
  gpu.memcpy %y, %x : memref<?xi384>, memref<?xi384>
  gpu.launch blocks(%b0, %b1, %b2) in (%g0 = %c1, %g1 = %c1, %g2 = %c1)
             threads(%t0, %t1, %t2) in (%s0 = %c1, %s1 = %c1, %s2 = %c1) {
    %v = memref.load %x[%t0] : memref<?xi384>
    %s = arith.addi %v, %v : i384
    memref.store %s, %y[%t0] : memref<?xi384>
    gpu.terminator
  }
  return %y : memref<?xi384>
}

// -----

// Calls, views, loops carrying buffers, frees.
// CHECK-LABEL: func.func private @callee(
// CHECK-SAME: memref<4x2xi512>) -> memref<8xi512>
// CHECK: memref.collapse_shape %{{.+}} {{\[\[}}0, 1]] : memref<4x2xi512> into memref<8xi512>
// CHECK-LABEL: func.func @caller(
// CHECK: %[[A:.+]] = memref.alloc() : memref<4x2xi512>
// CHECK: %[[C:.+]] = call @callee(%[[A]]) : (memref<4x2xi512>) -> memref<8xi512>
// CHECK: %[[V:.+]] = memref.subview %[[C]][2] [4] [1] : memref<8xi512> to memref<4xi512, strided<[1], offset: 2>>
// CHECK: %[[L:.+]] = scf.for {{.+}} iter_args(%[[B:.+]] = %[[V]]) -> (memref<4xi512, strided<[1], offset: 2>>)
// CHECK: scf.yield %[[B]] : memref<4xi512, strided<[1], offset: 2>>
// CHECK: memref.cast %[[L]] : memref<4xi512, strided<[1], offset: 2>> to memref<?xi512, strided<[1], offset: ?>>
// CHECK: memref.dealloc %[[A]] : memref<4x2xi512>
func.func private @callee(%a: memref<4x2xi384>) -> memref<8xi384> {
  %c = memref.collapse_shape %a [[0, 1]] : memref<4x2xi384> into memref<8xi384>
  return %c : memref<8xi384>
}

func.func @caller(%n: index) -> memref<?xi384, strided<[1], offset: ?>> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %a = memref.alloc() : memref<4x2xi384>
  %c = call @callee(%a) : (memref<4x2xi384>) -> memref<8xi384>
  %v = memref.subview %c[2] [4] [1] : memref<8xi384> to memref<4xi384, strided<[1], offset: 2>>
  %l = scf.for %i = %c0 to %n step %c1 iter_args(%b = %v) -> (memref<4xi384, strided<[1], offset: 2>>) {
    scf.yield %b : memref<4xi384, strided<[1], offset: 2>>
  }
  %r = memref.cast %l : memref<4xi384, strided<[1], offset: 2>> to memref<?xi384, strided<[1], offset: ?>>
  memref.dealloc %a : memref<4x2xi384>
  return %r : memref<?xi384, strided<[1], offset: ?>>
}

// -----

// Constant globals keep their values, zero-extended into their slots (the
// second is 2^384 - 1, whose sign extension would read -1).
// CHECK: memref.global "private" constant @table : memref<2xi512> = dense<[1, 39402006196394479212279040100143613805079739270465446667948293404245721771497210611414266254884915640806627990306815]>
// CHECK-LABEL: func.func @global
// CHECK: %[[G:.+]] = memref.get_global @table : memref<2xi512>
// CHECK: %[[S:.+]] = memref.load %[[G]][%{{.+}}] : memref<2xi512>
// CHECK: arith.trunci %[[S]] : i512 to i384
memref.global "private" constant @table : memref<2xi384> = dense<[1, 39402006196394479212279040100143613805079739270465446667948293404245721771497210611414266254884915640806627990306815]>

func.func @global(%i: index) -> i384 {
  %g = memref.get_global @table : memref<2xi384>
  %v = memref.load %g[%i] : memref<2xi384>
  return %v : i384
}

// -----

// Integers that host code and kernels lay out alike stay as they are:
// i256 (BN254), i512, i768 (BLS12-381 Fq2), i416 (52 bytes, 64 on both),
// i160, and everything up to 128 bits. i320 (40 bytes on the host, 64 in a
// kernel) widens as i384 does.
// CHECK-LABEL: func.func @same(
// CHECK-SAME: memref<8xi256>, %{{.+}}: memref<8xi512>, %{{.+}}: memref<8xi768>, %{{.+}}: memref<8xi416>, %{{.+}}: memref<8xi160>, %{{.+}}: memref<8xi96>, %{{.+}}: memref<8xi512>)
func.func @same(%a: memref<8xi256>, %b: memref<8xi512>, %c: memref<8xi768>,
                %d: memref<8xi416>, %e: memref<8xi160>, %f: memref<8xi96>,
                %g: memref<8xi320>) {
  return
}
