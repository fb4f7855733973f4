//===- Passes.h - Vortex conversion passes ----------------------*- C++ -*-===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//

#ifndef VORTEX_CONVERSION_PASSES_H
#define VORTEX_CONVERSION_PASSES_H

#include "Vortex/Conversion/VxFieldToArith/VxFieldToArith.h"
#include "Vortex/Conversion/VxTensorToLinalg/VxTensorToLinalg.h"

namespace mlir::vortex {

#define GEN_PASS_REGISTRATION
#include "Vortex/Conversion/Passes.h.inc"

} // namespace mlir::vortex

#endif // VORTEX_CONVERSION_PASSES_H
