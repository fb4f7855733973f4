// RUN: vortex-opt %s --vx-gpu-serial-kernels --split-input-file | FileCheck %s

// A loop nest without parallel iterations and the fill of a rank-0 buffer
// run as one-thread kernels.
// CHECK-LABEL: func.func @full_reduction
// CHECK: arith.constant 0.000000e+00 : f32
// CHECK-NEXT: %[[ONE:.+]] = arith.constant 1 : index
// CHECK-NEXT: gpu.launch blocks(%{{.+}}, %{{.+}}, %{{.+}}) in (%{{.+}} = %[[ONE]], %{{.+}} = %[[ONE]], %{{.+}} = %[[ONE]]) threads(%{{.+}}, %{{.+}}, %{{.+}}) in (%{{.+}} = %[[ONE]], %{{.+}} = %[[ONE]], %{{.+}} = %[[ONE]])
// CHECK-NEXT: memref.store
// CHECK-NEXT: gpu.terminator
// CHECK: gpu.launch
// CHECK-NEXT: scf.for
// CHECK: memref.load
// CHECK: gpu.terminator
// CHECK: return
func.func @full_reduction(%in: memref<?xf32>, %out: memref<f32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %zero = arith.constant 0.0 : f32
  memref.store %zero, %out[] : memref<f32>
  %n = memref.dim %in, %c0 : memref<?xf32>
  scf.for %i = %c0 to %n step %c1 {
    %x = memref.load %in[%i] : memref<?xf32>
    %a = memref.load %out[] : memref<f32>
    %s = arith.addf %x, %a : f32
    memref.store %s, %out[] : memref<f32>
  }
  return
}

// -----

// Host loops that launch kernels, and loops that only compute on the host,
// stay where they are.
// CHECK-LABEL: func.func @host_loops
// CHECK-NEXT: arith.constant
// CHECK-NEXT: arith.constant
// CHECK-NEXT: scf.for
// CHECK-NEXT: gpu.launch
// CHECK: scf.for
// CHECK-NOT: gpu.launch
// CHECK: return
func.func @host_loops(%buf: memref<4xf32>, %n: index) -> index {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  scf.for %i = %c0 to %n step %c1 {
    gpu.launch blocks(%bx, %by, %bz) in (%x = %c1, %y = %c1, %z = %c1)
               threads(%tx, %ty, %tz) in (%a = %c1, %b = %c1, %c = %c1) {
      %v = arith.constant 1.0 : f32
      memref.store %v, %buf[%tx] : memref<4xf32>
      gpu.terminator
    }
  }
  %sum = scf.for %i = %c0 to %n step %c1 iter_args(%acc = %c0) -> index {
    %next = arith.addi %acc, %i : index
    scf.yield %next : index
  }
  return %sum : index
}

// -----

// Loops over host bookkeeping buffers -- the pointer lists that the
// deallocation helper receives -- stay on the host, while the device buffer
// the public function takes is still cleared on the device.
// CHECK-LABEL: func.func @caller
// CHECK: gpu.launch
// CHECK: call @helper
// CHECK-LABEL: func.func private @helper
// CHECK-NOT: gpu.launch
// CHECK: scf.for
// CHECK: memref.load
// CHECK-NOT: gpu.launch
// CHECK: return
func.func @caller(%out: memref<4xindex>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  scf.for %i = %c0 to %c4 step %c1 {
    memref.store %c0, %out[%i] : memref<4xindex>
  }
  %list = memref.alloc() : memref<2xindex>
  %p = memref.extract_aligned_pointer_as_index %out : memref<4xindex> -> index
  memref.store %p, %list[%c0] : memref<2xindex>
  memref.store %p, %list[%c1] : memref<2xindex>
  %cast = memref.cast %list : memref<2xindex> to memref<?xindex>
  call @helper(%cast) : (memref<?xindex>) -> ()
  memref.dealloc %list : memref<2xindex>
  return
}
func.func private @helper(%list: memref<?xindex>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %n = memref.dim %list, %c0 : memref<?xindex>
  scf.for %i = %c0 to %n step %c1 {
    %v = memref.load %list[%i] : memref<?xindex>
    memref.store %v, %list[%c0] : memref<?xindex>
  }
  return
}

// -----

// Loop nests whose loop-carried results flow into the next nest (a running
// product, then a backward pass) move into one kernel together with the ops
// between them; what follows, which uses none of their results, stays.
// CHECK-LABEL: func.func @carried
// CHECK: gpu.launch
// CHECK: scf.for
// CHECK: arith.muli
// CHECK: scf.for
// CHECK: gpu.terminator
// CHECK-NOT: scf.for
// CHECK: memref.dealloc
func.func @carried(%in: memref<8xi64>, %out: memref<8xi64>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %one = arith.constant 1 : i64
  %tmp = memref.alloc() : memref<8xi64>
  %p = scf.for %i = %c0 to %c8 step %c1 iter_args(%acc = %one) -> (i64) {
    %x = memref.load %in[%i] : memref<8xi64>
    %y = arith.muli %acc, %x : i64
    memref.store %y, %tmp[%i] : memref<8xi64>
    scf.yield %y : i64
  }
  %sq = arith.muli %p, %p : i64
  %r = scf.for %i = %c0 to %c8 step %c1 iter_args(%acc = %sq) -> (i64) {
    %x = memref.load %tmp[%i] : memref<8xi64>
    %y = arith.addi %acc, %x : i64
    memref.store %y, %out[%i] : memref<8xi64>
    scf.yield %y : i64
  }
  memref.dealloc %tmp : memref<8xi64>
  return
}

// -----

// A loop-carried result the host needs keeps the loop on the host (and
// vx-gpu-device-buffers reports it).
// CHECK-LABEL: func.func @result_to_host
// CHECK-NOT: gpu.launch
func.func @result_to_host(%in: memref<8xi64>) -> i64 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %zero = arith.constant 0 : i64
  %s = scf.for %i = %c0 to %c8 step %c1 iter_args(%acc = %zero) -> (i64) {
    %x = memref.load %in[%i] : memref<8xi64>
    %y = arith.addi %acc, %x : i64
    scf.yield %y : i64
  }
  return %s : i64
}
