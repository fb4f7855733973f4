// RUN: vortex-opt %s --convert-vx-tensor-to-linalg --split-input-file | FileCheck %s

// CHECK: #[[ID2:.+]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @add_mixed
// CHECK-SAME: (%[[A:[a-z0-9_]+]]: tensor<4x?xf32>, %[[B:[a-z0-9_]+]]: tensor<?x8xf32>)
// CHECK: %[[E:.+]] = tensor.empty() : tensor<4x8xf32>
// CHECK: %[[R:.+]] = linalg.generic {indexing_maps = [#[[ID2]], #[[ID2]], #[[ID2]]], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME: ins(%[[A]], %[[B]] : tensor<4x?xf32>, tensor<?x8xf32>) outs(%[[E]] : tensor<4x8xf32>)
// CHECK: ^bb0(%[[X:[a-z0-9_]+]]: f32, %[[Y:[a-z0-9_]+]]: f32, %{{.+}}: f32):
// CHECK: %[[S:.+]] = arith.addf %[[X]], %[[Y]] : f32
// CHECK: linalg.yield %[[S]] : f32
// CHECK: return %[[R]] : tensor<4x8xf32>
func.func @add_mixed(%a: tensor<4x?xf32>, %b: tensor<?x8xf32>) -> tensor<4x8xf32> {
  %r = vx_tensor.add %a, %b : tensor<4x?xf32>, tensor<?x8xf32>
  return %r : tensor<4x8xf32>
}

// -----

// CHECK-LABEL: func.func @dynamic_sizes
// CHECK-SAME: (%[[A:[a-z0-9_]+]]: tensor<?x?xf16>
// CHECK-DAG: %[[C0:.+]] = arith.constant 0 : index
// CHECK-DAG: %[[C1:.+]] = arith.constant 1 : index
// CHECK-DAG: %[[D0:.+]] = tensor.dim %[[A]], %[[C0]]
// CHECK-DAG: %[[D1:.+]] = tensor.dim %[[A]], %[[C1]]
// CHECK: tensor.empty(%[[D0]], %[[D1]]) : tensor<?x?xf16>
// CHECK: arith.subf
func.func @dynamic_sizes(%a: tensor<?x?xf16>, %b: tensor<?x?xf16>) -> tensor<?x?xf16> {
  %r = vx_tensor.sub %a, %b : tensor<?x?xf16>
  return %r : tensor<?x?xf16>
}

// -----

// Integers are signed: division, maximum and minimum use the signed ops.
// CHECK-LABEL: func.func @integers
// CHECK: arith.addi
// CHECK: arith.subi
// CHECK: arith.muli
// CHECK: arith.divsi
// CHECK: arith.maxsi
// CHECK: arith.minsi
// CHECK: %[[Z:.+]] = arith.constant 0 : i16
// CHECK: arith.subi %[[Z]],
// CHECK: arith.maxsi
func.func @integers(%a: tensor<5xi16>, %b: tensor<5xi16>) -> tensor<5xi16> {
  %0 = vx_tensor.add %a, %b : tensor<5xi16>
  %1 = vx_tensor.sub %0, %b : tensor<5xi16>
  %2 = vx_tensor.mul %1, %b : tensor<5xi16>
  %3 = vx_tensor.div %2, %b : tensor<5xi16>
  %4 = vx_tensor.max %3, %b : tensor<5xi16>
  %5 = vx_tensor.min %4, %b : tensor<5xi16>
  %6 = vx_tensor.neg %5 : tensor<5xi16>
  %7 = vx_tensor.relu %6 : tensor<5xi16>
  return %7 : tensor<5xi16>
}

// -----

// Floats: NaN-propagating maximum and minimum.
// CHECK-LABEL: func.func @floats
// CHECK: arith.mulf
// CHECK: arith.divf
// CHECK: arith.maximumf
// CHECK: arith.minimumf
// CHECK: arith.negf
func.func @floats(%a: tensor<3xf64>, %b: tensor<3xf64>) -> tensor<3xf64> {
  %0 = vx_tensor.mul %a, %b : tensor<3xf64>
  %1 = vx_tensor.div %0, %b : tensor<3xf64>
  %2 = vx_tensor.max %1, %b : tensor<3xf64>
  %3 = vx_tensor.min %2, %b : tensor<3xf64>
  %4 = vx_tensor.neg %3 : tensor<3xf64>
  return %4 : tensor<3xf64>
}

// -----

