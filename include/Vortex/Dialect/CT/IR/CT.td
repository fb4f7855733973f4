//===- CT.td - vx.ct dialect umbrella -----------------------*- tablegen -*-===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//

#ifndef VORTEX_DIALECT_CT_IR_CT_TD
#define VORTEX_DIALECT_CT_IR_CT_TD

include "Vortex/Dialect/CT/IR/CTDialect.td"
include "Vortex/Dialect/CT/IR/CTOps.td"

#endif // VORTEX_DIALECT_CT_IR_CT_TD
