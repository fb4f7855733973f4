//===- PtxCarryChains.cpp - wide additions as PTX carry chains ------------===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//

#include "Vortex/Conversion/VxFieldToArith/VxFieldToArith.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/PatternMatch.h"

#include <string>

namespace mlir::vortex {
#define GEN_PASS_DEF_VXPTXCARRYCHAINSPASS
#include "Vortex/Conversion/Passes.h.inc"
} // namespace mlir::vortex

using namespace mlir;
using namespace mlir::vortex;

/// The number of 32-bit words of `type` when it is an integer wider than 64
/// bits made of whole words, else 0.
static unsigned wideWords(Type type) {
  auto integer = dyn_cast<IntegerType>(type);
  if (!integer || integer.getWidth() <= 64 || integer.getWidth() % 32)
    return 0;
  return integer.getWidth() / 32;
}

/// The 32-bit words of `x`, least significant first.
static SmallVector<Value> words(OpBuilder &b, Location loc, Value x,
                                unsigned count) {
  auto type = cast<IntegerType>(x.getType());
  SmallVector<Value> out;
  for (unsigned j = 0; j < count; ++j) {
    Value shifted = x;
    if (j)
      shifted = arith::ShRUIOp::create(
          b, loc, x,
          arith::ConstantOp::create(b, loc,
                                    b.getIntegerAttr(type, APInt(type.getWidth(), 32 * j))));
    out.push_back(arith::TruncIOp::create(b, loc, b.getI32Type(), shifted));
  }
  return out;
}

/// x op y over `count` words as one asm chain (`add` or `sub`), with the
/// carry (borrow) out as an i1 when `carryOut`. Returns {result, carry}.
static std::pair<Value, Value> chain(OpBuilder &b, Location loc, Value x,
                                     Value y, unsigned count, StringRef op,
                                     bool carryOut) {
  Type type = x.getType();
  unsigned outputs = count + (carryOut ? 1 : 0);
  SmallVector<Value> operands = words(b, loc, x, count);
  operands.append(words(b, loc, y, count));
  std::string text, constraints;
  for (unsigned j = 0; j < count; ++j) {
    bool first = j == 0, last = j + 1 == count;
    std::string mnemonic = op.str() + (first ? ".cc" : (last && !carryOut) ? "c" : "c.cc");
    text += mnemonic + ".u32 $" + std::to_string(j) + ", $" +
            std::to_string(outputs + j) + ", $" +
            std::to_string(outputs + count + j) + ";\n\t";
  }
  if (carryOut)
    text += op.str() + "c.u32 $" + std::to_string(count) + ", 0, 0;";
  for (unsigned j = 0; j < outputs; ++j)
    constraints += "=r,";
  for (unsigned j = 0; j < 2 * count; ++j)
    constraints += j + 1 < 2 * count ? "r," : "r";
  Type i32 = b.getI32Type();
  auto structType = LLVM::LLVMStructType::getLiteral(
      b.getContext(), SmallVector<Type>(outputs, i32));
  auto asmOp = LLVM::InlineAsmOp::create(
      b, loc, structType, operands, text, constraints,
      /*has_side_effects=*/false, /*is_align_stack=*/false,
      LLVM::tailcallkind::TailCallKind::None,
      LLVM::AsmDialectAttr::get(b.getContext(), LLVM::AsmDialect::AD_ATT),
      /*operand_attrs=*/ArrayAttr());
  Value result;
  unsigned width = cast<IntegerType>(type).getWidth();
  for (unsigned j = 0; j < count; ++j) {
    Value word = LLVM::ExtractValueOp::create(b, loc, asmOp.getRes(), j);
    Value wide = arith::ExtUIOp::create(b, loc, type, word);
    if (j)
      wide = arith::ShLIOp::create(
          b, loc, wide,
          arith::ConstantOp::create(b, loc,
                                    b.getIntegerAttr(type, APInt(width, 32 * j))));
    result = result ? arith::OrIOp::create(b, loc, result, wide).getResult()
                    : wide;
  }
  Value carry;
  if (carryOut) {
    // addc/subc of 0 and 0 leaves the carry in bit 0 (a borrow sets all
    // bits).
    Value word = LLVM::ExtractValueOp::create(b, loc, asmOp.getRes(), count);
    carry = arith::TruncIOp::create(b, loc, b.getI1Type(), word);
  }
  return {result, carry};
}

