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
#include "llvm/Support/MathExtras.h"

namespace mlir::vortex {
#define GEN_PASS_DEF_VXGPUDEVICEBUFFERSPASS
#include "Vortex/Transforms/Passes.h.inc"
} // namespace mlir::vortex

using namespace mlir;
using namespace mlir::vortex;

/// Whether LLVM lays `type`'s elements out alike on x86-64 and NVPTX hosts
/// and kernels: integers wider than 128 bits take their size rounded up to
/// 16 bytes on the host but to 32 on NVPTX (whose data layout aligns i256
/// to 32 bytes and wider integers alike), so an i384 (BLS12-381 Fq) is 48
/// bytes on the host and 64 in a kernel.
static bool hasSameLayoutOnDevice(MemRefType type) {
  auto integer = dyn_cast<IntegerType>(type.getElementType());
  if (!integer || integer.getWidth() <= 128)
    return true;
  int64_t bytes = llvm::divideCeil(integer.getWidth(), 8);
  return llvm::alignTo(bytes, 16) == llvm::alignTo(bytes, 32);
}

namespace {
struct VxGpuDeviceBuffersPass
    : mlir::vortex::impl::VxGpuDeviceBuffersPassBase<VxGpuDeviceBuffersPass> {
  void runOnOperation() override {
    DeviceBufferAnalysis analysis(getOperation());
    SmallVector<Operation *> toRewrite;
    bool hostAccess = false;
    SymbolTable symbols(getOperation());
    auto checkLayout = [&](Operation *at, Value buffer) {
      auto type = dyn_cast<MemRefType>(buffer.getType());
      if (!type || hasSameLayoutOnDevice(type) || !analysis.isDevice(buffer))
        return;
      auto integer = cast<IntegerType>(type.getElementType());
      int64_t bytes = llvm::divideCeil(integer.getWidth(), 8);
      at->emitError("GPU buffers of ")
          << integer << " elements are not supported: LLVM lays an "
          << integer << " out in " << llvm::alignTo(bytes, 16)
          << " bytes on the host and in " << llvm::alignTo(bytes, 32)
          << " in NVPTX kernels, so host code and kernels would disagree on "
             "where its elements are (fields of more than 256 bits whose "
             "width is not a multiple of 256, such as BLS12-381 Fq, run on "
             "the CPU)";
      hostAccess = true;
    };
    for (auto func : getOperation().getOps<func::FuncOp>())
      if (!func.isExternal())
        for (BlockArgument arg : func.getArguments())
          checkLayout(func, arg);
    getOperation()->walk<WalkOrder::PreOrder>([&](Operation *op) -> WalkResult {
      if (isa<gpu::GPUModuleOp, gpu::LaunchOp>(op))
        return WalkResult::skip();
      if (auto alloc = dyn_cast<memref::AllocOp>(op))
        checkLayout(op, alloc);
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
