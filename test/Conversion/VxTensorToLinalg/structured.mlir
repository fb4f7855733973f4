// RUN: vortex-opt %s --convert-vx-tensor-to-linalg -canonicalize --split-input-file | FileCheck %s

// A bf16 row sum with keepdims accumulates in f32 through a map that writes
// the reduced dimension at 0, then rounds once.
// CHECK-DAG: #[[ID:.+]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[KEEP:.+]] = affine_map<(d0, d1) -> (d0, 0)>
// CHECK-LABEL: func.func @row_sum
// CHECK: %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[ACC:.+]] = linalg.fill ins(%[[ZERO]] : f32) outs(%{{.+}} : tensor<?x1xf32>)
// CHECK: %[[SUM:.+]] = linalg.generic {indexing_maps = [#[[ID]], #[[KEEP]]], iterator_types = ["parallel", "reduction"]}
// CHECK-SAME: outs(%[[ACC]] : tensor<?x1xf32>)
// CHECK: arith.extf %{{.+}} : bf16 to f32
// CHECK: arith.addf
// CHECK: linalg.generic
// CHECK-SAME: ins(%[[SUM]] : tensor<?x1xf32>)
// CHECK: arith.truncf %{{.+}} : f32 to bf16
func.func @row_sum(%x: tensor<?x8xbf16>) -> tensor<?x1xbf16> {
  %r = vx_tensor.reduce_sum %x dims [1] keepdims : tensor<?x8xbf16>
  return %r : tensor<?x1xbf16>
}

// -----

// Integer max starts from the smallest value; no rounding step. The kept
// dimension is the outer loop, so that it maps onto GPU threads.
// CHECK-DAG: #[[IN:.+]] = affine_map<(d0, d1) -> (d1, d0)>
// CHECK-DAG: #[[OUT:.+]] = affine_map<(d0, d1) -> (d0)>
// CHECK-LABEL: func.func @int_max
// CHECK: arith.constant -2147483648 : i32
// CHECK: linalg.generic {indexing_maps = [#[[IN]], #[[OUT]]], iterator_types = ["parallel", "reduction"]}
// CHECK: arith.maxsi
// CHECK-NOT: linalg.generic
func.func @int_max(%x: tensor<5x?xi32>) -> tensor<?xi32> {
  %r = vx_tensor.reduce_max %x dims [0] : tensor<5x?xi32>
  return %r : tensor<?xi32>
}

// -----

// The mean divides by the number of reduced elements.
// CHECK-LABEL: func.func @mean
// CHECK: %[[N:.+]] = arith.sitofp %{{.+}} : i64 to f32
// CHECK: linalg.generic
// CHECK: arith.divf %{{.+}}, %[[N]] : f32
func.func @mean(%x: tensor<?x?xf32>) -> tensor<?xf32> {
  %r = vx_tensor.reduce_mean %x dims [1] : tensor<?x?xf32>
  return %r : tensor<?xf32>
}

// -----

// A batched f16 matmul against a shared transposed weight: one generic over
// (b, m, n, k), f32 accumulation, one rounding.
// CHECK-DAG: #[[LHS:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d3)>
// CHECK-DAG: #[[RHS:.+]] = affine_map<(d0, d1, d2, d3) -> (d2, d3)>
// CHECK-DAG: #[[OUT:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>
// CHECK-LABEL: func.func @matmul
// CHECK: linalg.fill
// CHECK-SAME: tensor<2x?x8xf32>
// CHECK: linalg.generic {indexing_maps = [#[[LHS]], #[[RHS]], #[[OUT]]], iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
// CHECK: arith.mulf
// CHECK: arith.addf
// CHECK: arith.truncf %{{.+}} : f32 to f16
func.func @matmul(%a: tensor<2x?x16xf16>, %b: tensor<8x16xf16>) -> tensor<2x?x8xf16> {
  %r = vx_tensor.matmul %a, %b transpose_rhs : tensor<2x?x16xf16>, tensor<8x16xf16>
  return %r : tensor<2x?x8xf16>
}

// -----

// Softmax: max, sum of exp(x - max), normalization. The division by the
// sum may become a multiplication by its reciprocal (arcp); f32 results keep
// the accurate exponential.
// CHECK-LABEL: func.func @softmax
// CHECK: arith.constant 0xFF800000 : f32
// CHECK: linalg.generic
// CHECK: arith.maximumf
// CHECK: linalg.generic
// CHECK: arith.subf
// CHECK: math.exp %{{[^ ]+}} : f32
// CHECK: arith.addf
// CHECK: linalg.generic
// CHECK: math.exp %{{[^ ]+}} : f32
// CHECK: arith.divf %{{.+}}, %{{.+}} fastmath<arcp> : f32
func.func @softmax(%x: tensor<?x128xf32>) -> tensor<?x128xf32> {
  %r = vx_tensor.softmax %x dim 1 : tensor<?x128xf32>
  return %r : tensor<?x128xf32>
}

