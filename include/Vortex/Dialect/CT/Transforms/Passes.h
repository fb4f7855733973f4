//===- Passes.h - vx.ct passes ----------------------------------*- C++ -*-===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//

#ifndef VORTEX_DIALECT_CT_TRANSFORMS_PASSES_H
#define VORTEX_DIALECT_CT_TRANSFORMS_PASSES_H

#include "Vortex/Dialect/CT/IR/CTDialect.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Pass/Pass.h"

namespace mlir {
namespace vortex {
namespace vx_ct {

#define GEN_PASS_DECL
#include "Vortex/Dialect/CT/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "Vortex/Dialect/CT/Transforms/Passes.h.inc"

} // namespace vx_ct
} // namespace vortex
} // namespace mlir

#endif // VORTEX_DIALECT_CT_TRANSFORMS_PASSES_H
