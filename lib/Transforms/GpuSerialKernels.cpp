//===- GpuSerialKernels.cpp - unmapped loop nests as one-thread kernels ---===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//

#include "BufferAliases.h"
#include "DeviceBufferAnalysis.h"
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
using namespace mlir::vortex;

/// Whether a kernel reads or writes `buffer` or a view of the same buffer.
static bool isUsedByKernel(Value buffer) {
  bool used = false;
  forEachAliasUse(getRoot(buffer), [&](OpOperand &use) {
    used |= use.getOwner()->getParentOfType<gpu::LaunchOp>() != nullptr;
  });
  return used;
}

namespace {
struct VxGpuSerialKernelsPass
    : mlir::vortex::impl::VxGpuSerialKernelsPassBase<VxGpuSerialKernelsPass> {
  void runOnOperation() override {
    // Loops over host bookkeeping buffers (the deallocation helper's pointer
    // lists) stay on the host; only loops that touch a buffer living on the
    // GPU move there.
    DeviceBufferAnalysis analysis(getOperation());
    SmallVector<Operation *> nests;
    getOperation()->walk<WalkOrder::PreOrder>([&](Operation *op) {
      if (isa<gpu::GPUModuleOp, gpu::LaunchOp>(op))
        return WalkResult::skip();
      auto loop = dyn_cast<scf::ForOp>(op);
      if (!loop)
        return WalkResult::advance();
      // Only nests that touch buffer elements need the device; their results
      // (loop-carried values) would have to come back to the host.
      // Host loops that launch kernels stay on the host.
      bool touchesMemory = false, launches = false;
      loop.walk([&](Operation *inner) {
        if (auto load = dyn_cast<memref::LoadOp>(inner))
          touchesMemory |= analysis.isDevice(load.getMemRef());
        if (auto store = dyn_cast<memref::StoreOp>(inner))
          touchesMemory |= analysis.isDevice(store.getMemRef());
        launches |= isa<gpu::LaunchOp>(inner);
      });
      if (launches)
        return WalkResult::advance();
      if (touchesMemory && loop.getNumResults() == 0)
        nests.push_back(loop);
      return WalkResult::skip();
    });

    IRRewriter rewriter(&getContext());
    wrap(rewriter, nests);
    // Then lone stores to buffers that kernels use (the fill of a rank-0
    // buffer) run on the device too; bookkeeping buffers stay on the host.
    SmallVector<Operation *> stores;
    getOperation()->walk<WalkOrder::PreOrder>([&](Operation *op) {
      if (isa<gpu::GPUModuleOp, gpu::LaunchOp>(op))
        return WalkResult::skip();
      auto store = dyn_cast<memref::StoreOp>(op);
      if (store && !store->getParentOfType<scf::ForOp>() &&
          isUsedByKernel(store.getMemRef()))
        stores.push_back(op);
      return WalkResult::advance();
    });
    wrap(rewriter, stores);
  }

  /// Puts each op in a one-block, one-thread gpu.launch of its own.
  void wrap(IRRewriter &rewriter, ArrayRef<Operation *> ops) {
    for (Operation *loop : ops) {
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
