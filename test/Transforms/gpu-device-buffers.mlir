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

// -----

// Bookkeeping buffers that only host code touches stay in host memory, next
// to a device buffer that a kernel writes.
// CHECK-LABEL: func.func @bookkeeping
// CHECK: %[[D:.+]] = gpu.alloc  () : memref<16xf32>
// CHECK: %[[H:.+]] = memref.alloc() : memref<2xindex>
// CHECK: memref.store %{{.+}}, %[[H]]
// CHECK: memref.dealloc %[[H]] : memref<2xindex>
// CHECK: gpu.dealloc  %[[D]] : memref<16xf32>
func.func @bookkeeping() {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %d = memref.alloc() : memref<16xf32>
  gpu.launch blocks(%bx, %by, %bz) in (%x = %c1, %y = %c1, %z = %c1)
             threads(%tx, %ty, %tz) in (%a = %c1, %b = %c1, %c = %c1) {
    %v = arith.constant 1.0 : f32
    memref.store %v, %d[%tx] : memref<16xf32>
    gpu.terminator
  }
  %h = memref.alloc() : memref<2xindex>
  memref.store %c1, %h[%c0] : memref<2xindex>
  memref.dealloc %h : memref<2xindex>
  memref.dealloc %d : memref<16xf32>
  return
}

// -----

// Constants from host globals that reach a kernel are copied to the device
// and freed at the end of the block.
memref.global "private" constant @table : memref<4xf32> = dense<[1.0, 2.0, 3.0, 4.0]>
// CHECK-LABEL: func.func @global_to_device
// CHECK: %[[G:.+]] = memref.get_global @table : memref<4xf32>
// CHECK: %[[D:.+]] = gpu.alloc  () : memref<4xf32>
// CHECK: gpu.memcpy  %[[D]], %[[G]] : memref<4xf32>, memref<4xf32>
// CHECK: gpu.launch
// CHECK: memref.load %[[D]]
// CHECK: gpu.dealloc  %[[D]] : memref<4xf32>
// CHECK-NEXT: return
func.func @global_to_device(%out: memref<4xf32>) {
  %c1 = arith.constant 1 : index
  %g = memref.get_global @table : memref<4xf32>
  gpu.launch blocks(%bx, %by, %bz) in (%x = %c1, %y = %c1, %z = %c1)
             threads(%tx, %ty, %tz) in (%a = %c1, %b = %c1, %c = %c1) {
    %v = memref.load %g[%tx] : memref<4xf32>
    memref.store %v, %out[%tx] : memref<4xf32>
    gpu.terminator
  }
  return
}

// -----

// What a public function returns lives on the GPU: handing it to an external
// host function is an error.
func.func private @printMemrefF32(memref<*xf32>)
func.func @kernel(%a: memref<4xf32>) -> memref<4xf32> {
  return %a : memref<4xf32>
}
func.func @driver(%x: memref<4xf32>) {
  %r = call @kernel(%x) : (memref<4xf32>) -> memref<4xf32>
  %c = memref.cast %r : memref<4xf32> to memref<*xf32>
  // expected-error @+1 {{passes a GPU buffer to 'printMemrefF32', an external function that runs on the host}}
  call @printMemrefF32(%c) : (memref<*xf32>) -> ()
  return
}

// -----

// A buffer passed to a private function whose argument a kernel uses is a
// device buffer.
func.func private @use(%b: memref<8xf32>) {
  %c1 = arith.constant 1 : index
  gpu.launch blocks(%bx, %by, %bz) in (%x = %c1, %y = %c1, %z = %c1)
             threads(%tx, %ty, %tz) in (%a = %c1, %b2 = %c1, %c = %c1) {
    %v = arith.constant 0.0 : f32
    memref.store %v, %b[%tx] : memref<8xf32>
    gpu.terminator
  }
  return
}
// CHECK-LABEL: func.func @caller
// CHECK: gpu.alloc  () : memref<8xf32>
func.func @caller() {
  %m = memref.alloc() : memref<8xf32>
  call @use(%m) : (memref<8xf32>) -> ()
  return
}

// -----

// Stack memory cannot move to the device.
func.func private @use(%b: memref<8xf32>) {
  %c1 = arith.constant 1 : index
  gpu.launch blocks(%bx, %by, %bz) in (%x = %c1, %y = %c1, %z = %c1)
             threads(%tx, %ty, %tz) in (%a = %c1, %b2 = %c1, %c = %c1) {
    %v = arith.constant 0.0 : f32
    memref.store %v, %b[%tx] : memref<8xf32>
    gpu.terminator
  }
  return
}
func.func @stack() {
  // expected-error @+1 {{defines a buffer in host memory that is used as a GPU buffer}}
  %s = memref.alloca() : memref<8xf32>
  call @use(%s) : (memref<8xf32>) -> ()
  return
}
