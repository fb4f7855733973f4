// RUN: vortex-opt %s --verify-roundtrip | FileCheck %s
// RUN: vortex-opt %s --mlir-print-op-generic | vortex-opt | FileCheck %s

// Round trip of every vx_tensor operation and of every syntactic variant, with
// the result types that the operations infer.

// CHECK-LABEL: func.func @binary_same_type
// CHECK-SAME: (%[[A:[^:]+]]: tensor<4x?xf32>, %[[B:[^:]+]]: tensor<4x?xf32>)
func.func @binary_same_type(%a: tensor<4x?xf32>, %b: tensor<4x?xf32>)
    -> (tensor<4x?xf32>, tensor<4x?xf32>, tensor<4x?xf32>, tensor<4x?xf32>,
        tensor<4x?xf32>, tensor<4x?xf32>) {
  // CHECK: %[[ADD:.+]] = vx_tensor.add %[[A]], %[[B]] : tensor<4x?xf32>{{$}}
  %0 = vx_tensor.add %a, %b : tensor<4x?xf32>
  // CHECK: %[[SUB:.+]] = vx_tensor.sub %[[A]], %[[B]] : tensor<4x?xf32>{{$}}
  %1 = vx_tensor.sub %a, %b : tensor<4x?xf32>
  // CHECK: %[[MUL:.+]] = vx_tensor.mul %[[A]], %[[B]] : tensor<4x?xf32>{{$}}
  %2 = vx_tensor.mul %a, %b : tensor<4x?xf32>
  // CHECK: %[[DIV:.+]] = vx_tensor.div %[[A]], %[[B]] : tensor<4x?xf32>{{$}}
  %3 = vx_tensor.div %a, %b : tensor<4x?xf32>
  // CHECK: %[[MAX:.+]] = vx_tensor.max %[[A]], %[[B]] : tensor<4x?xf32>{{$}}
  %4 = vx_tensor.max %a, %b : tensor<4x?xf32>
  // CHECK: %[[MIN:.+]] = vx_tensor.min %[[A]], %[[B]] : tensor<4x?xf32>{{$}}
  %5 = vx_tensor.min %a, %b : tensor<4x?xf32>
  // CHECK: return %[[ADD]], %[[SUB]], %[[MUL]], %[[DIV]], %[[MAX]], %[[MIN]] : tensor<4x?xf32>, tensor<4x?xf32>, tensor<4x?xf32>, tensor<4x?xf32>, tensor<4x?xf32>, tensor<4x?xf32>
  return %0, %1, %2, %3, %4, %5 : tensor<4x?xf32>, tensor<4x?xf32>, tensor<4x?xf32>,
      tensor<4x?xf32>, tensor<4x?xf32>, tensor<4x?xf32>
}

// The result joins the operand shapes: each dimension takes the static size.
// CHECK-LABEL: func.func @binary_mixed_shapes
// CHECK-SAME: (%[[A:[^:]+]]: tensor<4x?xf32>, %[[B:[^:]+]]: tensor<?x8xf32>, %[[C:[^:]+]]: tensor<?x?xf32>)
func.func @binary_mixed_shapes(%a: tensor<4x?xf32>, %b: tensor<?x8xf32>,
                               %c: tensor<?x?xf32>)
    -> (tensor<4x8xf32>, tensor<4x?xf32>, tensor<?x8xf32>, tensor<?x?xf32>) {
  // CHECK: %[[R0:.+]] = vx_tensor.add %[[A]], %[[B]] : tensor<4x?xf32>, tensor<?x8xf32>{{$}}
  %0 = vx_tensor.add %a, %b : tensor<4x?xf32>, tensor<?x8xf32>
  // CHECK: %[[R1:.+]] = vx_tensor.sub %[[C]], %[[A]] : tensor<?x?xf32>, tensor<4x?xf32>{{$}}
  %1 = vx_tensor.sub %c, %a : tensor<?x?xf32>, tensor<4x?xf32>
  // CHECK: %[[R2:.+]] = vx_tensor.max %[[B]], %[[C]] : tensor<?x8xf32>, tensor<?x?xf32>{{$}}
  %2 = vx_tensor.max %b, %c : tensor<?x8xf32>, tensor<?x?xf32>
  // Two spellings of one type print once.
  // CHECK: %[[R3:.+]] = vx_tensor.min %[[C]], %[[C]] : tensor<?x?xf32>{{$}}
  %3 = vx_tensor.min %c, %c : tensor<?x?xf32>, tensor<?x?xf32>
  // CHECK: return %[[R0]], %[[R1]], %[[R2]], %[[R3]] : tensor<4x8xf32>, tensor<4x?xf32>, tensor<?x8xf32>, tensor<?x?xf32>
  return %0, %1, %2, %3 : tensor<4x8xf32>, tensor<4x?xf32>, tensor<?x8xf32>, tensor<?x?xf32>
}

