//===- CTDialect.h - vx.ct dialect ---*- C++ -*-===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//

#ifndef VORTEX_DIALECT_CT_IR_CTDIALECT_H
#define VORTEX_DIALECT_CT_IR_CTDIALECT_H

#include "mlir/IR/Dialect.h"

#include "Vortex/Dialect/CT/IR/CTDialect.h.inc"

#endif // VORTEX_DIALECT_CT_IR_CTDIALECT_H
