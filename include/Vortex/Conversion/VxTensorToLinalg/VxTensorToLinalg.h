//===- VxTensorToLinalg.h - vx.tensor to linalg -----------------*- C++ -*-===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//

#ifndef VORTEX_CONVERSION_VXTENSORTOLINALG_VXTENSORTOLINALG_H
#define VORTEX_CONVERSION_VXTENSORTOLINALG_VXTENSORTOLINALG_H

#include "mlir/Pass/Pass.h"

namespace mlir {
class RewritePatternSet;
namespace vortex {

#define GEN_PASS_DECL_CONVERTVXTENSORTOLINALGPASS
#include "Vortex/Conversion/Passes.h.inc"

/// Adds the patterns that lower vx.tensor operations to linalg on tensors.
void populateVxTensorToLinalgConversionPatterns(RewritePatternSet &patterns);

} // namespace vortex
} // namespace mlir

#endif // VORTEX_CONVERSION_VXTENSORTOLINALG_VXTENSORTOLINALG_H
