// RUN: vortex-opt %s --vx-gpu-device-buffers | FileCheck %s

// An operand that only TMA reads (through the descriptor the host encodes)
// is a device buffer, as if a kernel read it.
// CHECK-LABEL: func.func @tma_operand
// CHECK: %[[A:.+]] = gpu.alloc  () : memref<128x64xbf16>
// CHECK: memref.cast %[[A]]
// CHECK: gpu.dealloc  %[[A]]
!map = !nvgpu.tensormap.descriptor<tensor = memref<128x64xbf16, #gpu.address_space<workgroup>>, swizzle = swizzle_128b, l2promo = l2promo_256b, oob = zero, interleave = none>
func.func private @use(!map)
func.func @tma_operand() {
  %c64 = arith.constant 64 : index
  %c128 = arith.constant 128 : index
  %a = memref.alloc() : memref<128x64xbf16>
  %u = memref.cast %a : memref<128x64xbf16> to memref<*xbf16>
  %d = nvgpu.tma.create.descriptor %u box[%c128, %c64] : memref<*xbf16> -> !map
  func.call @use(%d) : (!map) -> ()
  memref.dealloc %a : memref<128x64xbf16>
  return
}
