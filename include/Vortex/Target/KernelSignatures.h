//===- KernelSignatures.h - describe a module's kernels -----------*- C++ -*-===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//

#ifndef VORTEX_TARGET_KERNELSIGNATURES_H
#define VORTEX_TARGET_KERNELSIGNATURES_H

namespace mlir {
namespace vortex {

/// Registers `--vx-kernel-signatures` with mlir-translate: a JSON description
/// of the public functions of a module (before lowering), which the runtimes
/// use to call the compiled `_mlir_ciface_` entry points with memref
/// descriptors and to check the arrays they are given.
void registerKernelSignaturesTranslation();

} // namespace vortex
} // namespace mlir

#endif // VORTEX_TARGET_KERNELSIGNATURES_H
