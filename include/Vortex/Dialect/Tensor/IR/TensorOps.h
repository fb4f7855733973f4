//===- TensorOps.h - vx.tensor operations ---*- C++ -*-===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//

#ifndef VORTEX_DIALECT_TENSOR_IR_TENSOROPS_H
#define VORTEX_DIALECT_TENSOR_IR_TENSOROPS_H

#include "Vortex/Dialect/Tensor/IR/TensorDialect.h"
#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#define GET_OP_CLASSES
#include "Vortex/Dialect/Tensor/IR/TensorOps.h.inc"

#endif // VORTEX_DIALECT_TENSOR_IR_TENSOROPS_H