// -----

// A bf16 softmax takes approximate exponentials (afn), as 2^(x log2 e -
// max log2 e) with contractible products (one fma).
// CHECK-LABEL: func.func @softmax_bf16
// CHECK: linalg.generic
// CHECK: %[[T:.+]] = arith.mulf %{{.+}}, %[[L:.+]] fastmath<contract> : f32
// CHECK: %[[M:.+]] = arith.mulf %{{.+}}, %[[L]] fastmath<contract> : f32
// CHECK: %[[U:.+]] = arith.subf %[[T]], %[[M]] fastmath<contract> : f32
// CHECK: math.exp2 %[[U]] fastmath<afn> : f32
// CHECK: linalg.generic
// CHECK: math.exp2 %{{.+}} fastmath<afn> : f32
// CHECK: arith.divf %{{.+}}, %{{.+}} fastmath<arcp> : f32
// CHECK: arith.truncf
func.func @softmax_bf16(%x: tensor<?x128xbf16>) -> tensor<?x128xbf16> {
  %r = vx_tensor.softmax %x dim 1 : tensor<?x128xbf16>
  return %r : tensor<?x128xbf16>
}

// -----

// RMSNorm: sum of squares, then x * rsqrt(ss (1/n) + eps) * w, 1/n computed
// once outside the rows.
// CHECK-LABEL: func.func @rms_norm
// CHECK-DAG: %[[EPS:.+]] = arith.constant 9.99999974E-6 : f32
// CHECK-DAG: %[[INV:.+]] = arith.constant 1.562500e-02 : f32
// CHECK: linalg.generic
// CHECK: arith.mulf
// CHECK: arith.addf
// CHECK: linalg.generic
// CHECK-NOT: arith.divf
// CHECK: %[[MS:.+]] = arith.mulf %{{.+}}, %[[INV]] : f32
// CHECK: arith.addf %[[MS]], %[[EPS]] : f32
// CHECK: math.rsqrt
func.func @rms_norm(%x: tensor<?x64xf32>, %w: tensor<64xf32>) -> tensor<?x64xf32> {
  %r = vx_tensor.rms_norm %x, %w eps 1.0e-05 : tensor<?x64xf32>, tensor<64xf32>
  return %r : tensor<?x64xf32>
}

// -----

// A broadcast over a new dynamic dimension takes its size from the operand.
// CHECK-DAG: #[[COL:.+]] = affine_map<(d0, d1) -> (d1)>
// CHECK-DAG: #[[ID:.+]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @broadcast
// CHECK-SAME: (%[[X:[a-z0-9_]+]]: tensor<64xf32>, %[[N:[a-z0-9_]+]]: index)
// CHECK: %[[E:.+]] = tensor.empty(%[[N]]) : tensor<?x64xf32>
// CHECK: linalg.generic {indexing_maps = [#[[COL]], #[[ID]]]
func.func @broadcast(%x: tensor<64xf32>, %n: index) -> tensor<?x64xf32> {
  %r = vx_tensor.broadcast %x dims [0] [%n] : tensor<64xf32> to tensor<?x64xf32>
  return %r : tensor<?x64xf32>
}

// -----

// CHECK-DAG: #[[PERM:.+]] = affine_map<(d0, d1, d2) -> (d1, d2, d0)>
// CHECK-DAG: #[[ID3:.+]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-LABEL: func.func @transpose
// CHECK: linalg.generic {indexing_maps = [#[[PERM]], #[[ID3]]]
func.func @transpose(%x: tensor<2x3x4xf32>) -> tensor<4x2x3xf32> {
  %r = vx_tensor.transpose %x [2, 0, 1] : tensor<2x3x4xf32>
  return %r : tensor<4x2x3xf32>
}

// -----

// CHECK-LABEL: func.func @reshape
// CHECK-SAME: (%[[X:[a-z0-9_]+]]: tensor<?x8xf32>, %[[N:[a-z0-9_]+]]: index)
// CHECK: %[[S:.+]] = tensor.from_elements %[[N]], %{{.+}} : tensor<2xindex>
// CHECK: tensor.reshape %[[X]](%[[S]]) : (tensor<?x8xf32>, tensor<2xindex>) -> tensor<?x4xf32>
func.func @reshape(%x: tensor<?x8xf32>, %n: index) -> tensor<?x4xf32> {
  %r = vx_tensor.reshape %x [%n] : tensor<?x8xf32> to tensor<?x4xf32>
  return %r : tensor<?x4xf32>
}
