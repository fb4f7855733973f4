//===- GpuSerialKernels.cpp - unmapped loop nests as one-thread kernels ---===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//

#include "Vortex/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir::vortex {
#define GEN_PASS_DEF_VXGPUSERIALKERNELSPASS
#include "Vortex/Transforms/Passes.h.inc"
} // namespace mlir::vortex

using namespace mlir;

namespace {
struct VxGpuSerialKernelsPass
    : mlir::vortex::impl::VxGpuSerialKernelsPassBase<VxGpuSerialKernelsPass> {
  void runOnOperation() override {
    SmallVector<Operation *> nests;
    getOperation()->walk<WalkOrder::PreOrder>([&](Operation *op) {
      if (isa<gpu::GPUModuleOp, gpu::LaunchOp>(op))
        return WalkResult::skip();
      // A lone store (the fill of a rank-0 buffer) runs on the device too.
      if (isa<memref::StoreOp>(op)) {
        nests.push_back(op);
        return WalkResult::skip();
      }
      auto loop = dyn_cast<scf::ForOp>(op);
      if (!loop)
        return WalkResult::advance();
      // Only nests that touch buffer elements need the device; their results
      // (loop-carried values) would have to come back to the host.
      // Host loops that launch kernels stay on the host.
      bool touchesMemory = false, launches = false;
      loop.walk([&](Operation *inner) {
        touchesMemory |= isa<memref::LoadOp, memref::StoreOp>(inner);
        launches |= isa<gpu::LaunchOp>(inner);
      });
      if (launches)
        return WalkResult::advance();
      if (touchesMemory && loop.getNumResults() == 0)
        nests.push_back(loop);
      return WalkResult::skip();
    });

    IRRewriter rewriter(&getContext());
    for (Operation *loop : nests) {
      Location loc = loop->getLoc();
      rewriter.setInsertionPoint(loop);
      Value one = arith::ConstantIndexOp::create(rewriter, loc, 1);
      auto launch = gpu::LaunchOp::create(rewriter, loc, one, one, one, one,
                                          one, one);
      Block &body = launch.getBody().front();
      rewriter.setInsertionPointToEnd(&body);
      auto terminator = gpu::TerminatorOp::create(rewriter, loc);
      loop->moveBefore(terminator);
    }
  }
};
} // namespace