/// The 64-bit product of two 32-bit limbs as one `mul.wide.u32`: LLVM
/// turns the zero extensions of loaded limbs into 64-bit loads and then
/// multiplies in 64 bits (`mul.lo.s64`, several IMADs).
static std::pair<Value, Value> wideMultiply(OpBuilder &b, Location loc,
                                            Value x, Value y) {
  Type i64 = b.getI64Type(), i32 = b.getI32Type();
  auto asmOp = LLVM::InlineAsmOp::create(
      b, loc, i64, ValueRange{x, y}, "mul.wide.u32 $0, $1, $2;", "=l,r,r",
      /*has_side_effects=*/false, /*is_align_stack=*/false,
      LLVM::tailcallkind::TailCallKind::None,
      LLVM::AsmDialectAttr::get(b.getContext(), LLVM::AsmDialect::AD_ATT),
      /*operand_attrs=*/ArrayAttr());
  Value product = asmOp.getRes();
  Value low = arith::TruncIOp::create(b, loc, i32, product);
  Value high = arith::TruncIOp::create(
      b, loc, i32,
      arith::ShRUIOp::create(b, loc, product,
                             arith::ConstantOp::create(b, loc, b.getI64IntegerAttr(32))));
  return {low, high};
}

namespace {
struct VxPtxCarryChainsPass
    : mlir::vortex::impl::VxPtxCarryChainsPassBase<VxPtxCarryChainsPass> {
  void runOnOperation() override {
    SmallVector<Operation *> candidates;
    SmallVector<arith::MulUIExtendedOp> multiplies;
    getOperation().walk([&](Operation *op) {
      if (isa<arith::AddIOp, arith::AddUIExtendedOp, arith::SubIOp>(op) &&
          wideWords(op->getOperand(0).getType()))
        candidates.push_back(op);
      if (auto mul = dyn_cast<arith::MulUIExtendedOp>(op);
          mul && mul.getLhs().getType().isInteger(32))
        multiplies.push_back(mul);
    });
    IRRewriter rewriter(&getContext());
    for (arith::MulUIExtendedOp mul : multiplies) {
      rewriter.setInsertionPoint(mul);
      auto [low, high] =
          wideMultiply(rewriter, mul.getLoc(), mul.getLhs(), mul.getRhs());
      rewriter.replaceOp(mul, ValueRange{low, high});
    }
    for (Operation *op : candidates) {
      unsigned count = wideWords(op->getOperand(0).getType());
      Value x = op->getOperand(0), y = op->getOperand(1);
      rewriter.setInsertionPoint(op);
      Location loc = op->getLoc();
      if (isa<arith::AddIOp>(op)) {
        rewriter.replaceOp(op, chain(rewriter, loc, x, y, count, "add", false).first);
        continue;
      }
      if (isa<arith::AddUIExtendedOp>(op)) {
        auto [sum, carry] = chain(rewriter, loc, x, y, count, "add", true);
        rewriter.replaceOp(op, ValueRange{sum, carry});
        continue;
      }
      // x - y, and x < y (x >= y) from the borrow for the comparisons of the
      // same operands in the same block.
      SmallVector<arith::CmpIOp> compares;
      for (Operation *user : x.getUsers())
        if (auto cmp = dyn_cast<arith::CmpIOp>(user);
            cmp && cmp->getBlock() == op->getBlock() && cmp.getLhs() == x &&
            cmp.getRhs() == y &&
            (cmp.getPredicate() == arith::CmpIPredicate::ult ||
             cmp.getPredicate() == arith::CmpIPredicate::uge))
          compares.push_back(cmp);
      // The chain must come before every comparison it answers.
      Operation *first = op;
      for (arith::CmpIOp cmp : compares)
        if (cmp->isBeforeInBlock(first))
          first = cmp;
      rewriter.setInsertionPoint(first);
      auto [diff, borrow] =
          chain(rewriter, loc, x, y, count, "sub", !compares.empty());
      rewriter.replaceOp(op, diff);
      for (arith::CmpIOp cmp : compares) {
        Value result = borrow;
        if (cmp.getPredicate() == arith::CmpIPredicate::uge) {
          rewriter.setInsertionPoint(cmp);
          Value one = arith::ConstantOp::create(rewriter, cmp.getLoc(),
                                                rewriter.getBoolAttr(true));
          result = arith::XOrIOp::create(rewriter, cmp.getLoc(), borrow, one);
        }
        rewriter.replaceOp(cmp, result);
      }
    }
  }
};
} // namespace
