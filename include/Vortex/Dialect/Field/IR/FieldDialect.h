//===- FieldDialect.h - vx.field dialect ---*- C++ -*-===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//

#ifndef VORTEX_DIALECT_FIELD_IR_FIELDDIALECT_H
#define VORTEX_DIALECT_FIELD_IR_FIELDDIALECT_H

#include "mlir/IR/Dialect.h"

#include "Vortex/Dialect/Field/IR/FieldDialect.h.inc"

#endif // VORTEX_DIALECT_FIELD_IR_FIELDDIALECT_H
