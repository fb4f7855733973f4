//===- Field.td - vx.field dialect umbrella -----------------*- tablegen -*-===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//

#ifndef VORTEX_DIALECT_FIELD_IR_FIELD_TD
#define VORTEX_DIALECT_FIELD_IR_FIELD_TD

include "Vortex/Dialect/Field/IR/FieldDialect.td"
include "Vortex/Dialect/Field/IR/FieldTypes.td"
include "Vortex/Dialect/Field/IR/FieldAttributes.td"
include "Vortex/Dialect/Field/IR/FieldOps.td"

#endif // VORTEX_DIALECT_FIELD_IR_FIELD_TD
