//===- GpuDeviceBuffers.cpp - host buffers into GPU memory ----------------===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//

#include "BufferAliases.h"
#include "DeviceBufferAnalysis.h"
#include "Vortex/Transforms/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Interfaces/ViewLikeInterface.h"

namespace mlir::vortex {
#define GEN_PASS_DEF_VXGPUDEVICEBUFFERSPASS
#include "Vortex/Transforms/Passes.h.inc"
} // namespace mlir::vortex

using namespace mlir;
using namespace mlir::vortex;

namespace {
struct VxGpuDeviceBuffersPass
    : mlir::vortex::impl::VxGpuDeviceBuffersPassBase<VxGpuDeviceBuffersPass> {
  void runOnOperation() override {
    DeviceBufferAnalysis analysis(getOperation());
    SmallVector<Operation *> toRewrite;
    bool hostAccess = false;
    SymbolTable symbols(getOperation());
    getOperation()->walk<WalkOrder::PreOrder>([&](Operation *op) -> WalkResult {
      if (isa<gpu::GPUModuleOp, gpu::LaunchOp>(op))
        return WalkResult::skip();
      if (auto alloc = dyn_cast<memref::AllocOp>(op)) {
        if (analysis.isDevice(alloc))
          toRewrite.push_back(op);
      } else if (auto dealloc = dyn_cast<memref::DeallocOp>(op)) {
        if (analysis.isDevice(dealloc.getMemref()))
          toRewrite.push_back(op);
      } else if (auto copy = dyn_cast<memref::CopyOp>(op)) {
        if (analysis.isDevice(copy.getSource()) ||
            analysis.isDevice(copy.getTarget()))
          toRewrite.push_back(op);
      } else if (auto call = dyn_cast<func::CallOp>(op)) {
        auto callee = symbols.lookup<func::FuncOp>(call.getCallee());
        if (callee && callee.isExternal())
          for (Value operand : call.getOperands())
            if (isa<BaseMemRefType>(operand.getType()) &&
                analysis.isDevice(operand)) {
              call.emitError("passes a GPU buffer to '")
                  << call.getCallee()
                  << "', an external function that runs on the host";
              hostAccess = true;
              break;
            }
      } else if (isa<memref::LoadOp, memref::StoreOp, linalg::LinalgOp>(op) &&
                 llvm::any_of(op->getOperands(), [&](Value operand) {
                   return isa<BaseMemRefType>(operand.getType()) &&
                          analysis.isDevice(operand);
                 })) {
        op->emitError("reads or writes buffer elements on the host, where "
                      "buffers live in GPU memory; it was not mapped to a "
                      "GPU kernel");
        hostAccess = true;
      }
      return WalkResult::advance();
    });
    IRRewriter rewriter(&getContext());
    // Constants in host memory are copied to the device where they are
    // defined; other host buffers cannot be.
    for (Value root : analysis.getHostRoots()) {
      Operation *def = root.getDefiningOp();
      if (!isa<memref::GetGlobalOp>(def)) {
        def->emitError("defines a buffer in host memory that is used as a GPU "
                       "buffer");
        hostAccess = true;
        continue;
      }
      auto type = cast<MemRefType>(root.getType());
      rewriter.setInsertionPointAfter(def);
      Value copy = gpu::AllocOp::create(rewriter, def->getLoc(), type,
                                        /*asyncToken=*/Type(), ValueRange{},
                                        ValueRange{}, ValueRange{},
                                        /*hostShared=*/false)
                       .getMemref();
      rewriter.replaceAllUsesExcept(root, copy, {});
      gpu::MemcpyOp::create(rewriter, def->getLoc(), /*asyncToken=*/Type(),
                            ValueRange{}, copy, root);
      // The copy lives until the end of the block that made it.
      Operation *terminator = def->getBlock()->getTerminator();
      if (!llvm::is_contained(terminator->getOperands(), copy)) {
        rewriter.setInsertionPoint(terminator);
        gpu::DeallocOp::create(rewriter, def->getLoc(), /*asyncToken=*/Type(),
                               ValueRange{}, copy);
      }
    }
    if (hostAccess)
      return signalPassFailure();

    for (Operation *op : toRewrite) {
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
