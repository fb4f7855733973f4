//===- RowReductions.h - what the row-reduction passes share -----*- C++ -*-===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//
//
// Recognizing the combining op of a reduction `linalg.generic` and its
// identity, for vx-gpu-row-kernels and vx-gpu-row-reductions.
//
//===----------------------------------------------------------------------===//

#ifndef VORTEX_LIB_TRANSFORMS_ROWREDUCTIONS_H
#define VORTEX_LIB_TRANSFORMS_ROWREDUCTIONS_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "llvm/ADT/TypeSwitch.h"

#include <optional>

namespace mlir::vortex {

/// The all-reduce kind of the op that combines into the accumulator, when
/// the body is `yield combine(f(inputs), acc)` (in either operand order).
inline std::optional<gpu::AllReduceOperation>
getCombiner(linalg::GenericOp op, Operation *&combiner) {
  Block &body = op.getRegion().front();
  Value yielded = body.getTerminator()->getOperand(0);
  combiner = yielded.getDefiningOp();
  BlockArgument acc = op.getRegionOutputArgs().front();
  if (!combiner || combiner->getBlock() != &body ||
      combiner->getNumOperands() != 2 ||
      !llvm::is_contained(combiner->getOperands(), Value(acc)) ||
      !acc.hasOneUse() || combiner->getOperand(0) == combiner->getOperand(1))
    return std::nullopt;
  return llvm::TypeSwitch<Operation *, std::optional<gpu::AllReduceOperation>>(
             combiner)
      .Case<arith::AddFOp, arith::AddIOp>(
          [](auto) { return gpu::AllReduceOperation::ADD; })
      .Case<arith::MaximumFOp>(
          [](auto) { return gpu::AllReduceOperation::MAXIMUMF; })
      .Case<arith::MinimumFOp>(
          [](auto) { return gpu::AllReduceOperation::MINIMUMF; })
      .Case<arith::MaxSIOp>([](auto) { return gpu::AllReduceOperation::MAXSI; })
      .Case<arith::MinSIOp>([](auto) { return gpu::AllReduceOperation::MINSI; })
      .Default([](Operation *) { return std::nullopt; });
}

/// The identity of `kind` in `type`.
inline TypedAttr getIdentity(OpBuilder &b, gpu::AllReduceOperation kind,
                             Type type) {
  if (auto f = dyn_cast<FloatType>(type)) {
    const llvm::fltSemantics &sem = f.getFloatSemantics();
    if (kind == gpu::AllReduceOperation::MAXIMUMF)
      return b.getFloatAttr(type, APFloat::getInf(sem, /*Negative=*/true));
    if (kind == gpu::AllReduceOperation::MINIMUMF)
      return b.getFloatAttr(type, APFloat::getInf(sem, /*Negative=*/false));
    return b.getFloatAttr(type, 0.0);
  }
  unsigned width = type.getIntOrFloatBitWidth();
  if (kind == gpu::AllReduceOperation::MAXSI)
    return b.getIntegerAttr(type, APInt::getSignedMinValue(width));
  if (kind == gpu::AllReduceOperation::MINSI)
    return b.getIntegerAttr(type, APInt::getSignedMaxValue(width));
  return b.getIntegerAttr(type, 0);
}

} // namespace mlir::vortex

#endif // VORTEX_LIB_TRANSFORMS_ROWREDUCTIONS_H