// CHECK-LABEL: func.func @binary_element_types
func.func @binary_element_types(%f16: tensor<8xf16>, %bf16: tensor<8xbf16>,
                                %f64: tensor<2x2xf64>, %i16: tensor<3xi16>,
                                %i8: tensor<?xi8>, %i32: tensor<4x4xi32>,
                                %i64: tensor<i64>) {
  // CHECK: vx_tensor.add %{{.+}}, %{{.+}} : tensor<8xf16>{{$}}
  %0 = vx_tensor.add %f16, %f16 : tensor<8xf16>
  // CHECK: vx_tensor.mul %{{.+}}, %{{.+}} : tensor<8xbf16>{{$}}
  %1 = vx_tensor.mul %bf16, %bf16 : tensor<8xbf16>
  // CHECK: vx_tensor.div %{{.+}}, %{{.+}} : tensor<2x2xf64>{{$}}
  %2 = vx_tensor.div %f64, %f64 : tensor<2x2xf64>
  // CHECK: vx_tensor.max %{{.+}}, %{{.+}} : tensor<3xi16>{{$}}
  %3 = vx_tensor.max %i16, %i16 : tensor<3xi16>
  // CHECK: vx_tensor.sub %{{.+}}, %{{.+}} : tensor<?xi8>{{$}}
  %4 = vx_tensor.sub %i8, %i8 : tensor<?xi8>
  // CHECK: vx_tensor.div %{{.+}}, %{{.+}} : tensor<4x4xi32>{{$}}
  %5 = vx_tensor.div %i32, %i32 : tensor<4x4xi32>
  // Rank 0.
  // CHECK: vx_tensor.min %{{.+}}, %{{.+}} : tensor<i64>{{$}}
  %6 = vx_tensor.min %i64, %i64 : tensor<i64>
  return
}

