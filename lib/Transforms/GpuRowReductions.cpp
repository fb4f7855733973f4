//===- GpuRowReductions.cpp - a block per reduced row ---------------------===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//

#include "RowReductions.h"
#include "Vortex/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlow.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/GPU/Transforms/Passes.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "llvm/ADT/TypeSwitch.h"

namespace mlir::vortex {
#define GEN_PASS_DEF_VXGPUROWREDUCTIONSPASS
#define GEN_PASS_DEF_VXGPULOWERALLREDUCEPASS
#include "Vortex/Transforms/Passes.h.inc"
} // namespace mlir::vortex

using namespace mlir;
using namespace mlir::vortex;

namespace {
struct VxGpuRowReductionsPass
    : mlir::vortex::impl::VxGpuRowReductionsPassBase<VxGpuRowReductionsPass> {
  using Base::Base;

  void runOnOperation() override {
    SmallVector<linalg::GenericOp> candidates;
    getOperation().walk([&](linalg::GenericOp op) {
      unsigned loops = op.getNumLoops();
      Operation *combiner;
      if (loops >= 2 && op.hasPureBufferSemantics() &&
          op.getNumDpsInits() == 1 && op.getNumReductionLoops() == 1 &&
          op.getIteratorTypesArray().back() == utils::IteratorType::reduction &&
          getCombiner(op, combiner))
        candidates.push_back(op);
    });
    IRRewriter rewriter(&getContext());
    for (linalg::GenericOp op : candidates)
      mapOntoBlocks(rewriter, op);
  }

  void mapOntoBlocks(IRRewriter &rewriter, linalg::GenericOp op) {
    Location loc = op.getLoc();
    Operation *combiner;
    gpu::AllReduceOperation kind = *getCombiner(op, combiner);
    rewriter.setInsertionPoint(op);
    // Loop sizes from the operands' shapes.
    SmallVector<OpFoldResult> sizes =
        cast<linalg::LinalgOp>(op.getOperation())
            .createFlatListOfOperandDims(rewriter, loc);
    AffineMap shapesToLoops = op.getShapesToLoopsMap();
    SmallVector<Value> bounds;
    for (AffineExpr expr : shapesToLoops.getResults()) {
      OpFoldResult size = affine::makeComposedFoldedAffineApply(
          rewriter, loc, AffineMap::get(shapesToLoops.getNumDims(), 0, expr),
          sizes);
      bounds.push_back(getValueOrCreateConstantIndexOp(rewriter, loc, size));
    }
    unsigned rank = bounds.size();
    Value one = arith::ConstantIndexOp::create(rewriter, loc, 1);
    Value rows = one;
    for (unsigned d = 0; d + 1 < rank; ++d)
      rows = arith::MulIOp::create(rewriter, loc, rows, bounds[d]);
    Value threads = arith::ConstantIndexOp::create(rewriter, loc, blockSize);
    auto launch =
        gpu::LaunchOp::create(rewriter, loc, rows, one, one, threads, one, one);
    rewriter.setInsertionPointToStart(&launch.getBody().front());

    // The block's row, as indices of the parallel loops.
    SmallVector<Value> ivs(rank);
    Value linear = launch.getBlockIds().x;
    for (int d = rank - 2; d >= 0; --d) {
      ivs[d] = arith::RemUIOp::create(rewriter, loc, linear, bounds[d]);
      linear = arith::DivUIOp::create(rewriter, loc, linear, bounds[d]);
    }
    Block &body = op.getRegion().front();
    BlockArgument accArg = op.getRegionOutputArgs().front();
    Type accType = accArg.getType();
    Value identity = arith::ConstantOp::create(
        rewriter, loc, getIdentity(rewriter, kind, accType));

    // The indices of `operand` at the loop position `ivs`.
    auto indicesOf = [&](OpBuilder &b, Location l, OpOperand &operand) {
      SmallVector<Value> indices;
      for (AffineExpr expr : op.getMatchingIndexingMap(&operand).getResults())
        indices.push_back(affine::makeComposedAffineApply(
                              b, l, AffineMap::get(rank, 0, expr),
                              getAsOpFoldResult(ivs))
                              .getResult());
      return indices;
    };
    auto load = [&](OpBuilder &b, Location l, OpOperand &operand) -> Value {
      return memref::LoadOp::create(b, l, operand.get(),
                                    indicesOf(b, l, operand));
    };
    // Each thread folds its elements of the row with the body.
    auto loop = scf::ForOp::create(
        rewriter, loc, launch.getThreadIds().x, bounds[rank - 1], threads,
        ValueRange{identity},
        [&](OpBuilder &b, Location l, Value k, ValueRange iter) {
          ivs[rank - 1] = k;
          IRMapping mapping;
          for (auto [arg, operand] :
               llvm::zip(op.getRegionInputArgs(), op.getDpsInputOperands()))
            mapping.map(arg, load(b, l, *operand));
          mapping.map(accArg, iter[0]);
          for (Operation &inner : body.without_terminator())
            b.clone(inner, mapping);
          scf::YieldOp::create(
              b, l, mapping.lookup(body.getTerminator()->getOperand(0)));
        });
    Value total = gpu::AllReduceOp::create(
        rewriter, loc, loop.getResult(0),
        gpu::AllReduceOperationAttr::get(rewriter.getContext(), kind),
        rewriter.getUnitAttr());
    // Thread 0 folds the total into what the output held (the fill).
    Value zero = arith::ConstantIndexOp::create(rewriter, loc, 0);
    Value first = arith::CmpIOp::create(rewriter, loc, arith::CmpIPredicate::eq,
                                        launch.getThreadIds().x, zero);
    scf::IfOp::create(rewriter, loc, first, [&](OpBuilder &b, Location l) {
      ivs[rank - 1] = zero;
      OpOperand &out = op.getDpsInitsMutable()[0];
      Value init = load(b, l, out);
      IRMapping mapping;
      mapping.map(combiner->getOperand(0) == accArg ? combiner->getOperand(1)
                                                    : combiner->getOperand(0),
                  total);
      mapping.map(accArg, init);
      Value result = b.clone(*combiner, mapping)->getResult(0);
      memref::StoreOp::create(b, l, result, out.get(), indicesOf(b, l, out));
      scf::YieldOp::create(b, l);
    });
    gpu::TerminatorOp::create(rewriter, loc);
    rewriter.eraseOp(op);
  }
};

struct VxGpuLowerAllReducePass
    : mlir::vortex::impl::VxGpuLowerAllReducePassBase<
          VxGpuLowerAllReducePass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    populateGpuAllReducePatterns(patterns);
    populateGpuLowerSubgroupReduceToShufflePatterns(patterns,
                                                    /*subgroupSize=*/32);
    populateGpuLowerClusteredSubgroupReduceToShufflePatterns(
        patterns, /*subgroupSize=*/32);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace
