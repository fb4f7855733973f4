//===- CTOps.h - vx.ct operations ---*- C++ -*-===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//

#ifndef VORTEX_DIALECT_CT_IR_CTOPS_H
#define VORTEX_DIALECT_CT_IR_CTOPS_H

#include "Vortex/Dialect/CT/IR/CTDialect.h"
#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/Interfaces/ControlFlowInterfaces.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "Vortex/Dialect/CT/IR/CTInterfaces.h"

#define GET_OP_CLASSES
#include "Vortex/Dialect/CT/IR/CTOps.h.inc"

#endif // VORTEX_DIALECT_CT_IR_CTOPS_H
