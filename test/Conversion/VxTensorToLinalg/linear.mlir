// RUN: vortex-opt %s --convert-vx-tensor-to-linalg -canonicalize --split-input-file | FileCheck %s

// bf16 x [B, S, K] times wᵀ [N, K] plus bias [N]: one contraction over
// (b, s, n, k) reading the shared weight at (n, k) into a zero-filled f32
// accumulator, then one map that adds the widened bias (read at n) to the f32
// sum and rounds once.
// CHECK-DAG: #[[X:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d3)>
// CHECK-DAG: #[[W:.+]] = affine_map<(d0, d1, d2, d3) -> (d2, d3)>
// CHECK-DAG: #[[Y:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>
// CHECK-DAG: #[[ID:.+]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-DAG: #[[COL:.+]] = affine_map<(d0, d1, d2) -> (d2)>
// CHECK-LABEL: func.func @linear_bias
// CHECK:       %[[ACC:.+]] = linalg.fill ins(%{{.+}} : f32) outs(%{{.+}} : tensor<2x?x48xf32>)
// CHECK:       %[[P:.+]] = linalg.generic {indexing_maps = [#[[X]], #[[W]], #[[Y]]], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%{{.+}}, %{{.+}} : tensor<2x?x64xbf16>, tensor<48x64xbf16>) outs(%[[ACC]] : tensor<2x?x48xf32>)
// CHECK:         arith.extf
// CHECK:         arith.mulf
// CHECK:         arith.addf
// CHECK:       linalg.generic {indexing_maps = [#[[ID]], #[[COL]], #[[ID]]], iterator_types = ["parallel", "parallel", "parallel"]} ins(%[[P]], %{{.+}} : tensor<2x?x48xf32>, tensor<48xbf16>)
// CHECK:         %[[B:.+]] = arith.extf %{{.+}} : bf16 to f32
// CHECK:         %[[S:.+]] = arith.addf %{{.+}}, %[[B]] : f32
// CHECK:         arith.truncf %[[S]] : f32 to bf16
func.func @linear_bias(%x: tensor<2x?x64xbf16>, %w: tensor<48x64xbf16>, %b: tensor<48xbf16>) -> tensor<2x?x48xbf16> {
  %y = vx_tensor.linear %x, %w, %b : tensor<2x?x64xbf16>, tensor<48x64xbf16>, tensor<48xbf16>
  return %y : tensor<2x?x48xbf16>
}

// -----

// f32 without bias: the contraction alone; a vector input is a matrix-vector
// product over (n, k).
// CHECK-DAG: #[[X:.+]] = affine_map<(d0, d1) -> (d1)>
// CHECK-DAG: #[[W:.+]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[Y:.+]] = affine_map<(d0, d1) -> (d0)>
// CHECK-LABEL: func.func @linear_vector
// CHECK:       linalg.generic {indexing_maps = [#[[X]], #[[W]], #[[Y]]], iterator_types = ["parallel", "reduction"]}
// CHECK-NOT:   linalg.generic
// CHECK:       return
func.func @linear_vector(%x: tensor<64xf32>, %w: tensor<48x64xf32>) -> tensor<48xf32> {
  %y = vx_tensor.linear %x, %w : tensor<64xf32>, tensor<48x64xf32>
  return %y : tensor<48xf32>
}

// -----

// A static bias size makes a dynamic N static.
// CHECK-LABEL: func.func @linear_static_n
// CHECK:       tensor.empty(%{{.+}}) : tensor<?x8xf32>
// CHECK:       -> tensor<?x8xf16>
func.func @linear_static_n(%x: tensor<?x16xf16>, %w: tensor<?x16xf16>, %b: tensor<8xf16>) -> tensor<?x8xf16> {
  %y = vx_tensor.linear %x, %w, %b : tensor<?x16xf16>, tensor<?x16xf16>, tensor<8xf16>
  return %y : tensor<?x8xf16>
}
