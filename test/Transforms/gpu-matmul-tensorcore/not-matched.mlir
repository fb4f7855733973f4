// RUN: vortex-opt %s --pass-pipeline='builtin.module(func.func(vx-gpu-matmul-tensorcore))' --split-input-file | FileCheck %s

// f32 operands keep the SIMT path unless tf32 is asked for (tensor cores
// read tf32, a less precise result; see tf32.mlir).
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

// An accumulator read by two ops is stored by the kernel; both ops stay.
// CHECK-LABEL: func.func @two_readers
// CHECK:         gpu.launch
// CHECK:           memref.store %{{.+}}, %{{.+}}[%{{.+}}, %{{.+}}] : memref<64x64xf32>
// CHECK:           linalg.fill
// CHECK-NEXT:      linalg.matmul
// CHECK-NEXT:    }
// CHECK-NEXT:    linalg.generic
// CHECK:           arith.truncf {{.*}} to bf16
// CHECK:         linalg.generic
// CHECK:           arith.truncf {{.*}} to f16
func.func @two_readers(%a: memref<64x64xbf16>, %b: memref<64x64xbf16>, %acc: memref<64x64xf32>, %y: memref<64x64xbf16>, %z: memref<64x64xf16>) {
  %zero = arith.constant 0.000000e+00 : f32
  linalg.fill ins(%zero : f32) outs(%acc : memref<64x64xf32>)
  linalg.matmul ins(%a, %b : memref<64x64xbf16>, memref<64x64xbf16>) outs(%acc : memref<64x64xf32>)
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%acc : memref<64x64xf32>) outs(%y : memref<64x64xbf16>) {
  ^bb0(%in: f32, %o: bf16):
    %0 = arith.truncf %in : f32 to bf16
    linalg.yield %0 : bf16
  }
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%acc : memref<64x64xf32>) outs(%z : memref<64x64xf16>) {
  ^bb0(%in: f32, %o: f16):
    %0 = arith.truncf %in : f32 to f16
    linalg.yield %0 : f16
  }
  return
}
