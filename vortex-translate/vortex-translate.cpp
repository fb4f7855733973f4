//===- vortex-translate.cpp - Vortex translation driver -------------------===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//
//
// mlir-translate for Vortex: translations out of MLIR (LLVM IR for the host
// code that vx-to-gpu and vx-to-cpu produce, the JSON signatures of a
// module's kernels, kernel artifacts, the constant-time check of their PTX)
// and into it (LLVM IR, and .vx programs through the frontend: `--import-vx`).
//
//===----------------------------------------------------------------------===//

#include "Vortex/Frontend/MLIRGen.h"
#include "Vortex/Target/KernelArtifact.h"
#include "Vortex/Target/KernelSignatures.h"
#include "Vortex/Target/PtxConstantTime.h"

#include "mlir/InitAllTranslations.h"
#include "mlir/Tools/mlir-translate/MlirTranslateMain.h"

int main(int argc, char **argv) {
  mlir::registerToLLVMIRTranslation();
  mlir::registerFromLLVMIRTranslation();
  mlir::vortex::registerKernelSignaturesTranslation();
  mlir::vortex::registerKernelArtifactTranslation();
  mlir::vortex::registerPtxConstantTimeCheck();
  mlir::vortex::vx::registerImportVxTranslation();
  return mlir::failed(
      mlir::mlirTranslateMain(argc, argv, "Vortex translation driver\n"));
}
