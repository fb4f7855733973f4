// RUN: vortex-opt %s --pass-pipeline='builtin.module(func.func(vx-gpu-matmul-mma-sync))' --split-input-file | FileCheck %s

// f32 operands (tensor cores would need tf32, a different result) keep the
// SIMT path.
// CHECK-LABEL: func.func @f32
// CHECK-NOT:     gpu.launch
// CHECK:         linalg.matmul
func.func @f32(%a: memref<64x64xf32>, %b: memref<64x64xf32>, %acc: memref<64x64xf32>) {
  %zero = arith.constant 0.000000e+00 : f32
  linalg.fill ins(%zero : f32) outs(%acc : memref<64x64xf32>)
  linalg.matmul ins(%a, %b : memref<64x64xf32>, memref<64x64xf32>) outs(%acc : memref<64x64xf32>)
  return
}

// -----

// Without the zero fill the matmul accumulates into what the buffer holds,
// which the kernel does not read.
// CHECK-LABEL: func.func @accumulate
// CHECK-NOT:     gpu.launch
// CHECK:         linalg.matmul
func.func @accumulate(%a: memref<64x64xbf16>, %b: memref<64x64xbf16>, %acc: memref<64x64xf32>) {
  linalg.matmul ins(%a, %b : memref<64x64xbf16>, memref<64x64xbf16>) outs(%acc : memref<64x64xf32>)
  return
}

// -----

// linalg.matmul on bf16 buffers is taken like the generic form; an operand
// whose rows are not a multiple of 8 elements fails the run-time check and
// takes the original ops.
// CHECK-LABEL: func.func @named
// CHECK:         memref.dim %{{.+}}, %c1
// CHECK:         arith.remui %{{.+}}, %c8
// CHECK:         scf.if
// CHECK:           gpu.launch
// CHECK:           vx.matmul_config = "128x128x32s4-mma-sync"
// CHECK:         } else {
// CHECK-NEXT:      linalg.fill
// CHECK-NEXT:      linalg.matmul
func.func @named(%a: memref<?x?xbf16>, %b: memref<?x?xbf16>, %acc: memref<?x?xf32>) {
  %zero = arith.constant 0.000000e+00 : f32
  linalg.fill ins(%zero : f32) outs(%acc : memref<?x?xf32>)
  linalg.matmul ins(%a, %b : memref<?x?xbf16>, memref<?x?xbf16>) outs(%acc : memref<?x?xf32>)
  return
}
