// RUN: vortex-opt %s -split-input-file -vx-ct-record-params | FileCheck %s
// RUN: vortex-opt %s -split-input-file -vx-ct-record-params -convert-func-to-llvm -vx-ct-verify-lowered | FileCheck %s --check-prefix=LOWERED

// vx-ct-record-params records which parameters of the lowered signatures
// are secret (memref descriptors expand into allocated and aligned pointers,
// offset, sizes and strides), in place of the marks, and marks the kernels
// of constant-time code; vx-ct-verify-lowered turns the record back into
// marks, checks, and drops the marks.

// The kernel fills %out with secrets: its pointers are secret too.
// CHECK-LABEL: func.func @host
// CHECK-SAME: (%{{.+}}: memref<4x4xi32>, %{{.+}}: i32, %{{.+}}: memref<?xf32>, %{{.+}}: index)
// CHECK-SAME: vx_ct.constant_time
// CHECK-SAME: vx_ct.lowered_secret_params = array<i1: true, true, false, false, false, false, false, true, true, true, false, false, false, true>
module attributes {gpu.container_module} {
  func.func @host(%m: memref<4x4xi32> {vx_ct.secret}, %k: i32 {vx_ct.secret}, %out: memref<?xf32>, %n: index {vx_ct.secret}) attributes {vx_ct.constant_time} {
    %c1 = arith.constant 1 : index
    gpu.launch_func @kernels::@kernel blocks in (%c1, %c1, %c1) threads in (%c1, %c1, %c1) args(%m : memref<4x4xi32>, %k : i32, %out : memref<?xf32>)
    return
  }
  // CHECK-LABEL: gpu.func @kernel
  // CHECK-SAME: vx_ct.constant_time
  // CHECK-SAME: vx_ct.lowered_secret_params = array<i1: true, true, false, false, false, false, false, true, true, true, false, false, false>
  gpu.module @kernels {
    gpu.func @kernel(%m: memref<4x4xi32>, %k: i32, %out: memref<?xf32>) kernel {
      %c0 = arith.constant 0 : index
      %v = memref.load %m[%c0, %c0] : memref<4x4xi32>
      %f = arith.sitofp %v : i32 to f32
      memref.store %f, %out[%c0] : memref<?xf32>
      gpu.return
    }
  }

  // Public code is left alone.
  // CHECK-LABEL: func.func @public
  // CHECK-NOT: vx_ct
  func.func @public(%x: i32) -> i32 {
    return %x : i32
  }
}

// -----

// The C wrapper of @ct (another signature) gets no marks from the record.
// LOWERED-LABEL: llvm.func @ct(
// LOWERED-SAME: %{{.+}}: !llvm.ptr, %{{.+}}: !llvm.ptr, %{{.+}}: i64, %{{.+}}: i64, %{{.+}}: i64, %{{.+}}: i64)
// LOWERED-NOT: vx_ct.secret
// LOWERED-NOT: vx_ct.lowered_secret_params
// LOWERED: llvm.func @_mlir_ciface_ct(%{{.+}}: !llvm.ptr, %{{.+}}: i64)
// CHECK-LABEL: func.func @ct
module {
  func.func @ct(%m: memref<4xi64> {vx_ct.secret}, %k: i64) -> i64 attributes {llvm.emit_c_interface, vx_ct.constant_time} {
    %c0 = arith.constant 0 : index
    %v = memref.load %m[%c0] : memref<4xi64>
    %r = arith.addi %v, %k : i64
    return %r : i64
  }
}
