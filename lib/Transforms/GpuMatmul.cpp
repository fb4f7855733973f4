//===- GpuMatmul.cpp - matching and epilogues of matmul kernels -----------===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//

#include "GpuMatmul.h"
#include "BufferAliases.h"

#include "mlir/Dialect/Linalg/IR/LinalgInterfaces.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/Matchers.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

using namespace mlir;

namespace mlir::vortex::gpu_matmul {

//===----------------------------------------------------------------------===//
// Matching
//===----------------------------------------------------------------------===//

bool isContiguous(Value v) {
  auto type = dyn_cast<MemRefType>(v.getType());
  return type && type.getLayout().isIdentity();
}

/// The position of `dim` among the results of `map`, or -1.
static int64_t resultPosition(AffineMap map, unsigned dim) {
  for (auto [i, expr] : llvm::enumerate(map.getResults()))
    if (auto d = dyn_cast<AffineDimExpr>(expr); d && d.getPosition() == dim)
      return i;
  return -1;
}

std::optional<MatmulPlan> matchContraction(linalg::LinalgOp op, bool tf32) {
  if (!op.hasPureBufferSemantics() || op.getNumDpsInputs() != 2 ||
      op.getNumDpsInits() != 1 || !linalg::isaContractionOpInterface(op))
    return std::nullopt;
  FailureOr<linalg::ContractionDimensions> dims =
      linalg::inferContractionDims(op);
  if (failed(dims) || dims->k.size() != 1)
    return std::nullopt;
  MatmulPlan plan;
  plan.matmul = op;
  plan.lhs = op.getDpsInputOperand(0)->get();
  plan.rhs = op.getDpsInputOperand(1)->get();
  plan.acc = op.getDpsInitOperand(0)->get();
  auto lhsType = dyn_cast<MemRefType>(plan.lhs.getType());
  auto rhsType = dyn_cast<MemRefType>(plan.rhs.getType());
  auto accType = dyn_cast<MemRefType>(plan.acc.getType());
  if (!lhsType || !rhsType || !accType || !isContiguous(plan.lhs) ||
      !isContiguous(plan.rhs) || !isContiguous(plan.acc))
    return std::nullopt;
  Type et = lhsType.getElementType();
  if (!(et.isBF16() || et.isF16() || (tf32 && et.isF32())) ||
      rhsType.getElementType() != et ||
      !accType.getElementType().isF32())
    return std::nullopt;
  plan.elementType = et;
  // The body must multiply the widened operands: no other arithmetic.
  Block &body = op->getRegion(0).front();
  for (Operation &inner : body.without_terminator())
    if (!isa<arith::ExtFOp, arith::MulFOp, arith::AddFOp>(inner))
      return std::nullopt;

  // The result is (batch..., m, n); dimensions that a shared rhs lacks are
  // batch dimensions too (inferContractionDims counts them as m).
  SmallVector<AffineMap> maps = op.getIndexingMapsArray();
  if (!maps[2].isProjectedPermutation() || maps[2].getNumResults() < 2)
    return std::nullopt;
  unsigned batch = maps[2].getNumResults() - 2;
  auto dimAt = [&](AffineMap map, unsigned i) {
    return cast<AffineDimExpr>(map.getResult(i)).getPosition();
  };
  unsigned m = dimAt(maps[2], batch), n = dimAt(maps[2], batch + 1),
           k = dims->k[0];
  // Batch dimensions lead, in order, in every operand that has them.
  auto batchLeads = [&](AffineMap map) {
    if (map.getNumResults() < batch)
      return false;
    for (unsigned i = 0; i < batch; ++i) {
      auto d = dyn_cast<AffineDimExpr>(map.getResult(i));
      if (!d || d.getPosition() != dimAt(maps[2], i))
        return false;
    }
    return true;
  };
  auto is = [&](AffineMap map, unsigned lead, unsigned a, unsigned b) {
    return map.getNumResults() == lead + 2 &&
           resultPosition(map, a) == lead && resultPosition(map, b) == lead + 1;
  };
  if (!batchLeads(maps[0]) || !batchLeads(maps[2]) || !is(maps[2], batch, m, n))
    return std::nullopt;
  if (is(maps[0], batch, m, k))
    plan.lhsKMajor = true;
  else if (is(maps[0], batch, k, m))
    plan.lhsKMajor = false;
  else
    return std::nullopt;
  plan.rhsBatched = maps[1].getNumResults() == batch + 2;
  if (plan.rhsBatched && !batchLeads(maps[1]))
    return std::nullopt;
  unsigned lead = plan.rhsBatched ? batch : 0;
  if (maps[1].getNumResults() != lead + 2)
    return std::nullopt;
  if (is(maps[1], lead, n, k))
    plan.rhsKMajor = true;
  else if (is(maps[1], lead, k, n))
    plan.rhsKMajor = false;
  else
    return std::nullopt;
  plan.batchDims = batch;
  return plan;
}

linalg::FillOp findFill(const MatmulPlan &plan) {
  Operation *prev = plan.matmul->getPrevNode();
  auto fill = dyn_cast_or_null<linalg::FillOp>(prev);
  if (!fill || fill.getOutputs().front() != plan.acc)
    return nullptr;
  if (!matchPattern(fill.getInputs().front(), m_AnyZeroFloat()))
    return nullptr;
  return fill;
}

linalg::GenericOp findEpilogue(MatmulPlan &plan) {
  linalg::GenericOp found;
  Value flatView;
  for (OpOperand &use : plan.acc.getUses()) {
    Operation *user = use.getOwner();
    if (user == plan.matmul || user == plan.fill ||
        isa<memref::DeallocOp>(user))
      continue;
    if (auto collapse = dyn_cast<memref::CollapseShapeOp>(user)) {
      if (flatView || collapse.getResultType().getRank() != 1 ||
          !collapse->hasOneUse())
        return nullptr;
      flatView = collapse.getResult();
      user = *collapse->getUsers().begin();
    }
    auto generic = dyn_cast<linalg::GenericOp>(user);
    if (!generic || (found && found != generic))
      return nullptr;
    found = generic;
  }
  if (!found || found->getBlock() != plan.matmul->getBlock() ||
      !plan.matmul->isBeforeInBlock(found) || !found.hasPureBufferSemantics() ||
      found.getNumDpsInits() != 1 ||
      found.getNumLoops() != found.getNumParallelLoops())
    return nullptr;
  if (!found.getBody()->getOps<linalg::IndexOp>().empty())
    return nullptr;
  Value accOperand = flatView ? flatView : plan.acc;
  Value out = found.getDpsInitOperand(0)->get();
  auto accType = cast<MemRefType>(plan.acc.getType());
  auto outType = dyn_cast<MemRefType>(out.getType());
  bool flat = static_cast<bool>(flatView);
  if (!outType || !isContiguous(out) ||
      !found.getMatchingIndexingMap(found.getDpsInitOperand(0)).isIdentity())
    return nullptr;
  if (flat) {
    // The output must be a one-dimensional view of a buffer of the
    // accumulator's shape.
    auto collapse = out.getDefiningOp<memref::CollapseShapeOp>();
    if (!collapse || !isContiguous(collapse.getSrc()) ||
        cast<MemRefType>(collapse.getSrc().getType()).getRank() !=
            accType.getRank())
      return nullptr;
  } else if (outType.getRank() != accType.getRank()) {
    return nullptr;
  }
  unsigned accReads = 0;
  for (OpOperand *input : found.getDpsInputOperands()) {
    AffineMap map = found.getMatchingIndexingMap(input);
    if (!map.isProjectedPermutation())
      return nullptr;
    if (!isa<MemRefType>(input->get().getType()))
      return nullptr;
    if (input->get() == accOperand) {
      if (!map.isIdentity())
        return nullptr;
      ++accReads;
    } else if (flat && !map.isIdentity()) {
      return nullptr;
    } else if (flat) {
      auto collapse = input->get().getDefiningOp<memref::CollapseShapeOp>();
      if (!collapse || !isContiguous(collapse.getSrc()))
        return nullptr;
    }
  }
  if (accReads != 1)
    return nullptr;
  plan.flatEpilogue = flat;
  return found;
}

bool moveFreesPastEpilogue(MatmulPlan &plan) {
  Value lhsRoot = vortex::getRoot(plan.lhs), rhsRoot = vortex::getRoot(plan.rhs);
  SmallVector<Operation *> frees;
  for (Operation *op = plan.matmul->getNextNode(); op != plan.epilogue;
       op = op->getNextNode()) {
    bool writes = false, releases = false;
    op->walk([&](Operation *inner) {
      auto effects = dyn_cast<MemoryEffectOpInterface>(inner);
      if (!effects) {
        if (!inner->hasTrait<OpTrait::HasRecursiveMemoryEffects>())
          writes = true;
        return;
      }
      SmallVector<MemoryEffects::EffectInstance> list;
      effects.getEffects(list);
      for (auto &effect : list) {
        Value v = effect.getValue();
        bool operand =
            !v || vortex::getRoot(v) == lhsRoot || vortex::getRoot(v) == rhsRoot;
        if (isa<MemoryEffects::Free>(effect.getEffect()))
          releases |= operand;
        else if (isa<MemoryEffects::Write>(effect.getEffect()))
          writes |= operand;
      }
    });
    if (writes)
      return false;
    if (releases) {
      if (op->getNumResults() != 0)
        return false;
      frees.push_back(op);
    }
  }
  for (Operation *op : llvm::reverse(frees))
    op->moveAfter(plan.epilogue);
  return true;
}

//===----------------------------------------------------------------------===//
// Host values and the original ops
//===----------------------------------------------------------------------===//

Value collapseBatch(ImplicitLocOpBuilder &b, Value v, unsigned batchDims) {
  if (batchDims <= 1)
    return v;
  auto type = cast<MemRefType>(v.getType());
  SmallVector<ReassociationIndices> groups;
  ReassociationIndices first;
  for (unsigned i = 0; i < batchDims; ++i)
    first.push_back(i);
  groups.push_back(first);
  for (int64_t i = batchDims; i < type.getRank(); ++i)
    groups.push_back({i});
  return memref::CollapseShapeOp::create(b, v, groups);
}

Problem buildProblem(ImplicitLocOpBuilder &b, const MatmulPlan &plan) {
  Ix ix{b};
  Problem p;
  unsigned batch = plan.batchDims;
  p.batch = ix.c(1);
  for (unsigned i = 0; i < batch; ++i) {
    Value size = memref::DimOp::create(b, plan.acc, i);
    p.batchSizes.push_back(size);
    p.batch = ix.mul(p.batch, size);
  }
  p.m = memref::DimOp::create(b, plan.acc, batch);
  p.n = memref::DimOp::create(b, plan.acc, batch + 1);
  p.k = memref::DimOp::create(b, plan.lhs, plan.lhsKMajor ? batch + 1 : batch);
  p.lhs3 = collapseBatch(b, plan.lhs, batch);
  p.rhs3 = plan.rhsBatched ? collapseBatch(b, plan.rhs, batch) : plan.rhs;
  return p;
}

Value copyableIn16Bytes(ImplicitLocOpBuilder &b, const MatmulPlan &plan,
                        const Problem &p) {
  Ix ix{b};
  Value ok = arith::ConstantIntOp::create(b, 1, 1);
  Value zero = ix.c(0);
  for (Value operand : {plan.lhs, plan.rhs}) {
    auto type = cast<MemRefType>(operand.getType());
    Value inner = memref::DimOp::create(b, operand, type.getRank() - 1);
    ok = ix.andi(ok, ix.eq(ix.rem(inner, ix.c(8)), zero));
    auto meta = memref::ExtractStridedMetadataOp::create(b, operand);
    Value address = memref::ExtractAlignedPointerAsIndexOp::create(b, operand);
    address = ix.add(address, ix.mul(meta.getOffset(), ix.c(2)));
    ok = ix.andi(ok, ix.eq(ix.rem(address, ix.c(16)), zero));
  }
  for (Value size : {p.m, p.n, p.k})
    ok = ix.andi(ok, ix.ult(zero, size));
  return ok;
}

Value pairedStores(ImplicitLocOpBuilder &b, const MatmulPlan &plan,
                   const Problem &p) {
  Ix ix{b};
  Value out = storedBuffer(plan);
  auto meta = memref::ExtractStridedMetadataOp::create(b, out);
  Value address = ix.add(memref::ExtractAlignedPointerAsIndexOp::create(b, out),
                         ix.mul(meta.getOffset(), ix.c(2)));
  return ix.andi(ix.eq(ix.rem(p.n, ix.c(2)), ix.c(0)),
                 ix.eq(ix.rem(address, ix.c(4)), ix.c(0)));
}

void cloneOriginal(OpBuilder &b, const MatmulPlan &plan, bool fill,
                   bool matmul, bool epilogue) {
  IRMapping mapping;
  if (fill && plan.fill)
    b.clone(*plan.fill, mapping);
  if (matmul)
    b.clone(*plan.matmul, mapping);
  if (epilogue && plan.epilogue)
    b.clone(*plan.epilogue, mapping);
}

//===----------------------------------------------------------------------===//
// Epilogue
//===----------------------------------------------------------------------===//

SmallVector<Value> batchIndices(ImplicitLocOpBuilder &b, const Problem &p,
                                Value batchIndex) {
  Ix ix{b};
  SmallVector<Value> batchIdx;
  Value rest = batchIndex;
  for (int64_t i = int64_t(p.batchSizes.size()) - 1; i >= 0; --i) {
    batchIdx.insert(batchIdx.begin(), ix.rem(rest, p.batchSizes[i]));
    rest = ix.div(rest, p.batchSizes[i]);
  }
  return batchIdx;
}

Value storedBuffer(const MatmulPlan &plan) {
  linalg::GenericOp op = plan.epilogue;
  return op ? op.getDpsInitOperand(0)->get() : plan.acc;
}

Value epilogueElement(ImplicitLocOpBuilder &b, const MatmulPlan &plan,
                      const Problem &p, ArrayRef<Value> batchIdx, Value v,
                      Value row, Value col, Value &out,
                      SmallVector<Value> &outIndices) {
  Ix gx{b};
  linalg::GenericOp op = plan.epilogue;
  SmallVector<Value> indices(batchIdx);
  indices.push_back(row);
  indices.push_back(col);
  if (!op) {
    out = plan.acc;
    outIndices = indices;
    return v;
  }
  SmallVector<Value> point;
  if (plan.flatEpilogue) {
    // Row-major linear index over the accumulator's shape.
    Value linear = gx.c(0);
    for (unsigned i = 0; i < batchIdx.size(); ++i)
      linear = gx.add(gx.mul(linear, p.batchSizes[i]), batchIdx[i]);
    linear = gx.add(gx.mul(gx.add(gx.mul(linear, p.m), row), p.n), col);
    point.push_back(linear);
  } else {
    point = indices;
  }
  auto at = [&](AffineMap map) {
    SmallVector<Value> result;
    for (AffineExpr expr : map.getResults())
      result.push_back(point[cast<AffineDimExpr>(expr).getPosition()]);
    return result;
  };
  IRMapping mapping;
  Block *body = op.getBody();
  for (OpOperand &operand : op->getOpOperands()) {
    BlockArgument arg = body->getArgument(operand.getOperandNumber());
    if (arg.use_empty())
      continue;
    Value source = operand.get();
    auto collapse = source.getDefiningOp<memref::CollapseShapeOp>();
    bool isAcc = source == plan.acc || (plan.flatEpilogue && collapse &&
                                        collapse.getSrc() == plan.acc);
    if (isAcc && !op.isDpsInit(&operand)) {
      mapping.map(arg, v);
      continue;
    }
    mapping.map(arg, memref::LoadOp::create(
                         b, source, at(op.getMatchingIndexingMap(&operand))));
  }
  for (Operation &inner : body->without_terminator())
    b.clone(inner, mapping);
  out = op.getDpsInitOperand(0)->get();
  outIndices = at(op.getMatchingIndexingMap(op.getDpsInitOperand(0)));
  return mapping.lookupOrDefault(body->getTerminator()->getOperand(0));
}

SmallVector<MatmulPlan> collectPlans(Operation *root, bool tf32) {
  SmallVector<MatmulPlan> matched, plans;
  root->walk([&](linalg::LinalgOp op) {
    if (std::optional<MatmulPlan> plan = matchContraction(op, tf32))
      matched.push_back(*plan);
  });
  for (MatmulPlan &plan : matched) {
    // The kernels compute A B alone: the accumulator must start at zero.
    plan.fill = findFill(plan);
    if (!plan.fill)
      continue;
    plan.epilogue = findEpilogue(plan);
    if (plan.epilogue && !moveFreesPastEpilogue(plan))
      plan.epilogue = nullptr;
    plans.push_back(plan);
  }
  return plans;
}

void emitTileStore(ImplicitLocOpBuilder &b, const MatmulPlan &plan,
                   Value full, Value paired,
                   function_ref<void(ImplicitLocOpBuilder &, bool)> storeFull,
                   function_ref<void(ImplicitLocOpBuilder &)> storeMasked) {
  auto inside = scf::IfOp::create(b, full, true);
  {
    ImplicitLocOpBuilder fb(b.getLoc(), inside.thenBlock()->getTerminator());
    auto outType = cast<MemRefType>(storedBuffer(plan).getType());
    if (outType.getElementTypeBitWidth() == 16) {
      auto pick = scf::IfOp::create(fb, paired, true);
      ImplicitLocOpBuilder pb(b.getLoc(), pick.thenBlock()->getTerminator());
      storeFull(pb, true);
      ImplicitLocOpBuilder qb(b.getLoc(), pick.elseBlock()->getTerminator());
      storeFull(qb, false);
    } else {
      storeFull(fb, false);
    }
  }
  ImplicitLocOpBuilder mb(b.getLoc(), inside.elseBlock()->getTerminator());
  storeMasked(mb);
}

} // namespace mlir::vortex::gpu_matmul
