// RUN: vortex-opt %s --vx-gpu-device-buffers --split-input-file -verify-diagnostics | FileCheck %s

// Host allocations, frees and copies move to the GPU; the kernel body is
// untouched.
// CHECK-LABEL: func.func @host
// CHECK: %[[M:.+]] = gpu.alloc  (%{{.+}}) : memref<?xf32>
// CHECK: gpu.launch
// CHECK: memref.store %{{.+}}, %[[M]]
// CHECK: gpu.memcpy  %{{.+}}, %[[M]] : memref<?xf32>, memref<?xf32>
// CHECK: gpu.dealloc  %[[M]] : memref<?xf32>
// CHECK-NOT: memref.alloc
// CHECK-NOT: memref.dealloc
// CHECK-NOT: memref.copy
func.func @host(%n: index, %out: memref<?xf32>) {
  %c1 = arith.constant 1 : index
  %m = memref.alloc(%n) : memref<?xf32>
  gpu.launch blocks(%bx, %by, %bz) in (%x = %n, %y = %c1, %z = %c1)
             threads(%tx, %ty, %tz) in (%a = %c1, %b = %c1, %c = %c1) {
    %v = arith.constant 1.0 : f32
    memref.store %v, %m[%bx] : memref<?xf32>
    gpu.terminator
  }
  memref.copy %m, %out : memref<?xf32> to memref<?xf32>
  memref.dealloc %m : memref<?xf32>
  return
}

// -----

// Host code that touches buffer elements would read GPU memory from the CPU.
func.func @host_load(%m: memref<4xf32>) -> f32 {
  %c0 = arith.constant 0 : index
  // expected-error @+1 {{reads or writes buffer elements on the host, where buffers live in GPU memory; it was not mapped to a GPU kernel}}
  %v = memref.load %m[%c0] : memref<4xf32>
  return %v : f32
}

// -----

func.func @host_linalg(%a: memref<4xf32>, %b: memref<4xf32>) {
  // expected-error @+1 {{reads or writes buffer elements on the host}}
  linalg.copy ins(%a : memref<4xf32>) outs(%b : memref<4xf32>)
  return
}
