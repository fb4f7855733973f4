//===- Diagnostics.h - Source locations of the .vx frontend -----*- C++ -*-===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//
//
// Every stage of the frontend reports through the MLIRContext, at locations
// built from the .vx source ranges: the same FileLineColRange locations that
// the generated IR carries, so that a handler attached to the source manager
// prints `file:line:col`, the source line and a caret, and
// `--verify-diagnostics` can match `expected-error` comments in .vx files.
//
//===----------------------------------------------------------------------===//

#ifndef VORTEX_FRONTEND_DIAGNOSTICS_H
#define VORTEX_FRONTEND_DIAGNOSTICS_H

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Location.h"
#include "llvm/Support/SourceMgr.h"

namespace mlir {
namespace vortex {
namespace vx {

class SourceLocator {
public:
  SourceLocator(llvm::SourceMgr &sourceMgr, MLIRContext *context)
      : sourceMgr(sourceMgr), context(context) {}

  /// The location of a source range (a FileLineColLoc when it is empty).
  Location getLoc(llvm::SMRange range) const;
  Location getLoc(llvm::SMLoc loc) const { return getLoc({loc, loc}); }

  /// Reports an error and counts it.
  InFlightDiagnostic emitError(llvm::SMRange range, const llvm::Twine &message);
  unsigned getNumErrors() const { return numErrors; }

  llvm::SourceMgr &getSourceMgr() const { return sourceMgr; }
  MLIRContext *getContext() const { return context; }

private:
  llvm::SourceMgr &sourceMgr;
  MLIRContext *context;
  unsigned numErrors = 0;
};

} // namespace vx
} // namespace vortex
} // namespace mlir

#endif // VORTEX_FRONTEND_DIAGNOSTICS_H
