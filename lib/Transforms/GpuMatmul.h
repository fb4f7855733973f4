//===- GpuMatmul.h - matching and epilogues of matmul kernels ----*- C++ -*-===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//
//
// What the tensor-core matmul passes share: the contractions they take (a
// zero-filled f32 accumulator of a 16-bit matmul on buffers), the
// elementwise op that reads the accumulator and is fused into the kernel's
// store, the host values of the problem's sizes, and the computation of one
// epilogue element from an accumulator register. Each pass keeps its own
// kernel: how tiles are loaded, multiplied and which registers hold which
// element.
//
//===----------------------------------------------------------------------===//

#ifndef VORTEX_LIB_TRANSFORMS_GPUMATMUL_H
#define VORTEX_LIB_TRANSFORMS_GPUMATMUL_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/ImplicitLocOpBuilder.h"

#include <optional>

namespace mlir::vortex::gpu_matmul {

/// A matmul on buffers and what is fused with it.
struct MatmulPlan {
  linalg::LinalgOp matmul;
  linalg::FillOp fill;
  /// The elementwise op that reads the accumulator, or null (the kernel
  /// then stores the accumulator itself).
  linalg::GenericOp epilogue;
  /// The epilogue iterates over a one-dimensional view of the accumulator
  /// (vx-flatten-elementwise), not over its dimensions.
  bool flatEpilogue = false;
  Value lhs, rhs, acc;
  unsigned batchDims = 0;
  bool rhsBatched = false;
  bool lhsKMajor = true, rhsKMajor = false;
  Type elementType;

