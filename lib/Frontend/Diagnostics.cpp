//===- Diagnostics.cpp - Source locations of the .vx frontend -------------===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//

#include "Vortex/Frontend/Diagnostics.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/Support/MemoryBuffer.h"

using namespace mlir;
using namespace mlir::vortex::vx;

Location SourceLocator::getLoc(llvm::SMRange range) const {
  unsigned id = sourceMgr.FindBufferContainingLoc(range.Start);
  if (!id)
    return UnknownLoc::get(context);
  StringRef file = sourceMgr.getMemoryBuffer(id)->getBufferIdentifier();
  auto [line, col] = sourceMgr.getLineAndColumn(range.Start, id);
  if (range.End.isValid() &&
      range.End.getPointer() > range.Start.getPointer() &&
      sourceMgr.FindBufferContainingLoc(range.End) == id) {
    auto [endLine, endCol] = sourceMgr.getLineAndColumn(range.End, id);
    return FileLineColRange::get(context, file, line, col, endLine, endCol);
  }
  return FileLineColLoc::get(context, file, line, col);
}

InFlightDiagnostic SourceLocator::emitError(llvm::SMRange range,
                                            const llvm::Twine &message) {
  ++numErrors;
  return mlir::emitError(getLoc(range), message);
}
