//===- GpuVectorizeElementwise.cpp - 16-byte accesses for elementwise ops -===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//

#include "Vortex/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
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
/// one-dimensional elementwise op on contiguous buffers of plain numbers no
/// wider than `width` bytes.
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
  return width / widest;
}

namespace {
struct VxGpuVectorizeElementwisePass
    : mlir::vortex::impl::VxGpuVectorizeElementwisePassBase<
          VxGpuVectorizeElementwisePass> {
  using Base::Base;

  void runOnOperation() override {
    if (threads < 1 || threads > 1024 || vectorsPerThread < 1 ||
        vectorsPerThread > 16 || width < 1 || width > 16 ||
        !llvm::isPowerOf2_64(width)) {
      getOperation().emitError()
          << "vx-gpu-vectorize-elementwise needs 1 to 1024 threads, 1 to 16 "
             "vectors per thread and a width of 1, 2, 4, 8 or 16 bytes, got "
          << threads << ", " << vectorsPerThread << " and " << width;
      return signalPassFailure();
    }
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

    // Aligned: one kernel over the first size - size % lanes elements in
    // vectors, then the rest one by one. A block takes `threads` *
    // `vectorsPerThread` consecutive vectors; a thread's vectors lie `threads`
    // apart, so that each warp access covers 32 consecutive vectors.
    rewriter.setInsertionPointToStart(&branch.getThenRegion().front());
    Value numVectors = arith::DivUIOp::create(rewriter, loc, size, step);
    Value vectorEnd = arith::MulIOp::create(rewriter, loc, numVectors, step);
    Value one = arith::ConstantIndexOp::create(rewriter, loc, 1);
    Value perBlock =
        arith::ConstantIndexOp::create(rewriter, loc, threads * vectorsPerThread);
    Value blocks =
        arith::CeilDivUIOp::create(rewriter, loc, numVectors, perBlock);
    Value threadCount =
        vectorsPerThread == 1
            ? perBlock
            : arith::ConstantIndexOp::create(rewriter, loc, threads);
    auto launch = gpu::LaunchOp::create(rewriter, loc, blocks, one, one,
                                        threadCount, one, one);
    rewriter.setInsertionPointToStart(&launch.getBody().front());
    Value first = arith::AddIOp::create(
        rewriter, loc,
        arith::MulIOp::create(rewriter, loc, launch.getBlockIds().x, perBlock),
        launch.getThreadIds().x);
    auto vectorIndex = [&](OpBuilder &b, Location l, int64_t k) -> Value {
      if (k == 0)
        return first;
      return arith::AddIOp::create(
          b, l, first, arith::ConstantIndexOp::create(b, l, k * threads));
    };
    auto inRange = [&](OpBuilder &b, Location l, Value index) -> Value {
      return arith::CmpIOp::create(b, l, arith::CmpIPredicate::ult, index,
                                   numVectors);
    };
    Block &body = op.getRegion().front();
    auto outType = cast<MemRefType>(output.getType());
    // Loads every vector of `vectorIndices` first, then computes and stores
    // them: the loads of a thread are in flight together.
    auto emitVectors = [&](OpBuilder &b, Location l,
                           ArrayRef<Value> vectorIndices) {
      SmallVector<Value> offsets;
      SmallVector<SmallVector<Value>> loaded;
      for (Value index : vectorIndices) {
        Value offset = arith::MulIOp::create(b, l, index, step);
        offsets.push_back(offset);
        SmallVector<Value> &vectors = loaded.emplace_back();
        for (Value input : op.getDpsInputs()) {
          auto type = cast<MemRefType>(input.getType());
          auto vectorType = VectorType::get({lanes}, type.getElementType());
          vectors.push_back(vector::LoadOp::create(
              b, l, vectorType, input, offset, /*nontemporal=*/false,
              llvm::MaybeAlign(width)));
        }
      }
      for (auto [offset, vectors] : llvm::zip(offsets, loaded)) {
        SmallVector<Value> results;
        for (int64_t lane = 0; lane < lanes; ++lane) {
          IRMapping mapping;
          for (auto [arg, vec] : llvm::zip(op.getRegionInputArgs(), vectors))
            mapping.map(arg, vector::ExtractOp::create(b, l, vec, lane));
          for (Operation &inner : body.without_terminator())
            b.clone(inner, mapping);
          results.push_back(
              mapping.lookup(body.getTerminator()->getOperand(0)));
        }
        Value packed = vector::FromElementsOp::create(
            b, l, VectorType::get({lanes}, outType.getElementType()), results);
        vector::StoreOp::create(b, l, packed, output, offset,
                                /*nontemporal=*/false, llvm::MaybeAlign(width));
      }
    };
    // Threads whose vectors all lie in range take them together; the others
    // (in the last block) one by one.
    SmallVector<Value> all;
    for (int64_t k = 0; k < vectorsPerThread; ++k)
      all.push_back(vectorIndex(rewriter, loc, k));
    auto full = scf::IfOp::create(rewriter, loc, inRange(rewriter, loc, all.back()),
                                  /*withElse=*/vectorsPerThread > 1);
    {
      OpBuilder::InsertionGuard guard(rewriter);
      rewriter.setInsertionPointToStart(&full.getThenRegion().front());
      emitVectors(rewriter, loc, all);
      if (vectorsPerThread > 1) {
        rewriter.setInsertionPointToStart(&full.getElseRegion().front());
        for (Value index : ArrayRef(all).drop_back()) {
          auto part =
              scf::IfOp::create(rewriter, loc, inRange(rewriter, loc, index));
          OpBuilder::InsertionGuard inner(rewriter);
          rewriter.setInsertionPointToStart(&part.getThenRegion().front());
          emitVectors(rewriter, loc, index);
        }
      }
    }
    gpu::TerminatorOp::create(rewriter, loc);
    rewriter.setInsertionPointAfter(launch);
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
