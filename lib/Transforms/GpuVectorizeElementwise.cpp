//===- GpuVectorizeElementwise.cpp - 16-byte accesses for elementwise ops -===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//

#include "Vortex/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir::vortex {
#define GEN_PASS_DEF_VXGPUVECTORIZEELEMENTWISEPASS
#include "Vortex/Transforms/Passes.h.inc"
} // namespace mlir::vortex

using namespace mlir;

/// The number of elements per vector access, or 0 when `op` is not a
/// one-dimensional elementwise op on contiguous buffers of plain numbers.
static int64_t getLanes(linalg::GenericOp op, int64_t width) {
  if (op.getNumLoops() != 1 || op.getNumParallelLoops() != 1 ||
      !op.hasPureBufferSemantics() || op.getNumDpsInits() != 1 ||
      !llvm::all_of(op.getIndexingMapsArray(),
                    [](AffineMap map) { return map.isIdentity(); }))
    return 0;
  // The body must compute from the inputs alone.
  if (!op.getRegionOutputArgs().front().use_empty())
    return 0;
  int64_t widest = 0;
  for (Value operand : op->getOperands()) {
    auto type = dyn_cast<MemRefType>(operand.getType());
    if (!type || !type.getLayout().isIdentity() ||
        !type.getElementType().isIntOrFloat())
      return 0;
    int64_t bits = type.getElementTypeBitWidth();
    if (bits % 8 != 0)
      return 0;
    widest = std::max(widest, bits / 8);
  }
  int64_t lanes = width / widest;
  return lanes >= 2 ? lanes : 0;
}

namespace {
struct VxGpuVectorizeElementwisePass
    : mlir::vortex::impl::VxGpuVectorizeElementwisePassBase<
          VxGpuVectorizeElementwisePass> {
  using Base::Base;

  void runOnOperation() override {
    SmallVector<std::pair<linalg::GenericOp, int64_t>> candidates;
    getOperation().walk([&](linalg::GenericOp op) {
      if (int64_t lanes = getLanes(op, width))
        candidates.push_back({op, lanes});
    });
    IRRewriter rewriter(&getContext());
    for (auto [op, lanes] : candidates)
      vectorize(rewriter, op, lanes);
  }

  void vectorize(IRRewriter &rewriter, linalg::GenericOp op, int64_t lanes) {
    Location loc = op.getLoc();
    rewriter.setInsertionPoint(op);
    Value zero = arith::ConstantIndexOp::create(rewriter, loc, 0);
    Value step = arith::ConstantIndexOp::create(rewriter, loc, lanes);
    Value output = op.getDpsInits().front();
    Value size = memref::DimOp::create(rewriter, loc, output, 0);
    // Every buffer's address must be a multiple of the access width.
    Value aligned = arith::ConstantIntOp::create(rewriter, loc, 1, 1);
    Value mask = arith::ConstantIndexOp::create(rewriter, loc, width - 1);
    for (Value operand : op->getOperands()) {
      Value address = memref::ExtractAlignedPointerAsIndexOp::create(
          rewriter, loc, operand);
      Value low = arith::AndIOp::create(rewriter, loc, address, mask);
      Value isAligned = arith::CmpIOp::create(
          rewriter, loc, arith::CmpIPredicate::eq, low, zero);
      aligned = arith::AndIOp::create(rewriter, loc, aligned, isAligned);
    }
    auto branch = scf::IfOp::create(rewriter, loc, aligned, /*else=*/true);

    // Aligned: vectors over the first size - size % lanes elements, then the
    // rest one by one.
    rewriter.setInsertionPointToStart(&branch.getThenRegion().front());
    // The loop counts vectors with a unit step: scf-parallel-loop-tiling
    // mis-guards tiles of loops with other steps (no-min-max-bounds).
    Value numVectors = arith::DivUIOp::create(rewriter, loc, size, step);
    Value vectorEnd = arith::MulIOp::create(rewriter, loc, numVectors, step);
    Value one = arith::ConstantIndexOp::create(rewriter, loc, 1);
    Block &body = op.getRegion().front();
    auto vectorLoop = scf::ParallelOp::create(
        rewriter, loc, ValueRange{zero}, ValueRange{numVectors},
        ValueRange{one}, [&](OpBuilder &b, Location l, ValueRange vectorIvs) {
          Value ivs = arith::MulIOp::create(b, l, vectorIvs[0], step);
          SmallVector<Value> loaded;
          for (Value input : op.getDpsInputs()) {
            auto type = cast<MemRefType>(input.getType());
            auto vectorType = VectorType::get({lanes}, type.getElementType());
            loaded.push_back(vector::LoadOp::create(
                b, l, vectorType, input, ivs, /*nontemporal=*/false,
                llvm::MaybeAlign(width)));
          }
          SmallVector<Value> results;
          for (int64_t lane = 0; lane < lanes; ++lane) {
            IRMapping mapping;
            for (auto [arg, vec] :
                 llvm::zip(op.getRegionInputArgs(), loaded))
              mapping.map(arg, vector::ExtractOp::create(b, l, vec, lane));
            for (Operation &inner : body.without_terminator())
              b.clone(inner, mapping);
            results.push_back(
                mapping.lookup(body.getTerminator()->getOperand(0)));
          }
          auto outType = cast<MemRefType>(output.getType());
          Value packed = vector::FromElementsOp::create(
              b, l, VectorType::get({lanes}, outType.getElementType()),
              results);
          vector::StoreOp::create(b, l, packed, output, ivs,
                                  /*nontemporal=*/false,
                                  llvm::MaybeAlign(width));
        });
    (void)vectorLoop;
    rewriter.setInsertionPointAfter(vectorLoop);
    auto tail = cast<linalg::GenericOp>(rewriter.clone(*op));
    SmallVector<Value> tailOperands;
    for (Value operand : op->getOperands()) {
      Value length = arith::SubIOp::create(rewriter, loc, size, vectorEnd);
      tailOperands.push_back(memref::SubViewOp::create(
          rewriter, loc, operand, ArrayRef<OpFoldResult>{vectorEnd},
          ArrayRef<OpFoldResult>{length},
          ArrayRef<OpFoldResult>{rewriter.getIndexAttr(1)}));
    }
    rewriter.modifyOpInPlace(tail, [&] { tail->setOperands(tailOperands); });
    tail->moveAfter(tailOperands.back().getDefiningOp());

    // Unaligned: the op as it was.
    rewriter.setInsertionPointToStart(&branch.getElseRegion().front());
    Operation *fallback = rewriter.clone(*op);
    (void)fallback;
    rewriter.eraseOp(op);
  }
};
} // namespace
