// RUN: vortex-opt %s --vx-gpu-device-buffers --split-input-file -verify-diagnostics

// An i384 (BLS12-381 Fq storage) is 48 bytes on an x86-64 host and 64 in
// an NVPTX kernel: a GPU buffer of them is refused, not miscompiled.
// expected-error @below {{GPU buffers of 'i384' elements are not supported: LLVM lays an 'i384' out in 48 bytes on the host and in 64 in NVPTX kernels}}
func.func @wide(%x: memref<8xi384>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  gpu.launch blocks(%b0, %b1, %b2) in (%g0 = %c1, %g1 = %c1, %g2 = %c1)
             threads(%t0, %t1, %t2) in (%s0 = %c1, %s1 = %c1, %s2 = %c1) {
    %v = memref.load %x[%c0] : memref<8xi384>
    memref.store %v, %x[%c1] : memref<8xi384>
    gpu.terminator
  }
  return
}

// -----

// i256 (BN254) and i512 take the same bytes on both.
func.func @same(%x: memref<8xi256>, %y: memref<8xi512>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  gpu.launch blocks(%b0, %b1, %b2) in (%g0 = %c1, %g1 = %c1, %g2 = %c1)
             threads(%t0, %t1, %t2) in (%s0 = %c1, %s1 = %c1, %s2 = %c1) {
    %v = memref.load %x[%c0] : memref<8xi256>
    memref.store %v, %x[%c1] : memref<8xi256>
    %w = memref.load %y[%c0] : memref<8xi512>
    memref.store %w, %y[%c1] : memref<8xi512>
    gpu.terminator
  }
  return
}
