//===- GpuFastExp2.cpp - afn exp2 in kernels as ex2.approx.ftz ------------===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//

#include "Vortex/Transforms/Passes.h"

#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir::vortex {
#define GEN_PASS_DEF_VXGPUFASTEXP2PASS
#include "Vortex/Transforms/Passes.h.inc"
} // namespace mlir::vortex

using namespace mlir;

namespace {
struct VxGpuFastExp2Pass
    : mlir::vortex::impl::VxGpuFastExp2PassBase<VxGpuFastExp2Pass> {
  void runOnOperation() override {
    SmallVector<math::Exp2Op> ops;
    getOperation().walk([&](math::Exp2Op op) {
      if (op.getType().isF32() &&
          arith::bitEnumContainsAll(op.getFastmath(),
                                    arith::FastMathFlags::afn))
        ops.push_back(op);
    });
    IRRewriter rewriter(&getContext());
    for (math::Exp2Op op : ops) {
      rewriter.setInsertionPoint(op);
      auto call = LLVM::CallIntrinsicOp::create(
          rewriter, op.getLoc(), op.getType(),
          rewriter.getStringAttr("llvm.nvvm.ex2.approx.ftz.f32"),
          ValueRange{op.getOperand()});
      rewriter.replaceOp(op, call.getResults());
    }
  }
};
} // namespace
