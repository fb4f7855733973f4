// RUN: vortex-opt %s --verify-roundtrip | FileCheck %s

// vx_tensor.linear infers [..., N] from x [..., K] and w [N, K]; a static
// bias size makes a dynamic N static.
// CHECK-LABEL: func.func @linear_types
// CHECK: vx_tensor.linear %{{.+}}, %{{.+}}, %{{.+}} : tensor<2x?x64xbf16>, tensor<?x64xbf16>, tensor<48xbf16>
// CHECK: vx_tensor.linear %{{.+}}, %{{.+}} : tensor<64xf32>, tensor<48x64xf32>
// CHECK: vx_tensor.linear %{{.+}}, %{{.+}} : tensor<?x?xi32>, tensor<?x?xi32>
func.func @linear_types(%x: tensor<2x?x64xbf16>, %w: tensor<?x64xbf16>, %b: tensor<48xbf16>,
                        %v: tensor<64xf32>, %wf: tensor<48x64xf32>, %i: tensor<?x?xi32>)
    -> (tensor<2x?x48xbf16>, tensor<48xf32>, tensor<?x?xi32>) {
  %0 = vx_tensor.linear %x, %w, %b : tensor<2x?x64xbf16>, tensor<?x64xbf16>, tensor<48xbf16>
  %1 = vx_tensor.linear %v, %wf : tensor<64xf32>, tensor<48x64xf32>
  %2 = vx_tensor.linear %i, %i : tensor<?x?xi32>, tensor<?x?xi32>
  return %0, %1, %2 : tensor<2x?x48xbf16>, tensor<48xf32>, tensor<?x?xi32>
}
