//===- KernelArtifact.h - kernels and launch plans in one file ----*- C++
//-*-===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//

#ifndef VORTEX_TARGET_KERNELARTIFACT_H
#define VORTEX_TARGET_KERNELARTIFACT_H

namespace mlir {
namespace vortex {

/// Registers `--vx-kernel-artifact` with mlir-translate: compiles a vx module
/// as `--vx-to-gpu` does (options through `--vx-to-gpu-options`) and writes
/// one self-describing JSON file holding, per public function, its signature
/// and a launch plan (the host code after kernel outlining, as a small SSA
/// program the runtime interprets), and per kernel module its binary and
/// the parameter layout of its kernels. docs/Runtime.md describes the
/// format; libvortex_runtime.so loads it (vortexArtifactLoad).
void registerKernelArtifactTranslation();

} // namespace vortex
} // namespace mlir

#endif // VORTEX_TARGET_KERNELARTIFACT_H
