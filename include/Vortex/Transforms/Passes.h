//===- Passes.h - Vortex cross-dialect transforms ---------------*- C++ -*-===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//

#ifndef VORTEX_TRANSFORMS_PASSES_H
#define VORTEX_TRANSFORMS_PASSES_H

#include "mlir/Pass/Pass.h"

namespace mlir {
class RewritePatternSet;
namespace vortex {

#define GEN_PASS_DECL
#include "Vortex/Transforms/Passes.h.inc"

/// Adds the pattern of vx-flatten-elementwise.
void populateFlattenElementwisePatterns(RewritePatternSet &patterns);

#define GEN_PASS_REGISTRATION
#include "Vortex/Transforms/Passes.h.inc"

} // namespace vortex
} // namespace mlir

#endif // VORTEX_TRANSFORMS_PASSES_H
