//===- KernelSignatures.h - describe a module's kernels -----------*- C++ -*-===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//

#ifndef VORTEX_TARGET_KERNELSIGNATURES_H
#define VORTEX_TARGET_KERNELSIGNATURES_H

#include "mlir/Support/LLVM.h"

#include <string>

namespace llvm::json {
class OStream;
} // namespace llvm::json

namespace mlir {
class Type;
namespace func {
class FuncOp;
} // namespace func
namespace vortex {

/// The element name the runtimes use for `type` ("f32", "bf16", "i32",
/// "index", "i256", ...), or "" for a type they cannot pass.
std::string kernelElementName(Type type);

/// Writes the "arguments" and "results" attributes of `func`'s signature
/// into the JSON object being written: tensors as {"kind": "tensor",
/// "shape": [...], "element": ...} with -1 for dynamic sizes, scalars as
/// {"kind": "scalar", "element": ...}. Reports an error on the function for
/// a type the runtimes cannot pass.
LogicalResult writeKernelSignature(func::FuncOp func, llvm::json::OStream &json);

/// Registers `--vx-kernel-signatures` with mlir-translate: a JSON description
/// of the public functions of a module (before lowering), which the runtimes
/// use to call the compiled `_mlir_ciface_` entry points with memref
/// descriptors and to check the arrays they are given.
void registerKernelSignaturesTranslation();

} // namespace vortex
} // namespace mlir

#endif // VORTEX_TARGET_KERNELSIGNATURES_H
