//===- vortex-opt.cpp - Vortex optimizer driver ---------------------------===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//
//
// mlir-opt with the vx dialects, Vortex's passes and pipelines, and the
// upstream dialects and passes that Vortex lowers through.
//
//===----------------------------------------------------------------------===//

#include "Vortex/InitAll.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  mlir::DialectRegistry registry;
  mlir::vortex::registerAllDialects(registry);
  mlir::vortex::registerAllPasses();
  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "Vortex optimizer driver\n", registry));
}
