//===- Parser.h - Parser of the .vx language --------------------*- C++ -*-===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//
//
// A recursive-descent parser. It recovers from an error at the next statement
// or declaration, so one run reports every syntax error of a file it can
// tell apart.
//
//===----------------------------------------------------------------------===//

#ifndef VORTEX_FRONTEND_PARSER_H
#define VORTEX_FRONTEND_PARSER_H

#include "Vortex/Frontend/AST.h"
#include "Vortex/Frontend/Diagnostics.h"

namespace mlir {
namespace vortex {
namespace vx {

/// Parses buffer `bufferId` of the locator's source manager. Always returns a
/// module (with what could be parsed); errors are reported through `locator`.
std::unique_ptr<Module> parseModule(SourceLocator &locator, unsigned bufferId);

} // namespace vx
} // namespace vortex
} // namespace mlir

#endif // VORTEX_FRONTEND_PARSER_H
