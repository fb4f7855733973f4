//===- Lower.cpp - vx-ct-lower: vx_ct ops to arith, selects branch-free ---===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//

#include "Vortex/Dialect/CT/Analysis/SecrecyAnalysis.h"
#include "Vortex/Dialect/CT/IR/CTOps.h"
#include "Vortex/Dialect/CT/Transforms/Passes.h"

#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/Builders.h"

namespace mlir {
namespace vortex {
namespace vx_ct {
#define GEN_PASS_DEF_VXCTLOWERPASS
#include "Vortex/Dialect/CT/Transforms/Passes.h.inc"
} // namespace vx_ct
} // namespace vortex
} // namespace mlir

using namespace mlir;
using namespace mlir::vortex::vx_ct;

namespace {

LLVM::InlineAsmOp createAsm(OpBuilder &b, Location loc, Type type,
                            ValueRange operands, StringRef text,
                            StringRef constraints) {
  return LLVM::InlineAsmOp::create(
      b, loc, type, operands, text, constraints,
      /*has_side_effects=*/false, /*is_align_stack=*/false,
      LLVM::tailcallkind::TailCallKind::None,
      LLVM::AsmDialectAttr::get(b.getContext(), LLVM::AsmDialect::AD_ATT),
      /*operand_attrs=*/ArrayAttr());
}

/// `f ^ ((t ^ f) & mask)`.
Value maskSelect(OpBuilder &b, Location loc, Value mask, Value t, Value f) {
  Value diff = arith::XOrIOp::create(b, loc, t, f);
  Value kept = arith::AndIOp::create(b, loc, diff, mask);
  return arith::XOrIOp::create(b, loc, f, kept);
}

/// All ones where `cond` is set, of integer type `type` (`cond` has its
/// shape).
Value makeMask(OpBuilder &b, Location loc, Value cond, Type type) {
  Value wide = arith::ExtUIOp::create(b, loc, type, cond);
  Value zero = arith::ConstantOp::create(b, loc, b.getZeroAttr(type));
  return arith::SubIOp::create(b, loc, zero, wide);
}

/// Scalar CPU selection: the mask goes through an empty asm that LLVM
/// cannot see into, so it cannot fold the masks back into a select.
Value selectCpu(OpBuilder &b, Location loc, Value cond, Value t, Value f) {
  auto type = cast<IntegerType>(t.getType());
  Type i64 = b.getI64Type();
  Value mask = makeMask(b, loc, cond, i64);
  mask = createAsm(b, loc, i64, mask, "", "=r,0").getRes();
  if (type.getWidth() < 64)
    mask = arith::TruncIOp::create(b, loc, type, mask);
  else if (type.getWidth() > 64)
    mask = arith::ExtSIOp::create(b, loc, type, mask);
  return maskSelect(b, loc, mask, t, f);
}

/// Scalar NVPTX selection: `selp` on each 32-bit (or the one 64-bit) part.
Value selectNvptx(OpBuilder &b, Location loc, Value cond, Value t, Value f) {
  auto type = cast<IntegerType>(t.getType());
  unsigned width = type.getWidth();
  if (width == 64)
    return createAsm(b, loc, type, ValueRange{t, f, cond},
                     "selp.b64 $0, $1, $2, $3;", "=l,l,l,b")
        .getRes();
  Type i32 = b.getI32Type();
  unsigned parts = (width + 31) / 32;
  Type wide = width < 32 ? i32 : type;
  if (width < 32) {
    t = arith::ExtUIOp::create(b, loc, i32, t);
    f = arith::ExtUIOp::create(b, loc, i32, f);
  }
  Value result;
  for (unsigned i = 0; i < parts; ++i) {
    auto part = [&](Value x) -> Value {
      if (wide == i32)
        return x;
      if (i) {
        Value shift =
            arith::ConstantOp::create(b, loc, b.getIntegerAttr(wide, 32 * i));
        x = arith::ShRUIOp::create(b, loc, x, shift);
      }
      return arith::TruncIOp::create(b, loc, i32, x);
    };
    Value chosen = createAsm(b, loc, i32, ValueRange{part(t), part(f), cond},
                             "selp.b32 $0, $1, $2, $3;", "=r,r,r,b")
                       .getRes();
    if (wide == i32) {
      result = chosen;
      break;
    }
    chosen = arith::ExtUIOp::create(b, loc, wide, chosen);
    if (i) {
      Value shift =
          arith::ConstantOp::create(b, loc, b.getIntegerAttr(wide, 32 * i));
      chosen = arith::ShLIOp::create(b, loc, chosen, shift);
      result = arith::OrIOp::create(b, loc, result, chosen);
    } else {
      result = chosen;
    }
  }
  if (width < 32)
    result = arith::TruncIOp::create(b, loc, type, result);
  return result;
}

/// Lowers `op`, a `vx_ct.select` or an `arith.select` of constant-time
/// code, selecting `t` or `f` by `cond`.
LogicalResult lowerSelect(Operation *op, Value cond, Value t, Value f,
                          bool nvptx) {
  OpBuilder b(op);
  Location loc = op->getLoc();
  Type type = op->getResult(0).getType();
  Type element = getElementTypeOrSelf(type);
  if (!element.isIntOrIndexOrFloat())
    return op->emitOpError("cannot be lowered on ")
           << type << ": lower its element type first";

  // Compute on integers of the element's width.
  Type intElement = element;
  if (element.isIndex())
    intElement = b.getI64Type();
  else if (isa<FloatType>(element))
    intElement = b.getIntegerType(element.getIntOrFloatBitWidth());
  Type intType = intElement;
  if (auto shaped = dyn_cast<ShapedType>(type))
    intType = shaped.clone(intElement);
  auto toInt = [&](Value x) -> Value {
    if (element.isIndex())
      return arith::IndexCastUIOp::create(b, loc, intType, x);
    if (isa<FloatType>(element))
      return arith::BitcastOp::create(b, loc, intType, x);
    return x;
  };
  t = toInt(t);
  f = toInt(f);

  Value result;
  if (auto shaped = dyn_cast<ShapedType>(type)) {
    // Elementwise masks; the condition is broadcast if it is one bit.
    if (cond.getType().isInteger(1)) {
      Type condType = shaped.clone(b.getI1Type());
      if (isa<VectorType>(type))
        cond = vector::BroadcastOp::create(b, loc, condType, cond);
      else
        cond = tensor::SplatOp::create(b, loc, condType, cond);
    }
    result = maskSelect(b, loc, makeMask(b, loc, cond, intType), t, f);
  } else {
    result =
        nvptx ? selectNvptx(b, loc, cond, t, f) : selectCpu(b, loc, cond, t, f);
  }

  if (element.isIndex())
    result = arith::IndexCastUIOp::create(b, loc, type, result);
  else if (isa<FloatType>(element))
    result = arith::BitcastOp::create(b, loc, type, result);
  op->replaceAllUsesWith(ValueRange{result});
  op->erase();
  return success();
}

struct VxCTLowerPass
    : public vortex::vx_ct::impl::VxCTLowerPassBase<VxCTLowerPass> {
  using Base::Base;

  void runOnOperation() override {
    if (target != "cpu" && target != "nvptx") {
      getOperation()->emitError("vx-ct-lower: unknown target '")
          << target << "'; use cpu or nvptx";
      return signalPassFailure();
    }
    bool nvptx = target == "nvptx";
    SmallVector<Operation *> ops;
    getOperation()->walk([&](Operation *op) {
      if (isa<ConcealOp, DeclassifyOp, RegionOp, SelectOp>(op))
        ops.push_back(op);
    });
    // In constant-time code, every arith.select (the vx_field lowering's
    // conditional subtractions, those of vx-ct-linearize's callers) is
    // lowered as vx_ct.select, so that LLVM cannot turn it into a branch
    // (selections of buffers or other values stay).
    SetVector<Operation *> arithSelects;
    // Only this pass's operation: the code it calls or launches may be
    // lowered for another target, by another instance.
    for (Operation *root : collectConstantTimeCode(getOperation())) {
      if (!getOperation()->isAncestor(root))
        continue;
      root->walk([&](arith::SelectOp op) {
        if (getElementTypeOrSelf(op.getType()).isIntOrIndexOrFloat())
          arithSelects.insert(op);
      });
    }
    ops.append(arithSelects.begin(), arithSelects.end());
    bool failed = false;
    for (Operation *op : ops) {
      if (isa<ConcealOp, DeclassifyOp>(op)) {
        op->replaceAllUsesWith(op->getOperands());
        op->erase();
      } else if (auto region = dyn_cast<RegionOp>(op)) {
        Block &body = region.getBody().front();
        auto yield = cast<YieldOp>(body.getTerminator());
        region->replaceAllUsesWith(yield.getValues());
        yield.erase();
        op->getBlock()->getOperations().splice(Block::iterator(op),
                                               body.getOperations());
        op->erase();
      } else if (auto select = dyn_cast<SelectOp>(op)) {
        failed |= mlir::failed(lowerSelect(op, select.getCondition(),
                                           select.getTrueValue(),
                                           select.getFalseValue(), nvptx));
      } else {
        auto arithSelect = cast<arith::SelectOp>(op);
        failed |= mlir::failed(lowerSelect(op, arithSelect.getCondition(),
                                           arithSelect.getTrueValue(),
                                           arithSelect.getFalseValue(), nvptx));
      }
    }
    if (failed)
      signalPassFailure();
  }
};

} // namespace