// Discardable attributes go between the operands and the type.
// CHECK-LABEL: func.func @binary_attr_dict
func.func @binary_attr_dict(%a: tensor<4xf32>) -> tensor<4xf32> {
  // CHECK: vx_tensor.add %{{.+}}, %{{.+}} {tag = "x"} : tensor<4xf32>{{$}}
  %0 = vx_tensor.add %a, %a {tag = "x"} : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// Elementwise results keep the operands' encoding.
// CHECK-LABEL: func.func @binary_encoding
// CHECK-SAME: (%[[A:[^:]+]]: tensor<4xf32, "enc">, %[[B:[^:]+]]: tensor<?xf32, "enc">)
func.func @binary_encoding(%a: tensor<4xf32, "enc">, %b: tensor<?xf32, "enc">)
    -> (tensor<4xf32, "enc">, tensor<?xf32, "enc">) {
  // CHECK: %[[R0:.+]] = vx_tensor.add %[[A]], %[[B]] : tensor<4xf32, "enc">, tensor<?xf32, "enc">{{$}}
  %0 = vx_tensor.add %a, %b : tensor<4xf32, "enc">, tensor<?xf32, "enc">
  // CHECK: %[[R1:.+]] = vx_tensor.neg %[[B]] : tensor<?xf32, "enc">{{$}}
  %1 = vx_tensor.neg %b : tensor<?xf32, "enc">
  // CHECK: return %[[R0]], %[[R1]] : tensor<4xf32, "enc">, tensor<?xf32, "enc">
  return %0, %1 : tensor<4xf32, "enc">, tensor<?xf32, "enc">
}

// CHECK-LABEL: func.func @unary
// CHECK-SAME: (%[[X:[^:]+]]: tensor<?x4096xbf16>, %[[I:[^:]+]]: tensor<16xi32>, %[[H:[^:]+]]: tensor<8x?xf16>, %[[D:[^:]+]]: tensor<f64>)
func.func @unary(%x: tensor<?x4096xbf16>, %i: tensor<16xi32>,
                 %h: tensor<8x?xf16>, %d: tensor<f64>) {
  // CHECK: vx_tensor.neg %[[X]] : tensor<?x4096xbf16>{{$}}
  %0 = vx_tensor.neg %x : tensor<?x4096xbf16>
  // CHECK: vx_tensor.neg %[[I]] : tensor<16xi32>{{$}}
  %1 = vx_tensor.neg %i : tensor<16xi32>
  // CHECK: vx_tensor.exp %[[X]] : tensor<?x4096xbf16>{{$}}
  %2 = vx_tensor.exp %x : tensor<?x4096xbf16>
  // CHECK: vx_tensor.log %[[H]] : tensor<8x?xf16>{{$}}
  %3 = vx_tensor.log %h : tensor<8x?xf16>
  // CHECK: vx_tensor.sqrt %[[D]] : tensor<f64>{{$}}
  %4 = vx_tensor.sqrt %d : tensor<f64>
  // CHECK: vx_tensor.rsqrt %[[X]] : tensor<?x4096xbf16>{{$}}
  %5 = vx_tensor.rsqrt %x : tensor<?x4096xbf16>
  // CHECK: vx_tensor.tanh %[[H]] : tensor<8x?xf16>{{$}}
  %6 = vx_tensor.tanh %h : tensor<8x?xf16>
  // CHECK: vx_tensor.relu %[[X]] : tensor<?x4096xbf16>{{$}}
  %7 = vx_tensor.relu %x : tensor<?x4096xbf16>
  // CHECK: vx_tensor.relu %[[I]] : tensor<16xi32>{{$}}
  %8 = vx_tensor.relu %i : tensor<16xi32>
  // CHECK: vx_tensor.silu %[[X]] : tensor<?x4096xbf16>{{$}}
  %9 = vx_tensor.silu %x : tensor<?x4096xbf16>
  // CHECK: vx_tensor.gelu %[[H]] : tensor<8x?xf16>{{$}}
  %10 = vx_tensor.gelu %h : tensor<8x?xf16>
  // CHECK: vx_tensor.gelu %[[H]] tanh : tensor<8x?xf16>{{$}}
  %11 = vx_tensor.gelu %h tanh : tensor<8x?xf16>
  // CHECK: vx_tensor.gelu %[[D]] tanh {tag} : tensor<f64>{{$}}
  %12 = vx_tensor.gelu %d tanh {tag} : tensor<f64>
  return
}

// CHECK-LABEL: func.func @cast
// CHECK-SAME: (%[[X:[^:]+]]: tensor<?x64xf32>, %[[I:[^:]+]]: tensor<4x?xi32>)
func.func @cast(%x: tensor<?x64xf32>, %i: tensor<4x?xi32>) {
  // CHECK: vx_tensor.cast %[[X]] : tensor<?x64xf32> to tensor<?x64xbf16>{{$}}
  %0 = vx_tensor.cast %x : tensor<?x64xf32> to tensor<?x64xbf16>
  // CHECK: vx_tensor.cast %[[X]] : tensor<?x64xf32> to tensor<?x64xf16>{{$}}
  %1 = vx_tensor.cast %x : tensor<?x64xf32> to tensor<?x64xf16>
  // CHECK: vx_tensor.cast %[[X]] : tensor<?x64xf32> to tensor<?x64xf64>{{$}}
  %2 = vx_tensor.cast %x : tensor<?x64xf32> to tensor<?x64xf64>
  // CHECK: vx_tensor.cast %[[X]] : tensor<?x64xf32> to tensor<2x64xi8>{{$}}
  %3 = vx_tensor.cast %x : tensor<?x64xf32> to tensor<2x64xi8>
  // CHECK: vx_tensor.cast %[[I]] : tensor<4x?xi32> to tensor<?x?xf32>{{$}}
  %4 = vx_tensor.cast %i : tensor<4x?xi32> to tensor<?x?xf32>
  // CHECK: vx_tensor.cast %[[I]] : tensor<4x?xi32> to tensor<4x?xi64>{{$}}
  %5 = vx_tensor.cast %i : tensor<4x?xi32> to tensor<4x?xi64>
  // CHECK: vx_tensor.cast %[[I]] : tensor<4x?xi32> to tensor<4x?xi32>{{$}}
  %6 = vx_tensor.cast %i : tensor<4x?xi32> to tensor<4x?xi32>
  return
}

// Dynamic added dimensions take their sizes from index operands.
// CHECK-LABEL: func.func @broadcast
// CHECK-SAME: (%[[BIAS:[^:]+]]: tensor<64xf32>, %[[X:[^:]+]]: tensor<?x8xi32>, %[[S:[^:]+]]: tensor<bf16>, %[[N:[^:]+]]: index, %[[M:[^:]+]]: index)
func.func @broadcast(%bias: tensor<64xf32>, %x: tensor<?x8xi32>,
                     %s: tensor<bf16>, %n: index, %m: index) {
  // CHECK: vx_tensor.broadcast %[[BIAS]] dims [0] [%[[N]]] : tensor<64xf32> to tensor<?x64xf32>{{$}}
  %0 = vx_tensor.broadcast %bias dims [0] [%n] : tensor<64xf32> to tensor<?x64xf32>
  // CHECK: vx_tensor.broadcast %[[BIAS]] dims [1] : tensor<64xf32> to tensor<64x3xf32>{{$}}
  %1 = vx_tensor.broadcast %bias dims [1] : tensor<64xf32> to tensor<64x3xf32>
  // CHECK: vx_tensor.broadcast %[[X]] dims [0, 2] : tensor<?x8xi32> to tensor<2x5x3x8xi32>{{$}}
  %2 = vx_tensor.broadcast %x dims [0, 2] : tensor<?x8xi32> to tensor<2x5x3x8xi32>
  // CHECK: vx_tensor.broadcast %[[X]] dims [] : tensor<?x8xi32> to tensor<?x8xi32>{{$}}
  %3 = vx_tensor.broadcast %x dims [] : tensor<?x8xi32> to tensor<?x8xi32>
  // CHECK: vx_tensor.broadcast %[[X]] dims [] : tensor<?x8xi32> to tensor<7x?xi32>{{$}}
  %4 = vx_tensor.broadcast %x dims [] : tensor<?x8xi32> to tensor<7x?xi32>
  // CHECK: vx_tensor.broadcast %[[S]] dims [0, 1] [%[[M]]] : tensor<bf16> to tensor<2x?xbf16>{{$}}
  %5 = vx_tensor.broadcast %s dims [0, 1] [%m] : tensor<bf16> to tensor<2x?xbf16>
  // CHECK: vx_tensor.broadcast %[[BIAS]] dims [0, 2] [%[[N]], %[[M]]] {tag} : tensor<64xf32> to tensor<?x64x?xf32>{{$}}
  %6 = vx_tensor.broadcast %bias dims [0, 2] [%n, %m] {tag} : tensor<64xf32> to tensor<?x64x?xf32>
  // A kept dimension may be dynamic without a size.
  // CHECK: vx_tensor.broadcast %[[X]] dims [2] [%[[N]]] : tensor<?x8xi32> to tensor<?x8x?xi32>{{$}}
  %7 = vx_tensor.broadcast %x dims [2] [%n] : tensor<?x8xi32> to tensor<?x8x?xi32>
  return
}

// The result shape is the permuted input shape.
// CHECK-LABEL: func.func @transpose
// CHECK-SAME: (%[[X:[^:]+]]: tensor<4x?xf32>, %[[Y:[^:]+]]: tensor<2x3x?x5xi8>, %[[S:[^:]+]]: tensor<f16>)
func.func @transpose(%x: tensor<4x?xf32>, %y: tensor<2x3x?x5xi8>, %s: tensor<f16>)
    -> (tensor<?x4xf32>, tensor<4x?xf32>, tensor<5x?x2x3xi8>, tensor<f16>) {
  // CHECK: %[[T0:.+]] = vx_tensor.transpose %[[X]] [1, 0] : tensor<4x?xf32>{{$}}
  %0 = vx_tensor.transpose %x [1, 0] : tensor<4x?xf32>
  // CHECK: %[[T1:.+]] = vx_tensor.transpose %[[X]] [0, 1] : tensor<4x?xf32>{{$}}
  %1 = vx_tensor.transpose %x [0, 1] : tensor<4x?xf32>
  // CHECK: %[[T2:.+]] = vx_tensor.transpose %[[Y]] [3, 2, 0, 1] : tensor<2x3x?x5xi8>{{$}}
  %2 = vx_tensor.transpose %y [3, 2, 0, 1] : tensor<2x3x?x5xi8>
  // CHECK: %[[T3:.+]] = vx_tensor.transpose %[[S]] [] : tensor<f16>{{$}}
  %3 = vx_tensor.transpose %s [] : tensor<f16>
  // CHECK: return %[[T0]], %[[T1]], %[[T2]], %[[T3]] : tensor<?x4xf32>, tensor<4x?xf32>, tensor<5x?x2x3xi8>, tensor<f16>
  return %0, %1, %2, %3 : tensor<?x4xf32>, tensor<4x?xf32>, tensor<5x?x2x3xi8>, tensor<f16>
}

// CHECK-LABEL: func.func @reshape
// CHECK-SAME: (%[[X:[^:]+]]: tensor<4x8xf32>, %[[Y:[^:]+]]: tensor<?x8xbf16>, %[[N:[^:]+]]: index, %[[M:[^:]+]]: index, %[[ONE:[^:]+]]: tensor<1x1xf32>)
func.func @reshape(%x: tensor<4x8xf32>, %y: tensor<?x8xbf16>, %n: index,
                   %m: index, %one: tensor<1x1xf32>) {
  // CHECK: vx_tensor.reshape %[[X]] : tensor<4x8xf32> to tensor<32xf32>{{$}}
  %0 = vx_tensor.reshape %x : tensor<4x8xf32> to tensor<32xf32>
  // CHECK: vx_tensor.reshape %[[X]] : tensor<4x8xf32> to tensor<2x2x2x4xf32>{{$}}
  %1 = vx_tensor.reshape %x : tensor<4x8xf32> to tensor<2x2x2x4xf32>
  // CHECK: vx_tensor.reshape %[[Y]][%[[N]]] : tensor<?x8xbf16> to tensor<?x2x4xbf16>{{$}}
  %2 = vx_tensor.reshape %y [%n] : tensor<?x8xbf16> to tensor<?x2x4xbf16>
  // CHECK: vx_tensor.reshape %[[Y]][%[[N]], %[[M]]] : tensor<?x8xbf16> to tensor<?x4x?xbf16>{{$}}
  %3 = vx_tensor.reshape %y [%n, %m] : tensor<?x8xbf16> to tensor<?x4x?xbf16>
  // A dynamic input may have a static result.
  // CHECK: vx_tensor.reshape %[[Y]] : tensor<?x8xbf16> to tensor<64xbf16>{{$}}
  %4 = vx_tensor.reshape %y : tensor<?x8xbf16> to tensor<64xbf16>
  // CHECK: vx_tensor.reshape %[[X]][%[[M]]] : tensor<4x8xf32> to tensor<?xf32>{{$}}
  %5 = vx_tensor.reshape %x [%m] : tensor<4x8xf32> to tensor<?xf32>
  // To and from rank 0.
  // CHECK: %[[S:.+]] = vx_tensor.reshape %[[ONE]] : tensor<1x1xf32> to tensor<f32>{{$}}
  // CHECK: vx_tensor.reshape %[[S]] : tensor<f32> to tensor<1xf32>{{$}}
  %6 = vx_tensor.reshape %one : tensor<1x1xf32> to tensor<f32>
  %7 = vx_tensor.reshape %6 : tensor<f32> to tensor<1xf32>
  return
}

// Reductions drop the reduced dimensions, or keep them with size 1.
// CHECK-LABEL: func.func @reductions
// CHECK-SAME: (%[[X:[^:]+]]: tensor<?x4096xbf16>, %[[I:[^:]+]]: tensor<2x3x4xi32>)
func.func @reductions(%x: tensor<?x4096xbf16>, %i: tensor<2x3x4xi32>)
    -> (tensor<?xbf16>, tensor<?x1xbf16>, tensor<4096xbf16>, tensor<1x1xbf16>,
        tensor<2x4xi32>, tensor<3xi32>, tensor<1x3x1xi32>, tensor<bf16>) {
  // CHECK: %[[R0:.+]] = vx_tensor.reduce_sum %[[X]] dims [1] : tensor<?x4096xbf16>{{$}}
  %0 = vx_tensor.reduce_sum %x dims [1] : tensor<?x4096xbf16>
  // CHECK: %[[R1:.+]] = vx_tensor.reduce_max %[[X]] dims [1] keepdims : tensor<?x4096xbf16>{{$}}
  %1 = vx_tensor.reduce_max %x dims [1] keepdims : tensor<?x4096xbf16>
  // CHECK: %[[R2:.+]] = vx_tensor.reduce_mean %[[X]] dims [0] : tensor<?x4096xbf16>{{$}}
  %2 = vx_tensor.reduce_mean %x dims [0] : tensor<?x4096xbf16>
  // CHECK: %[[R3:.+]] = vx_tensor.reduce_min %[[X]] dims [1, 0] keepdims : tensor<?x4096xbf16>{{$}}
  %3 = vx_tensor.reduce_min %x dims [1, 0] keepdims : tensor<?x4096xbf16>
  // CHECK: %[[R4:.+]] = vx_tensor.reduce_sum %[[I]] dims [1] : tensor<2x3x4xi32>{{$}}
  %4 = vx_tensor.reduce_sum %i dims [1] : tensor<2x3x4xi32>
  // CHECK: %[[R5:.+]] = vx_tensor.reduce_max %[[I]] dims [0, 2] : tensor<2x3x4xi32>{{$}}
  %5 = vx_tensor.reduce_max %i dims [0, 2] : tensor<2x3x4xi32>
  // CHECK: %[[R6:.+]] = vx_tensor.reduce_min %[[I]] dims [2, 0] keepdims : tensor<2x3x4xi32>{{$}}
  %6 = vx_tensor.reduce_min %i dims [2, 0] keepdims : tensor<2x3x4xi32>
  // CHECK: %[[R7:.+]] = vx_tensor.reduce_mean %[[X]] dims [0, 1] : tensor<?x4096xbf16>{{$}}
  %7 = vx_tensor.reduce_mean %x dims [0, 1] : tensor<?x4096xbf16>
  // CHECK: return %[[R0]], %[[R1]], %[[R2]], %[[R3]], %[[R4]], %[[R5]], %[[R6]], %[[R7]] : tensor<?xbf16>, tensor<?x1xbf16>, tensor<4096xbf16>, tensor<1x1xbf16>, tensor<2x4xi32>, tensor<3xi32>, tensor<1x3x1xi32>, tensor<bf16>
  return %0, %1, %2, %3, %4, %5, %6, %7 : tensor<?xbf16>, tensor<?x1xbf16>,
      tensor<4096xbf16>, tensor<1x1xbf16>, tensor<2x4xi32>, tensor<3xi32>,
      tensor<1x3x1xi32>, tensor<bf16>
}

// CHECK-LABEL: func.func @softmax
func.func @softmax(%s: tensor<?x32x?x?xbf16>, %v: tensor<10xf64>) {
  // CHECK: vx_tensor.softmax %{{.+}} dim 3 : tensor<?x32x?x?xbf16>{{$}}
  %0 = vx_tensor.softmax %s dim 3 : tensor<?x32x?x?xbf16>
  // CHECK: vx_tensor.softmax %{{.+}} dim 0 : tensor<?x32x?x?xbf16>{{$}}
  %1 = vx_tensor.softmax %s dim 0 : tensor<?x32x?x?xbf16>
  // CHECK: vx_tensor.softmax %{{.+}} dim 0 : tensor<10xf64>{{$}}
  %2 = vx_tensor.softmax %v dim 0 : tensor<10xf64>
  return
}

// CHECK-LABEL: func.func @norms
// CHECK-SAME: (%[[X:[^:]+]]: tensor<?x4096xbf16>, %[[W:[^:]+]]: tensor<4096xbf16>, %[[Y:[^:]+]]: tensor<2x?x768xf32>, %[[G:[^:]+]]: tensor<768xf32>, %[[B:[^:]+]]: tensor<?xf32>, %[[V:[^:]+]]: tensor<5xf16>)
func.func @norms(%x: tensor<?x4096xbf16>, %w: tensor<4096xbf16>,
                 %y: tensor<2x?x768xf32>, %g: tensor<768xf32>, %b: tensor<?xf32>,
                 %v: tensor<5xf16>)
    -> (tensor<?x4096xbf16>, tensor<2x?x768xf32>, tensor<5xf16>) {
  // CHECK: %[[N0:.+]] = vx_tensor.rms_norm %[[X]], %[[W]] eps 1.000000e-05 : tensor<?x4096xbf16>, tensor<4096xbf16>{{$}}
  %0 = vx_tensor.rms_norm %x, %w eps 1.0e-05 : tensor<?x4096xbf16>, tensor<4096xbf16>
  // CHECK: %[[N1:.+]] = vx_tensor.layer_norm %[[Y]], %[[G]], %[[B]] eps 9.9999999999999995E-7 : tensor<2x?x768xf32>, tensor<768xf32>, tensor<?xf32>{{$}}
  %1 = vx_tensor.layer_norm %y, %g, %b eps 1.0e-06 : tensor<2x?x768xf32>, tensor<768xf32>, tensor<?xf32>
  // CHECK: %[[N2:.+]] = vx_tensor.rms_norm %[[V]], %[[V]] eps 0.000000e+00 : tensor<5xf16>, tensor<5xf16>{{$}}
  %2 = vx_tensor.rms_norm %v, %v eps 0.0 : tensor<5xf16>, tensor<5xf16>
  // CHECK: vx_tensor.layer_norm %[[B]], %[[B]], %[[G]] eps 1.000000e-01 : tensor<?xf32>, tensor<?xf32>, tensor<768xf32>{{$}}
  %3 = vx_tensor.layer_norm %b, %b, %g eps 0.1 : tensor<?xf32>, tensor<?xf32>, tensor<768xf32>
  // CHECK: return %[[N0]], %[[N1]], %[[N2]] : tensor<?x4096xbf16>, tensor<2x?x768xf32>, tensor<5xf16>
  return %0, %1, %2 : tensor<?x4096xbf16>, tensor<2x?x768xf32>, tensor<5xf16>
}

// CHECK-LABEL: func.func @matmul
// CHECK-SAME: (%[[A:[^:]+]]: tensor<?x4096xbf16>, %[[W:[^:]+]]: tensor<4096x11008xbf16>, %[[Q:[^:]+]]: tensor<8x128x64xf16>, %[[K:[^:]+]]: tensor<8x?x64xf16>, %[[I:[^:]+]]: tensor<3x5xi8>, %[[J:[^:]+]]: tensor<5x3xi8>, %[[S:[^:]+]]: tensor<64x4096xf16>, %[[D:[^:]+]]: tensor<?x?x?x?xf32>, %[[E:[^:]+]]: tensor<2x?x7x3xf32>)
func.func @matmul(%a: tensor<?x4096xbf16>, %w: tensor<4096x11008xbf16>,
                  %q: tensor<8x128x64xf16>, %k: tensor<8x?x64xf16>,
                  %i: tensor<3x5xi8>, %j: tensor<5x3xi8>,
                  %s: tensor<64x4096xf16>, %d: tensor<?x?x?x?xf32>,
                  %e: tensor<2x?x7x3xf32>)
    -> (tensor<?x11008xbf16>, tensor<8x128x?xf16>, tensor<8x64x64xf16>,
        tensor<4096x4096xbf16>, tensor<5x5xi8>, tensor<3x3xi8>,
        tensor<8x128x4096xf16>, tensor<2x?x7x?xf32>, tensor<?x?x?x?xf32>) {
  // CHECK: %[[M0:.+]] = vx_tensor.matmul %[[A]], %[[W]] : tensor<?x4096xbf16>, tensor<4096x11008xbf16>{{$}}
  %0 = vx_tensor.matmul %a, %w : tensor<?x4096xbf16>, tensor<4096x11008xbf16>
  // CHECK: %[[M1:.+]] = vx_tensor.matmul %[[Q]], %[[K]] transpose_rhs : tensor<8x128x64xf16>, tensor<8x?x64xf16>{{$}}
  %1 = vx_tensor.matmul %q, %k transpose_rhs : tensor<8x128x64xf16>, tensor<8x?x64xf16>
  // CHECK: %[[M2:.+]] = vx_tensor.matmul %[[Q]], %[[Q]] transpose_lhs : tensor<8x128x64xf16>, tensor<8x128x64xf16>{{$}}
  %2 = vx_tensor.matmul %q, %q transpose_lhs : tensor<8x128x64xf16>, tensor<8x128x64xf16>
  // CHECK: %[[M3:.+]] = vx_tensor.matmul %[[A]], %[[A]] transpose_lhs : tensor<?x4096xbf16>, tensor<?x4096xbf16>{{$}}
  %3 = vx_tensor.matmul %a, %a transpose_lhs : tensor<?x4096xbf16>, tensor<?x4096xbf16>
  // CHECK: %[[M4:.+]] = vx_tensor.matmul %[[I]], %[[J]] transpose_lhs transpose_rhs {tag} : tensor<3x5xi8>, tensor<5x3xi8>{{$}}
  %4 = vx_tensor.matmul %i, %j transpose_lhs transpose_rhs {tag} : tensor<3x5xi8>, tensor<5x3xi8>
  // CHECK: %[[M5:.+]] = vx_tensor.matmul %[[I]], %[[I]] transpose_rhs : tensor<3x5xi8>, tensor<3x5xi8>{{$}}
  %5 = vx_tensor.matmul %i, %i transpose_rhs : tensor<3x5xi8>, tensor<3x5xi8>
  // A two-dimensional rhs is shared by every batch.
  // CHECK: %[[M6:.+]] = vx_tensor.matmul %[[Q]], %[[S]] : tensor<8x128x64xf16>, tensor<64x4096xf16>{{$}}
  %6 = vx_tensor.matmul %q, %s : tensor<8x128x64xf16>, tensor<64x4096xf16>
  // Batch dimensions join; dynamic M, K and N.
  // CHECK: %[[M7:.+]] = vx_tensor.matmul %[[E]], %[[D]] transpose_rhs : tensor<2x?x7x3xf32>, tensor<?x?x?x?xf32>{{$}}
  %7 = vx_tensor.matmul %e, %d transpose_rhs : tensor<2x?x7x3xf32>, tensor<?x?x?x?xf32>
  // CHECK: %[[M8:.+]] = vx_tensor.matmul %[[D]], %[[D]] : tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>{{$}}
  %8 = vx_tensor.matmul %d, %d : tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>
  // CHECK: return %[[M0]], %[[M1]], %[[M2]], %[[M3]], %[[M4]], %[[M5]], %[[M6]], %[[M7]], %[[M8]] : tensor<?x11008xbf16>, tensor<8x128x?xf16>, tensor<8x64x64xf16>, tensor<4096x4096xbf16>, tensor<5x5xi8>, tensor<3x3xi8>, tensor<8x128x4096xf16>, tensor<2x?x7x?xf32>, tensor<?x?x?x?xf32>
  return %0, %1, %2, %3, %4, %5, %6, %7, %8 : tensor<?x11008xbf16>, tensor<8x128x?xf16>,
      tensor<8x64x64xf16>, tensor<4096x4096xbf16>, tensor<5x5xi8>,
      tensor<3x3xi8>, tensor<8x128x4096xf16>, tensor<2x?x7x?xf32>,
      tensor<?x?x?x?xf32>
}

// CHECK-LABEL: func.func @attention
// CHECK-SAME: (%[[Q:[^:]+]]: tensor<1x32x?x128xbf16>, %[[K:[^:]+]]: tensor<1x8x?x128xbf16>, %[[V:[^:]+]]: tensor<1x8x?x128xbf16>, %[[Q2:[^:]+]]: tensor<?x4x16x64xf32>, %[[K2:[^:]+]]: tensor<2x1x?x64xf32>, %[[V2:[^:]+]]: tensor<?x?x20x32xf32>)
func.func @attention(%q: tensor<1x32x?x128xbf16>, %k: tensor<1x8x?x128xbf16>,
                     %v: tensor<1x8x?x128xbf16>, %q2: tensor<?x4x16x64xf32>,
                     %k2: tensor<2x1x?x64xf32>, %v2: tensor<?x?x20x32xf32>)
    -> (tensor<1x32x?x128xbf16>, tensor<1x32x?x128xbf16>,
        tensor<1x32x?x128xbf16>, tensor<2x4x16x32xf32>) {
  // CHECK: %[[O0:.+]] = vx_tensor.attention %[[Q]], %[[K]], %[[V]] : tensor<1x32x?x128xbf16>, tensor<1x8x?x128xbf16>, tensor<1x8x?x128xbf16>{{$}}
  %0 = vx_tensor.attention %q, %k, %v
      : tensor<1x32x?x128xbf16>, tensor<1x8x?x128xbf16>, tensor<1x8x?x128xbf16>
  // CHECK: %[[O1:.+]] = vx_tensor.attention %[[Q]], %[[K]], %[[V]] causal : tensor<1x32x?x128xbf16>, tensor<1x8x?x128xbf16>, tensor<1x8x?x128xbf16>{{$}}
  %1 = vx_tensor.attention %q, %k, %v causal
      : tensor<1x32x?x128xbf16>, tensor<1x8x?x128xbf16>, tensor<1x8x?x128xbf16>
  // CHECK: %[[O2:.+]] = vx_tensor.attention %[[Q]], %[[K]], %[[V]] causal scale 1.250000e-01 {tag} : tensor<1x32x?x128xbf16>, tensor<1x8x?x128xbf16>, tensor<1x8x?x128xbf16>{{$}}
  %2 = vx_tensor.attention %q, %k, %v causal scale 0.125 {tag}
      : tensor<1x32x?x128xbf16>, tensor<1x8x?x128xbf16>, tensor<1x8x?x128xbf16>
  // Multi-query attention (one key/value head); the batch joins the operands'
  // and the head_dim of the result is the value's.
  // CHECK: %[[O3:.+]] = vx_tensor.attention %[[Q2]], %[[K2]], %[[V2]] scale 2.000000e+00 : tensor<?x4x16x64xf32>, tensor<2x1x?x64xf32>, tensor<?x?x20x32xf32>{{$}}
  %3 = vx_tensor.attention %q2, %k2, %v2 scale 2.0
      : tensor<?x4x16x64xf32>, tensor<2x1x?x64xf32>, tensor<?x?x20x32xf32>
  // CHECK: return %[[O0]], %[[O1]], %[[O2]], %[[O3]] : tensor<1x32x?x128xbf16>, tensor<1x32x?x128xbf16>, tensor<1x32x?x128xbf16>, tensor<2x4x16x32xf32>
  return %0, %1, %2, %3 : tensor<1x32x?x128xbf16>, tensor<1x32x?x128xbf16>,
      tensor<1x32x?x128xbf16>, tensor<2x4x16x32xf32>
}

// Attention on f16 and f64, with dynamic heads.
// CHECK-LABEL: func.func @attention_types
func.func @attention_types(%h: tensor<2x?x8x16xf16>, %d: tensor<1x2x3x4xf64>)
    -> (tensor<2x?x8x16xf16>, tensor<1x2x3x4xf64>) {
  // CHECK: %[[H:.+]] = vx_tensor.attention %{{.+}}, %{{.+}}, %{{.+}} causal : tensor<2x?x8x16xf16>, tensor<2x?x8x16xf16>, tensor<2x?x8x16xf16>{{$}}
  %0 = vx_tensor.attention %h, %h, %h causal
      : tensor<2x?x8x16xf16>, tensor<2x?x8x16xf16>, tensor<2x?x8x16xf16>
  // CHECK: %[[D:.+]] = vx_tensor.attention %{{.+}}, %{{.+}}, %{{.+}} : tensor<1x2x3x4xf64>, tensor<1x2x3x4xf64>, tensor<1x2x3x4xf64>{{$}}
  %1 = vx_tensor.attention %d, %d, %d
      : tensor<1x2x3x4xf64>, tensor<1x2x3x4xf64>, tensor<1x2x3x4xf64>
  // CHECK: return %[[H]], %[[D]] : tensor<2x?x8x16xf16>, tensor<1x2x3x4xf64>
  return %0, %1 : tensor<2x?x8x16xf16>, tensor<1x2x3x4xf64>
}

// The generic form parses and prints in the custom form.
// CHECK-LABEL: func.func @generic_form
func.func @generic_form(%a: tensor<4x?xf32>, %b: tensor<?x8xf32>)
    -> (tensor<4x8xf32>, tensor<8x4xf32>) {
  // CHECK: %[[G0:.+]] = vx_tensor.mul %{{.+}}, %{{.+}} : tensor<4x?xf32>, tensor<?x8xf32>{{$}}
  %0 = "vx_tensor.mul"(%a, %b)
      : (tensor<4x?xf32>, tensor<?x8xf32>) -> tensor<4x8xf32>
  // CHECK: %[[G1:.+]] = vx_tensor.transpose %[[G0]] [1, 0] : tensor<4x8xf32>{{$}}
  %1 = "vx_tensor.transpose"(%0) <{permutation = array<i64: 1, 0>}>
      : (tensor<4x8xf32>) -> tensor<8x4xf32>
  // CHECK: vx_tensor.reduce_sum %[[G1]] dims [0] keepdims : tensor<8x4xf32>{{$}}
  %2 = "vx_tensor.reduce_sum"(%1) <{dims = array<i64: 0>, keepdims}>
      : (tensor<8x4xf32>) -> tensor<1x4xf32>
  // CHECK: vx_tensor.softmax %[[G1]] dim 1 : tensor<8x4xf32>{{$}}
  %3 = "vx_tensor.softmax"(%1) <{dim = 1 : i64}> : (tensor<8x4xf32>) -> tensor<8x4xf32>
  // CHECK: return %[[G0]], %[[G1]] : tensor<4x8xf32>, tensor<8x4xf32>
  return %0, %1 : tensor<4x8xf32>, tensor<8x4xf32>
}
