//===- Linearize.cpp - vx-ct-linearize: secret control to selects ---------===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//

#include "Vortex/Dialect/CT/Analysis/SecrecyAnalysis.h"
#include "Vortex/Dialect/CT/IR/CTOps.h"
#include "Vortex/Dialect/CT/Transforms/Passes.h"

#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

namespace mlir {
namespace vortex {
namespace vx_ct {
#define GEN_PASS_DEF_VXCTLINEARIZEPASS
#include "Vortex/Dialect/CT/Transforms/Passes.h.inc"
} // namespace vx_ct
} // namespace vortex
} // namespace mlir

using namespace mlir;
using namespace mlir::vortex::vx_ct;

namespace {

/// The first operation of `block` (but its terminator) with a side effect.
Operation *findSideEffect(Block &block) {
  for (Operation &op : block.without_terminator())
    if (!isMemoryEffectFree(&op))
      return &op;
  return nullptr;
}

/// Both branches run; each result is selected.
LogicalResult linearizeIf(scf::IfOp op) {
  for (Region *region : {&op.getThenRegion(), &op.getElseRegion()})
    if (!region->empty())
      if (Operation *effect = findSideEffect(region->front()))
        return op.emitWarning("cannot linearize 'scf.if' on a secret: '")
               << effect->getName()
               << "' in a branch has side effects, which would happen "
                  "whatever the condition";
  SmallVector<Value> thenValues, elseValues;
  for (auto [region, values] : {std::pair(&op.getThenRegion(), &thenValues),
                                std::pair(&op.getElseRegion(), &elseValues)}) {
    if (region->empty())
      continue;
    Block &block = region->front();
    auto yield = cast<scf::YieldOp>(block.getTerminator());
    llvm::append_range(*values, yield.getOperands());
    op->getBlock()->getOperations().splice(Block::iterator(op),
                                           block.getOperations(), block.begin(),
                                           Block::iterator(yield));
  }
  OpBuilder b(op);
  SmallVector<Value> results;
  for (auto [t, f] : llvm::zip(thenValues, elseValues))
    results.push_back(
        SelectOp::create(b, op.getLoc(), op.getCondition(), t, f));
  op->replaceAllUsesWith(results);
  op.erase();
  return success();
}

/// A read of `table[index]` becomes a read of every element, keeping the
/// one at `index`.
LogicalResult linearizeTableRead(Operation *op, Value table, Value index,
                                 int64_t maxTableSize) {
  auto shaped = cast<ShapedType>(table.getType());
  if (shaped.getRank() != 1 || !shaped.hasStaticShape())
    return op->emitWarning("cannot linearize '")
           << op->getName()
           << "' at a secret index: only one-dimensional tables of static "
              "size can be scanned, not "
           << shaped;
  int64_t size = shaped.getDimSize(0);
  if (size > maxTableSize)
    return op->emitWarning("cannot linearize '")
           << op->getName() << "' at a secret index: the table has " << size
           << " elements, more than max-table-size (" << maxTableSize << ")";
  OpBuilder b(op);
  Location loc = op->getLoc();
  auto read = [&](OpBuilder &builder, Value at) -> Value {
    if (isa<MemRefType>(shaped))
      return memref::LoadOp::create(builder, loc, table, at);
    return tensor::ExtractOp::create(builder, loc, table, at);
  };
  Value zero = arith::ConstantIndexOp::create(b, loc, 0);
  Value one = arith::ConstantIndexOp::create(b, loc, 1);
  Value end = arith::ConstantIndexOp::create(b, loc, size);
  Value first = read(b, zero);
  auto loop = scf::ForOp::create(
      b, loc, one, end, one, ValueRange{first},
      [&](OpBuilder &nb, Location l, Value i, ValueRange acc) {
        Value element = read(nb, i);
        Value hit =
            arith::CmpIOp::create(nb, l, arith::CmpIPredicate::eq, i, index);
        Value kept = SelectOp::create(nb, l, hit, element, acc[0]);
        scf::YieldOp::create(nb, l, kept);
      });
  op->replaceAllUsesWith(loop.getResults());
  op->erase();
  return success();
}

/// A loop to a secret bound with a public maximum runs the maximum and keeps
/// the values of the iterations below the bound.
LogicalResult linearizeFor(scf::ForOp op, const DataFlowSolver &solver) {
  if (getSecrecy(solver, op.getLowerBound()).isSecret() ||
      getSecrecy(solver, op.getStep()).isSecret())
    return op.emitWarning("cannot linearize 'scf.for': its lower bound or "
                          "step is secret; only a secret upper bound with a "
                          "public maximum can be masked");
  auto max = op->getAttrOfType<IntegerAttr>(VxCTDialect::kMaxTripCountAttrName);
  if (!max)
    return op.emitWarning("cannot linearize 'scf.for' with a secret upper "
                          "bound: declare a public maximum trip count with '")
           << VxCTDialect::kMaxTripCountAttrName << "'";
  if (Operation *effect = findSideEffect(*op.getBody()))
    return op.emitWarning("cannot linearize 'scf.for' with a secret upper "
                          "bound: '")
           << effect->getName()
           << "' in its body has side effects, which masked iterations "
              "would perform";
  OpBuilder b(op);
  Location loc = op.getLoc();
  Type type = op.getLowerBound().getType();
  Value count = arith::ConstantOp::create(
      b, loc, b.getIntegerAttr(type, max.getValue().getSExtValue()));
  Value span = arith::MulIOp::create(b, loc, count, op.getStep());
  Value end = arith::AddIOp::create(b, loc, op.getLowerBound(), span);
  auto loop = scf::ForOp::create(
      b, loc, op.getLowerBound(), end, op.getStep(), op.getInitArgs(),
      [&](OpBuilder &nb, Location l, Value iv, ValueRange args) {
        Value active = arith::CmpIOp::create(nb, l, arith::CmpIPredicate::slt,
                                             iv, op.getUpperBound());
        IRMapping mapping;
        mapping.map(op.getInductionVar(), iv);
        mapping.map(op.getRegionIterArgs(), args);
        for (Operation &inner : op.getBody()->without_terminator())
          nb.clone(inner, mapping);
        SmallVector<Value> kept;
        for (auto [value, old] :
             llvm::zip(op.getBody()->getTerminator()->getOperands(), args))
          kept.push_back(SelectOp::create(nb, l, active,
                                          mapping.lookupOrDefault(value), old));
        scf::YieldOp::create(nb, l, kept);
      });
  op->replaceAllUsesWith(loop.getResults());
  op.erase();
  return success();
}

struct VxCTLinearizePass
    : public vortex::vx_ct::impl::VxCTLinearizePassBase<VxCTLinearizePass> {
  using Base::Base;

  void runOnOperation() override {
    Operation *top = getOperation();
    DataFlowSolver solver;
    loadSecrecyAnalysis(solver);
    if (failed(solver.initializeAndRun(top)))
      return signalPassFailure();
    auto isSecret = [&](Value value) {
      return getSecrecy(solver, value).isSecret();
    };

    // Candidates first, innermost first; rewrites move operations but keep
    // them alive, and the analysis results stay valid for the values that
    // remain.
    SmallVector<Operation *> candidates;
    for (Operation *root : collectConstantTimeCode(top))
      root->walk([&](Operation *op) {
        if (auto ifOp = dyn_cast<scf::IfOp>(op)) {
          if (isSecret(ifOp.getCondition()))
            candidates.push_back(op);
        } else if (auto forOp = dyn_cast<scf::ForOp>(op)) {
          if (isSecret(forOp.getLowerBound()) ||
              isSecret(forOp.getUpperBound()) || isSecret(forOp.getStep()))
            candidates.push_back(op);
        } else if (isa<memref::LoadOp, tensor::ExtractOp>(op)) {
          if (llvm::any_of(op->getOperands().drop_front(), isSecret))
            candidates.push_back(op);
        }
      });
    for (Operation *op : llvm::make_early_inc_range(candidates)) {
      if (auto ifOp = dyn_cast<scf::IfOp>(op))
        (void)linearizeIf(ifOp);
      else if (auto forOp = dyn_cast<scf::ForOp>(op))
        (void)linearizeFor(forOp, solver);
      else if (op->getNumOperands() != 2)
        op->emitWarning("cannot linearize '")
            << op->getName()
            << "' at a secret index: only one-dimensional tables can be "
               "scanned";
      else
        (void)linearizeTableRead(op, op->getOperand(0), op->getOperand(1),
                                 maxTableSize);
    }
  }
};

} // namespace
