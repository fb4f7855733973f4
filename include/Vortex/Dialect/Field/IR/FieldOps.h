//===- FieldOps.h - vx.field operations ---*- C++ -*-===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//

#ifndef VORTEX_DIALECT_FIELD_IR_FIELDOPS_H
#define VORTEX_DIALECT_FIELD_IR_FIELDOPS_H

#include "Vortex/Dialect/Field/IR/FieldTypes.h"
#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#define GET_OP_CLASSES
#include "Vortex/Dialect/Field/IR/FieldOps.h.inc"

#endif // VORTEX_DIALECT_FIELD_IR_FIELDOPS_H
