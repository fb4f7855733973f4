//===- TensorDialect.h - vx.tensor dialect ---*- C++ -*-===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//

#ifndef VORTEX_DIALECT_TENSOR_IR_TENSORDIALECT_H
#define VORTEX_DIALECT_TENSOR_IR_TENSORDIALECT_H

#include "mlir/IR/Dialect.h"

#include "Vortex/Dialect/Tensor/IR/TensorDialect.h.inc"

#endif // VORTEX_DIALECT_TENSOR_IR_TENSORDIALECT_H