// Math on 16-bit floats runs in f32 and rounds once.
// CHECK-LABEL: func.func @math_bf16
// CHECK: %[[W:.+]] = arith.extf %{{.+}} : bf16 to f32
// CHECK: %[[E:.+]] = math.exp %[[W]] : f32
// CHECK: arith.truncf %[[E]] : f32 to bf16
// CHECK: math.log %{{.+}} : f32
// CHECK: math.sqrt %{{.+}} : f32
// CHECK: math.rsqrt %{{.+}} : f32
// CHECK: math.tanh %{{.+}} : f32
func.func @math_bf16(%a: tensor<?xbf16>) -> tensor<?xbf16> {
  %0 = vx_tensor.exp %a : tensor<?xbf16>
  %1 = vx_tensor.log %0 : tensor<?xbf16>
  %2 = vx_tensor.sqrt %1 : tensor<?xbf16>
  %3 = vx_tensor.rsqrt %2 : tensor<?xbf16>
  %4 = vx_tensor.tanh %3 : tensor<?xbf16>
  return %4 : tensor<?xbf16>
}

// -----

// f32 math stays in f32.
// CHECK-LABEL: func.func @math_f32
// CHECK-NOT: arith.extf
// CHECK: math.exp %{{.+}} : f32
func.func @math_f32(%a: tensor<7xf32>) -> tensor<7xf32> {
  %0 = vx_tensor.exp %a : tensor<7xf32>
  return %0 : tensor<7xf32>
}

// -----

// CHECK-LABEL: func.func @activations
// relu
// CHECK: %[[Z:.+]] = arith.constant 0.000000e+00 : f32
// CHECK: arith.maximumf %{{.+}}, %[[Z]] : f32
// silu: x / (1 + exp(-x))
// CHECK: %[[N:.+]] = arith.negf %[[X:.+]] : f32
// CHECK: %[[EX:.+]] = math.exp %[[N]] : f32
// CHECK: %[[D:.+]] = arith.addf %{{.+}}, %[[EX]] : f32
// CHECK: arith.divf %[[X]], %[[D]] : f32
// gelu (erf)
// CHECK: math.erf
// gelu (tanh approximation)
// CHECK: arith.constant 4.471500e-02 : f32
// CHECK: math.tanh
func.func @activations(%a: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = vx_tensor.relu %a : tensor<2x3xf32>
  %1 = vx_tensor.silu %0 : tensor<2x3xf32>
  %2 = vx_tensor.gelu %1 : tensor<2x3xf32>
  %3 = vx_tensor.gelu %2 tanh : tensor<2x3xf32>
  return %3 : tensor<2x3xf32>
}

// -----

// CHECK-LABEL: func.func @casts
// CHECK: arith.extf %{{.+}} : f16 to f32
// CHECK: arith.truncf %{{.+}} : f32 to bf16
// CHECK: arith.fptosi %{{.+}} : f32 to i32
// CHECK: arith.sitofp %{{.+}} : i8 to f64
// CHECK: arith.extsi %{{.+}} : i8 to i64
// CHECK: arith.trunci %{{.+}} : i64 to i8
// f16 <-> bf16 goes through f32
// CHECK: %[[W:.+]] = arith.extf %{{.+}} : f16 to f32
// CHECK: arith.truncf %[[W]] : f32 to bf16
func.func @casts(%h: tensor<4xf16>, %f: tensor<4xf32>, %i: tensor<4xi8>, %l: tensor<4xi64>)
    -> (tensor<4xf32>, tensor<4xbf16>, tensor<4xi32>, tensor<4xf64>, tensor<4xi64>, tensor<4xi8>, tensor<4xbf16>) {
  %0 = vx_tensor.cast %h : tensor<4xf16> to tensor<4xf32>
  %1 = vx_tensor.cast %f : tensor<4xf32> to tensor<4xbf16>
  %2 = vx_tensor.cast %f : tensor<4xf32> to tensor<4xi32>
  %3 = vx_tensor.cast %i : tensor<4xi8> to tensor<4xf64>
  %4 = vx_tensor.cast %i : tensor<4xi8> to tensor<4xi64>
  %5 = vx_tensor.cast %l : tensor<4xi64> to tensor<4xi8>
  %6 = vx_tensor.cast %h : tensor<4xf16> to tensor<4xbf16>
  return %0, %1, %2, %3, %4, %5, %6 : tensor<4xf32>, tensor<4xbf16>, tensor<4xi32>, tensor<4xf64>, tensor<4xi64>, tensor<4xi8>, tensor<4xbf16>
}
