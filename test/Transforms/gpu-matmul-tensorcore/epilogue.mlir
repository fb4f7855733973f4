// RUN: vortex-opt %s --pass-pipeline='builtin.module(func.func(vx-gpu-matmul-tensorcore))' --split-input-file | FileCheck %s

// x Wᵀ + bias, then gelu, on a dynamic number of rows (what vx_tensor
// matmul transpose_rhs, broadcast, add and gelu become): the epilogue op's
// body runs on the registers of every kernel, reading the bias at the
// element's column, so the f32 accumulator is never stored; the epilogue op
// itself remains only for split K and the fallback.
// CHECK-LABEL: func.func @linear_gelu
// CHECK:         gpu.launch
// CHECK-NOT:       memref.store {{.*}} : memref<?x11008xf32>
// CHECK:           memref.load %{{.+}}[%[[COL:.+]]] : memref<11008xbf16>
// CHECK:           math.erf
// CHECK:           vector.store {{.*}} : memref<?x11008xbf16>, vector<2xbf16>
// CHECK:         vx.matmul_config = "64x128s8w2"
// CHECK:         vx.matmul_config = "64x128s8w2"
// CHECK:         vx.matmul_config = "128x256s4w2"
// The deallocation of the accumulator stays after the kernels.
// CHECK:         memref.dealloc %{{.+}} : memref<?x11008xf32>
// CHECK-NEXT:    return
#lhs = affine_map<(d0, d1, d2) -> (d0, d2)>
#rhs = affine_map<(d0, d1, d2) -> (d1, d2)>
#out = affine_map<(d0, d1, d2) -> (d0, d1)>
#id = affine_map<(d0, d1) -> (d0, d1)>
#col = affine_map<(d0, d1) -> (d1)>
func.func @linear_gelu(%x: memref<?x4096xbf16>, %w: memref<11008x4096xbf16>, %bias: memref<11008xbf16>) -> memref<?x11008xbf16> {
  %half = arith.constant 5.000000e-01 : f32
  %one = arith.constant 1.000000e+00 : f32
  %rsqrt2 = arith.constant 0.707106769 : f32
  %zero = arith.constant 0.000000e+00 : f32
  %c0 = arith.constant 0 : index
  %m = memref.dim %x, %c0 : memref<?x4096xbf16>
  %acc = memref.alloc(%m) : memref<?x11008xf32>
  linalg.fill ins(%zero : f32) outs(%acc : memref<?x11008xf32>)
  linalg.generic {indexing_maps = [#lhs, #rhs, #out], iterator_types = ["parallel", "parallel", "reduction"]} ins(%x, %w : memref<?x4096xbf16>, memref<11008x4096xbf16>) outs(%acc : memref<?x11008xf32>) {
  ^bb0(%a: bf16, %b: bf16, %o: f32):
    %0 = arith.extf %a : bf16 to f32
    %1 = arith.extf %b : bf16 to f32
    %2 = arith.mulf %0, %1 : f32
    %3 = arith.addf %o, %2 : f32
    linalg.yield %3 : f32
  }
  %y = memref.alloc(%m) : memref<?x11008xbf16>
  linalg.generic {indexing_maps = [#id, #col, #id], iterator_types = ["parallel", "parallel"]} ins(%acc, %bias : memref<?x11008xf32>, memref<11008xbf16>) outs(%y : memref<?x11008xbf16>) {
  ^bb0(%in: f32, %b: bf16, %o: bf16):
    %0 = arith.truncf %in : f32 to bf16
    %1 = arith.addf %0, %b : bf16
    %2 = arith.extf %1 : bf16 to f32
    %3 = arith.mulf %2, %rsqrt2 : f32
    %4 = math.erf %3 : f32
    %5 = arith.mulf %2, %half : f32
    %6 = arith.addf %4, %one : f32
    %7 = arith.mulf %5, %6 : f32
    %8 = arith.truncf %7 : f32 to bf16
    linalg.yield %8 : bf16
  }
  memref.dealloc %acc : memref<?x11008xf32>
  return %y : memref<?x11008xbf16>
}

// -----

// The lhs is a temporary freed right after the matmul (where bufferization
// puts its dealloc): the kernel runs at the epilogue, so the dealloc moves
// after it.
// CHECK-LABEL: func.func @freed_operand
// CHECK:         gpu.launch
// CHECK:         memref.dealloc %[[LHS:.+]] : memref<128x256xbf16>
// CHECK-NOT:     gpu.launch
// CHECK:         return
func.func @freed_operand(%w: memref<256x256xbf16>) -> memref<128x256xbf16> {
  %zero = arith.constant 0.000000e+00 : f32
  %a = memref.alloc() : memref<128x256xbf16>
  %acc = memref.alloc() : memref<128x256xf32>
  linalg.fill ins(%zero : f32) outs(%acc : memref<128x256xf32>)
  linalg.matmul ins(%a, %w : memref<128x256xbf16>, memref<256x256xbf16>) outs(%acc : memref<128x256xf32>)
  memref.dealloc %a : memref<128x256xbf16>
  %y = memref.alloc() : memref<128x256xbf16>
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%acc : memref<128x256xf32>) outs(%y : memref<128x256xbf16>) {
  ^bb0(%in: f32, %o: bf16):
    %0 = arith.truncf %in : f32 to bf16
    linalg.yield %0 : bf16
  }
  memref.dealloc %acc : memref<128x256xf32>
  return %y : memref<128x256xbf16>
}
