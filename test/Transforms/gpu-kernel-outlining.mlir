// RUN: vortex-opt %s --vx-gpu-kernel-outlining --split-input-file -verify-diagnostics | FileCheck %s

// The occupancy hint of each launch ends up on the kernel outlined from it,
// and only there; launches without a hint, and launches outlined before,
// keep their kernels as upstream outlining makes them.
// CHECK-LABEL: func.func @hints
// CHECK: gpu.launch_func  @[[K0:[a-z_0-9]+]]::@hints_kernel
// CHECK: gpu.launch_func  @[[K1:[a-z_0-9]+]]::@hints_kernel
// CHECK: gpu.launch_func  @[[K2:[a-z_0-9]+]]::@hints_kernel
// CHECK: gpu.module @[[K0]]
// CHECK: gpu.func @hints_kernel
// CHECK-SAME: nvvm.minctasm = 2 : i32
// CHECK: gpu.module @[[K1]]
// CHECK: gpu.func @hints_kernel
// CHECK-NOT: nvvm.minctasm
// CHECK: gpu.module @[[K2]]
// CHECK: gpu.func @hints_kernel
// CHECK-SAME: nvvm.minctasm = 4 : i32
// CHECK-NOT: nvvm.minctasm
func.func @hints(%m: memref<1024xf32>) {
  %c1 = arith.constant 1 : index
  %c512 = arith.constant 512 : index
  %c256 = arith.constant 256 : index
  gpu.launch blocks(%bx, %by, %bz) in (%x = %c1, %y = %c1, %z = %c1)
             threads(%tx, %ty, %tz) in (%a = %c512, %b = %c1, %c = %c1) {
    %v = memref.load %m[%tx] : memref<1024xf32>
    memref.store %v, %m[%tx] : memref<1024xf32>
    gpu.terminator
  } {nvvm.minctasm = 2 : i32}
  gpu.launch blocks(%bx, %by, %bz) in (%x = %c1, %y = %c1, %z = %c1)
             threads(%tx, %ty, %tz) in (%a = %c512, %b = %c1, %c = %c1) {
    %v = memref.load %m[%tx] : memref<1024xf32>
    %w = arith.addf %v, %v : f32
    memref.store %w, %m[%tx] : memref<1024xf32>
    gpu.terminator
  }
  gpu.launch blocks(%bx, %by, %bz) in (%x = %c1, %y = %c1, %z = %c1)
             threads(%tx, %ty, %tz) in (%a = %c256, %b = %c1, %c = %c1) {
    %v = memref.load %m[%tx] : memref<1024xf32>
    %w = arith.mulf %v, %v : f32
    memref.store %w, %m[%tx] : memref<1024xf32>
    gpu.terminator
  } {nvvm.minctasm = 4 : i32}
  return
}

// -----

func.func @bad_hint(%m: memref<4xf32>) {
  %c1 = arith.constant 1 : index
  // expected-error @below {{'nvvm.minctasm' must be a positive i32, got 0 : i32}}
  gpu.launch blocks(%bx, %by, %bz) in (%x = %c1, %y = %c1, %z = %c1)
             threads(%tx, %ty, %tz) in (%a = %c1, %b = %c1, %c = %c1) {
    gpu.terminator
  } {nvvm.minctasm = 0 : i32}
  return
}
