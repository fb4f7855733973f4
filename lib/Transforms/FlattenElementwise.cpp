//===- FlattenElementwise.cpp - collapse elementwise linalg ops -----------===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//

#include "Vortex/Transforms/Passes.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::vortex {
#define GEN_PASS_DEF_VXFLATTENELEMENTWISEPASS
#include "Vortex/Transforms/Passes.h.inc"
} // namespace mlir::vortex

using namespace mlir;

namespace {
struct FlattenElementwise : OpRewritePattern<linalg::GenericOp> {
  using OpRewritePattern::OpRewritePattern;

  /// A rank-0 op has no loop to map; it runs as one iteration over
  /// one-element views.
  static LogicalResult expandScalar(linalg::GenericOp op,
                                    PatternRewriter &rewriter) {
    Location loc = op.getLoc();
    auto view = [&](Value operand) -> Value {
      auto type = cast<MemRefType>(operand.getType());
      auto oneElement = MemRefType::get({1}, type.getElementType(),
                                        MemRefLayoutAttrInterface(),
                                        type.getMemorySpace());
      return memref::ExpandShapeOp::create(rewriter, loc, oneElement, operand,
                                           ArrayRef<ReassociationIndices>{});
    };
    SmallVector<Value> inputs = llvm::map_to_vector(op.getDpsInputs(), view);
    SmallVector<Value> outputs =
        llvm::map_to_vector(op.getDpsInits(), view);
    AffineMap identity = rewriter.getMultiDimIdentityMap(1);
    auto flat = linalg::GenericOp::create(
        rewriter, loc, TypeRange{}, inputs, outputs,
        SmallVector<AffineMap>(inputs.size() + outputs.size(), identity),
        {utils::IteratorType::parallel});
    rewriter.inlineRegionBefore(op.getRegion(), flat.getRegion(),
                                flat.getRegion().begin());
    rewriter.eraseOp(op);
    return success();
  }

  LogicalResult matchAndRewrite(linalg::GenericOp op,
                                PatternRewriter &rewriter) const override {
    unsigned rank = op.getNumLoops();
    if (rank == 1 || !op.hasPureBufferSemantics() ||
        op.getNumParallelLoops() != rank)
      return rewriter.notifyMatchFailure(op, "not an elementwise op of rank 0 or >= 2");
    if (!llvm::all_of(op.getIndexingMapsArray(),
                      [](AffineMap map) { return map.isIdentity(); }))
      return rewriter.notifyMatchFailure(op, "indexing maps are not identities");
    // Only buffers laid out contiguously in row-major order collapse to a
    // plain one-dimensional view.
    if (!llvm::all_of(op->getOperandTypes(), [](Type type) {
          auto memref = dyn_cast<MemRefType>(type);
          return memref && memref.getLayout().isIdentity();
        }))
      return rewriter.notifyMatchFailure(op, "operands are not contiguous buffers");
    if (rank == 0)
      return expandScalar(op, rewriter);
    ReassociationIndices all =
        llvm::to_vector(llvm::seq<int64_t>(0, static_cast<int64_t>(rank)));
    FailureOr<linalg::CollapseResult> collapsed =
        linalg::collapseOpIterationDims(op, {all}, rewriter);
    if (failed(collapsed))
      return failure();
    rewriter.replaceOp(op, collapsed->results);
    return success();
  }
};

struct VxFlattenElementwisePass
    : mlir::vortex::impl::VxFlattenElementwisePassBase<
          VxFlattenElementwisePass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    mlir::vortex::populateFlattenElementwisePatterns(patterns);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace

void mlir::vortex::populateFlattenElementwisePatterns(
    RewritePatternSet &patterns) {
  patterns.add<FlattenElementwise>(patterns.getContext());
}
