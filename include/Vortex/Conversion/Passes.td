//===- Passes.td - Vortex conversion passes -----------------*- tablegen -*-===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//

#ifndef VORTEX_CONVERSION_PASSES_TD
#define VORTEX_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertVxTensorToLinalgPass : Pass<"convert-vx-tensor-to-linalg"> {
  let summary = "Lower vx.tensor operations to linalg on tensors";
  let description = [{
    Rewrites vx.tensor operations into `linalg` on tensors, sized from the
    operands (`tensor.dim` for dynamic sizes):

    - elementwise arithmetic, math, activations and casts become one
      `linalg.generic` each, with identity maps and parallel iterators (math
      on 16-bit floats runs in `f32` and rounds once);
    - `broadcast` and `transpose` become generics that read through projected
      or permuted maps; `reshape` becomes `tensor.reshape`;
    - reductions become a `linalg.generic` with reduction iterators into a
      `linalg.fill`ed accumulator (`f32` for 16-bit floats); `keepdims`
      writes through a map with constant 0 for the reduced dimensions, and
      `reduce_mean` divides by the element count;
    - `softmax` is a max, a sum of `exp(x - max)` and a normalization;
      `rms_norm` and `layer_norm` reduce over the last dimension (LayerNorm
      centers on the mean first) and scale by `rsqrt(var + eps)` and the
      weight;
    - `matmul` becomes one generic over batch, M, N (parallel) and K
      (reduction), with the transposes in its maps, a shared 2-D weight
      broadcast over the batch, and `f32` accumulation for 16-bit floats.

    `attention` has no lowering here and is reported as an error at its
    location.
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::math::MathDialect",
    "::mlir::tensor::TensorDialect",
  ];
}

#endif // VORTEX_CONVERSION_PASSES_TD
