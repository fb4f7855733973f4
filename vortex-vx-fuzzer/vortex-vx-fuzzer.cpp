//===- vortex-vx-fuzzer.cpp - libFuzzer target of the .vx frontend --------===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//
//
// Feeds arbitrary bytes through the lexer, the parser, semantic analysis and
// MLIRGen of one .vx file (imports are not followed). Diagnostics are the
// expected outcome of most inputs and are dropped; a crash, a sanitizer
// report, or IR that fails verification after Sema accepted the program is
// a bug.
//
//===----------------------------------------------------------------------===//

#include "Vortex/Frontend/MLIRGen.h"
#include "Vortex/Frontend/Parser.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"

#include <cstdint>
#include <cstdlib>

using namespace mlir;
using namespace mlir::vortex::vx;

static MLIRContext &getContext() {
  static MLIRContext *context = [] {
    DialectRegistry registry;
    registerFrontendDialects(registry);
    auto *ctx = new MLIRContext(registry, MLIRContext::Threading::DISABLED);
    ctx->loadAllAvailableDialects();
    return ctx;
  }();
  return *context;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  MLIRContext &context = getContext();
  ScopedDiagnosticHandler quiet(&context,
                                [](Diagnostic &) { return success(); });
  llvm::SourceMgr sourceMgr;
  sourceMgr.AddNewSourceBuffer(
      llvm::MemoryBuffer::getMemBufferCopy(
          llvm::StringRef(reinterpret_cast<const char *>(data), size),
          "fuzz.vx"),
      llvm::SMLoc());
  SourceLocator locator(sourceMgr, &context);
  Program program;
  program.modules.push_back(parseModule(locator, sourceMgr.getMainFileID()));
  if (locator.getNumErrors() || failed(checkProgram(program, locator)))
    return 0;
  if (!emitModule(program, locator))
    abort();
  return 0;
}
