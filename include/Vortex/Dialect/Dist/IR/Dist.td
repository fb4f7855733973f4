//===- Dist.td - vx.dist dialect umbrella -------------------*- tablegen -*-===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//

#ifndef VORTEX_DIALECT_DIST_IR_DIST_TD
#define VORTEX_DIALECT_DIST_IR_DIST_TD

include "Vortex/Dialect/Dist/IR/DistDialect.td"
include "Vortex/Dialect/Dist/IR/DistOps.td"

#endif // VORTEX_DIALECT_DIST_IR_DIST_TD
