//===- vortex-lsp-server.cpp - language server for vx IR ------------------===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//
//
// The MLIR language server with the dialects of vortex-opt, so that an editor
// gets diagnostics, hover and go-to-definition on IR that uses the vx
// dialects.
//
//===----------------------------------------------------------------------===//

#include "Vortex/InitAll.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/mlir-lsp-server/MlirLspServerMain.h"

int main(int argc, char **argv) {
  mlir::DialectRegistry registry;
  mlir::vortex::registerAllDialects(registry);
  return mlir::failed(mlir::MlirLspServerMain(argc, argv, registry));
}
