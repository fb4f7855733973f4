//===- DistOps.h - vx.dist operations ---*- C++ -*-===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//

#ifndef VORTEX_DIALECT_DIST_IR_DISTOPS_H
#define VORTEX_DIALECT_DIST_IR_DISTOPS_H

#include "Vortex/Dialect/Dist/IR/DistDialect.h"
#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/Dialect/Shard/IR/ShardOps.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/ControlFlowInterfaces.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#define GET_OP_CLASSES
#include "Vortex/Dialect/Dist/IR/DistOps.h.inc"

#endif // VORTEX_DIALECT_DIST_IR_DISTOPS_H
