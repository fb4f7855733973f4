//===- GpuDeviceBuffers.cpp - host buffers into GPU memory ----------------===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//

#include "Vortex/Transforms/Passes.h"

#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir::vortex {
#define GEN_PASS_DEF_VXGPUDEVICEBUFFERSPASS
#include "Vortex/Transforms/Passes.h.inc"
} // namespace mlir::vortex

using namespace mlir;

namespace {
struct VxGpuDeviceBuffersPass
    : mlir::vortex::impl::VxGpuDeviceBuffersPassBase<VxGpuDeviceBuffersPass> {
  void runOnOperation() override {
    SmallVector<Operation *> hostOps;
    bool hostAccess = false;
    getOperation()->walk<WalkOrder::PreOrder>([&](Operation *op) -> WalkResult {
      if (isa<gpu::GPUModuleOp, gpu::LaunchOp>(op))
        return WalkResult::skip();
      if (isa<memref::AllocOp, memref::DeallocOp, memref::CopyOp>(op)) {
        hostOps.push_back(op);
      } else if (isa<memref::LoadOp, memref::StoreOp, linalg::LinalgOp>(op)) {
        op->emitError("reads or writes buffer elements on the host, where "
                      "buffers live in GPU memory; it was not mapped to a "
                      "GPU kernel");
        hostAccess = true;
      }
      return WalkResult::advance();
    });
    if (hostAccess)
      return signalPassFailure();

    IRRewriter rewriter(&getContext());
    for (Operation *op : hostOps) {
      rewriter.setInsertionPoint(op);
      Location loc = op->getLoc();
      if (auto alloc = dyn_cast<memref::AllocOp>(op)) {
        auto gpuAlloc = gpu::AllocOp::create(
            rewriter, loc, alloc.getType(), /*asyncToken=*/Type(),
            ValueRange{}, alloc.getDynamicSizes(), alloc.getSymbolOperands(),
            /*hostShared=*/false);
        rewriter.replaceOp(alloc, gpuAlloc.getMemref());
      } else if (auto dealloc = dyn_cast<memref::DeallocOp>(op)) {
        gpu::DeallocOp::create(rewriter, loc, /*asyncToken=*/Type(),
                               ValueRange{}, dealloc.getMemref());
        rewriter.eraseOp(dealloc);
      } else {
        auto copy = cast<memref::CopyOp>(op);
        gpu::MemcpyOp::create(rewriter, loc, /*asyncToken=*/Type(),
                              ValueRange{}, copy.getTarget(),
                              copy.getSource());
        rewriter.eraseOp(copy);
      }
    }
  }
};
} // namespace
