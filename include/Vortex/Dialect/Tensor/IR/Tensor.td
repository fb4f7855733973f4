//===- Tensor.td - vx.tensor dialect umbrella ---------------*- tablegen -*-===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//

#ifndef VORTEX_DIALECT_TENSOR_IR_TENSOR_TD
#define VORTEX_DIALECT_TENSOR_IR_TENSOR_TD

include "Vortex/Dialect/Tensor/IR/TensorDialect.td"
include "Vortex/Dialect/Tensor/IR/TensorOps.td"

#endif // VORTEX_DIALECT_TENSOR_IR_TENSOR_TD