  /// Bytes per operand element: 2, or 4 for f32 (tf32 tensor cores).
  int64_t elementBytes() const { return elementType.isF32() ? 4 : 2; }
  /// K of one 128-byte swizzle row (the Hopper kernel's stage) and of one
  /// wgmma (32 bytes).
  int64_t blockK() const { return 128 / elementBytes(); }
  int64_t mmaK() const { return 32 / elementBytes(); }
};

/// Whether `v` is a memref with the identity layout.
bool isContiguous(Value v);

/// Matches the contraction itself: one m, n and k dimension, any number of
/// batch dimensions leading every operand (or absent from rhs), 16-bit
/// float operands (or f32 ones when `tf32`) and an f32 accumulator,
/// contiguous buffers.
std::optional<MatmulPlan> matchContraction(linalg::LinalgOp op,
                                           bool tf32 = false);

/// The zero fill of `acc` right before `matmul` in its block, if any.
linalg::FillOp findFill(const MatmulPlan &plan);

/// The elementwise consumer of the accumulator that a kernel can apply in
/// registers: all loops parallel, the accumulator read at the output's own
/// index (over its dimensions, or over one-dimensional views of both), other
/// operands read through projected permutations, no index ops. Every other
/// use of the accumulator must be its fill, the matmul, or a dealloc. Sets
/// `plan.flatEpilogue`.
linalg::GenericOp findEpilogue(MatmulPlan &plan);

/// The kernel runs where the epilogue was, later than the matmul: nothing
/// in between may write the operands, and their deallocations (which
/// bufferization puts right after their last use) move past the epilogue.
/// False, with nothing changed, when something in between writes memory
/// that may be an operand.
bool moveFreesPastEpilogue(MatmulPlan &plan);

/// The matmuls under `root` that a kernel can take, each with the zero fill
/// of its accumulator and, where it can be fused, its epilogue (whose
/// operands' deallocations then move past it).
SmallVector<MatmulPlan> collectPlans(Operation *root, bool tf32 = false);

/// Index arithmetic with an implicit location.
struct Ix {
  ImplicitLocOpBuilder &b;
  Value c(int64_t v) { return arith::ConstantIndexOp::create(b, v); }
  Value add(Value x, Value y) { return arith::AddIOp::create(b, x, y); }
  Value sub(Value x, Value y) { return arith::SubIOp::create(b, x, y); }
  Value mul(Value x, Value y) { return arith::MulIOp::create(b, x, y); }
  Value div(Value x, Value y) { return arith::DivUIOp::create(b, x, y); }
  Value rem(Value x, Value y) { return arith::RemUIOp::create(b, x, y); }
  Value min(Value x, Value y) { return arith::MinUIOp::create(b, x, y); }
  Value max(Value x, Value y) { return arith::MaxUIOp::create(b, x, y); }
  Value ceilDiv(Value x, int64_t y) { return div(add(x, c(y - 1)), c(y)); }
  Value ult(Value x, Value y) {
    return arith::CmpIOp::create(b, arith::CmpIPredicate::ult, x, y);
  }
  Value eq(Value x, Value y) {
    return arith::CmpIOp::create(b, arith::CmpIPredicate::eq, x, y);
  }
  Value andi(Value x, Value y) { return arith::AndIOp::create(b, x, y); }
  Value i64(Value x) {
    return arith::IndexCastUIOp::create(b, b.getI64Type(), x);
  }
};

/// Host values that the kernel variants read.
struct Problem {
  Value batch, m, n, k; // batch: product of the batch dimensions
  SmallVector<Value> batchSizes;
  Value lhs3, rhs3; // operands with their batch dimensions collapsed
};

/// The sizes of `plan`'s problem and its operands with the batch dimensions
/// collapsed, computed at `b`'s point.
Problem buildProblem(ImplicitLocOpBuilder &b, const MatmulPlan &plan);

/// Whether both operands can be read in 16-byte pieces (16-byte aligned,
/// innermost size a multiple of 8 elements) and the problem is not empty:
/// what TMA and 16-byte cp.async need.
Value copyableIn16Bytes(ImplicitLocOpBuilder &b, const MatmulPlan &plan,
                        const Problem &p);

/// Whether neighbouring columns of the stored buffer can be written as one
/// 4-byte access: N even and the buffer 4-byte aligned.
Value pairedStores(ImplicitLocOpBuilder &b, const MatmulPlan &plan,
                   const Problem &p);

/// A memref with the batch dimensions of `v` collapsed into one, or `v`
/// itself when it has at most one.
Value collapseBatch(ImplicitLocOpBuilder &b, Value v, unsigned batchDims);

/// Clones the fill, the matmul and the epilogue of `plan`, those selected,
/// at `b`'s point.
void cloneOriginal(OpBuilder &b, const MatmulPlan &plan, bool fill,
                   bool matmul, bool epilogue);

/// The indices of the batch dimensions of the accumulator for the collapsed
/// batch index `batchIndex`.
SmallVector<Value> batchIndices(ImplicitLocOpBuilder &b, const Problem &p,
                                Value batchIndex);

/// The buffer that the kernel stores into: the epilogue's output, or the
/// accumulator without an epilogue.
Value storedBuffer(const MatmulPlan &plan);

/// The epilogue's body on the element at (`batchIdx`..., `row`, `col`)
/// whose accumulator is `v`: returns the value to store, sets `out` and
/// `outIndices` to where. Without an epilogue, `v` into the accumulator.
Value epilogueElement(ImplicitLocOpBuilder &b, const MatmulPlan &plan,
                      const Problem &p, ArrayRef<Value> batchIdx, Value v,
                      Value row, Value col, Value &out,
                      SmallVector<Value> &outIndices);

/// Stores a tile of the result at `b`'s point: when `full` (the tile lies
/// inside the result) through `storeFull`, with pairs of 16-bit columns as
/// one access when the result has 16-bit elements and `paired` holds at run
/// time; otherwise through `storeMasked`.
void emitTileStore(ImplicitLocOpBuilder &b, const MatmulPlan &plan,
                   Value full, Value paired,
                   function_ref<void(ImplicitLocOpBuilder &, bool)> storeFull,
                   function_ref<void(ImplicitLocOpBuilder &)> storeMasked);

} // namespace mlir::vortex::gpu_matmul

#endif // VORTEX_LIB_TRANSFORMS_GPUMATMUL_H
