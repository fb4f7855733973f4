//===- MLIRGen.h - vx IR from checked .vx programs --------------*- C++ -*-===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//
//
// Emits a checked program as a module of func.func in the vx dialects
// (vx_tensor, vx_field, vx_ct) and upstream arith, scf, tensor, linalg and
// memref, with the .vx source range of each construct as its location.
//
//===----------------------------------------------------------------------===//

#ifndef VORTEX_FRONTEND_MLIRGEN_H
#define VORTEX_FRONTEND_MLIRGEN_H

#include "Vortex/Frontend/Sema.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"

#include <memory>

namespace llvm {
class SourceMgr;
} // namespace llvm

namespace mlir {
class DialectRegistry;
namespace vortex {
namespace vx {

/// The dialects the generated IR uses.
void registerFrontendDialects(DialectRegistry &registry);

/// Emits `program`, which `checkProgram` accepted.
OwningOpRef<ModuleOp> emitModule(const Program &program,
                                 SourceLocator &locator);

/// Parses the main file of `sourceMgr`, the files it imports (added to
/// `sourceMgr`, so that diagnostics show their lines), checks and emits
/// them. Returns null after reporting errors through the context.
OwningOpRef<ModuleOp> importVx(llvm::SourceMgr &sourceMgr,
                               MLIRContext *context);

/// Registers `--import-vx` with mlir-translate.
void registerImportVxTranslation();

} // namespace vx
} // namespace vortex
} // namespace mlir

#endif // VORTEX_FRONTEND_MLIRGEN_H
