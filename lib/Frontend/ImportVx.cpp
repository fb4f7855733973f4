//===- ImportVx.cpp - The .vx frontend as a translation -------------------===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//
//
// Drives the frontend: parses the main file and, transitively, the files it
// imports (each once, whatever the import graph), then checks and emits the
// program. Imported files join the source manager, so diagnostics in them
// show their source lines too.
//
//===----------------------------------------------------------------------===//

#include "Vortex/Frontend/MLIRGen.h"
#include "Vortex/Frontend/Parser.h"

#include "mlir/IR/MLIRContext.h"
#include "mlir/Tools/mlir-translate/Translation.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

using namespace mlir;
using namespace mlir::vortex::vx;

/// A name for a file that is the same for every path that reaches it.
static std::string canonicalPath(llvm::StringRef path) {
  llvm::SmallString<256> real;
  if (!llvm::sys::fs::real_path(path, real))
    return std::string(real);
  llvm::SmallString<256> absolute(path);
  llvm::sys::fs::make_absolute(absolute);
  llvm::sys::path::remove_dots(absolute, /*remove_dot_dot=*/true);
  return std::string(absolute);
}

OwningOpRef<ModuleOp> mlir::vortex::vx::importVx(llvm::SourceMgr &sourceMgr,
                                                 MLIRContext *context) {
  DialectRegistry registry;
  registerFrontendDialects(registry);
  context->appendDialectRegistry(registry);
  context->loadAllAvailableDialects();

  SourceLocator locator(sourceMgr, context);
  Program program;
  llvm::StringSet<> loaded;
  unsigned mainId = sourceMgr.getMainFileID();
  loaded.insert(
      canonicalPath(sourceMgr.getMemoryBuffer(mainId)->getBufferIdentifier()));
  program.modules.push_back(parseModule(locator, mainId));
  // Modules are appended while their imports are followed.
  for (size_t i = 0; i < program.modules.size(); ++i) {
    std::vector<ImportDecl> imports = program.modules[i]->imports;
    llvm::StringRef importer =
        sourceMgr.getMemoryBuffer(program.modules[i]->bufferId)
            ->getBufferIdentifier();
    for (const ImportDecl &import : imports) {
      llvm::SmallString<256> path(import.path);
      if (llvm::sys::path::is_relative(path)) {
        path = llvm::sys::path::parent_path(importer);
        llvm::sys::path::append(path, import.path);
      }
      if (!loaded.insert(canonicalPath(path)).second)
        continue;
      // Devices and pipes could block or never end.
      llvm::sys::fs::file_status status;
      if (!llvm::sys::fs::status(path, status) &&
          !llvm::sys::fs::is_regular_file(status)) {
        locator.emitError(import.range, "cannot import '" + import.path +
                                            "': not a regular file");
        continue;
      }
      llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> buffer =
          llvm::MemoryBuffer::getFile(path, /*IsText=*/true);
      if (!buffer) {
        locator.emitError(import.range, "cannot open '" + import.path + "': " +
                                            buffer.getError().message());
        continue;
      }
      unsigned id =
          sourceMgr.AddNewSourceBuffer(std::move(*buffer), llvm::SMLoc());
      program.modules.push_back(parseModule(locator, id));
    }
  }
  if (locator.getNumErrors() || failed(checkProgram(program, locator)))
    return nullptr;
  return emitModule(program, locator);
}

void mlir::vortex::vx::registerImportVxTranslation() {
  TranslateToMLIRRegistration registration(
      "import-vx", "translate a .vx program to vx IR",
      [](const std::shared_ptr<llvm::SourceMgr> &sourceMgr,
         MLIRContext *context) -> OwningOpRef<Operation *> {
        return importVx(*sourceMgr, context);
      },
      registerFrontendDialects);
}
