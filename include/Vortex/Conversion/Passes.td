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
    Rewrites the elementwise vx.tensor operations (arithmetic, math,
    activations and casts) into `linalg.generic` operations with identity
    indexing maps and parallel iterators, whose destination is a
    `tensor.empty` sized from the operands (`tensor.dim` for dynamic sizes).
    Math on 16-bit floats is computed in `f32` and rounded once.

    Operations without a lowering here are reported as errors at their
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
