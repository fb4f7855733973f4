//===- PtxConstantTime.h - constant-time check of PTX -----------*- C++ -*-===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//

#ifndef VORTEX_TARGET_PTXCONSTANTTIME_H
#define VORTEX_TARGET_PTXCONSTANTTIME_H

#include "mlir/Support/LLVM.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"

namespace llvm {
class SourceMgr;
class raw_ostream;
} // namespace llvm

namespace mlir {
namespace vortex {

/// The secret parameters of a kernel, by position in its PTX parameter
/// list: those whose value is secret, and the pointers whose memory holds
/// secrets.
struct PtxKernelSecrets {
  SmallVector<unsigned> values;
  SmallVector<unsigned> memory;
};

/// Follows the secret parameters of the kernels named in `kernels` through
/// the PTX module in buffer `bufferId` of `sourceMgr`, and reports (as
/// located errors, with the chain of registers as notes, on `diagnostics`)
/// every branch, early exit or predicated memory access on a secret
/// predicate, every memory address that depends on a secret, and every
/// variable-latency instruction on a secret. Writes one line per kernel to
/// `summary`. Fails if anything is reported, or if the PTX cannot be read
/// or lacks a kernel of `kernels`.
LogicalResult
checkPtxConstantTime(llvm::SourceMgr &sourceMgr, unsigned bufferId,
                     const llvm::StringMap<PtxKernelSecrets> &kernels,
                     llvm::raw_ostream &summary,
                     llvm::raw_ostream &diagnostics);

/// Registers `--vx-ct-check-ptx` with mlir-translate: the PTX check of the
/// gpu.binary ops (format=isa) of a module from `vortex-opt --vx-to-gpu`,
/// with the secret kernel parameters that the pipeline recorded in
/// `vx_ct.kernel_secrets`, or of a .ptx file, with the secret parameters
/// given by `--secret-params=KERNEL:I,J` (values) and
/// `--secret-memory=KERNEL:I,J` (pointers to memory that holds secrets).
void registerPtxConstantTimeCheck();

} // namespace vortex
} // namespace mlir

#endif // VORTEX_TARGET_PTXCONSTANTTIME_H
