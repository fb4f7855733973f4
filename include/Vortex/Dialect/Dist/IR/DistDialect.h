//===- DistDialect.h - vx.dist dialect ---*- C++ -*-===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//

#ifndef VORTEX_DIALECT_DIST_IR_DISTDIALECT_H
#define VORTEX_DIALECT_DIST_IR_DISTDIALECT_H

#include "mlir/Dialect/Shard/IR/ShardDialect.h"
#include "mlir/IR/Dialect.h"

#include "Vortex/Dialect/Dist/IR/DistDialect.h.inc"

#endif // VORTEX_DIALECT_DIST_IR_DISTDIALECT_H
