//===- GpuDeviceBuffers.cpp - host buffers into GPU memory ----------------===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//

#include "BufferAliases.h"
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
/// Decides which host-side buffers live on the GPU: those a kernel reads or
/// writes, that a public function takes or returns, and, transitively, those
/// copied to or from them or passed where one of them is expected. The rest
/// (bookkeeping buffers of host code, such as the deallocation helpers'
/// pointer lists) stay in host memory.
class DeviceBufferAnalysis {
public:
  DeviceBufferAnalysis(ModuleOp module) : symbols(module) {
    for (auto func : module.getOps<func::FuncOp>()) {
      if (func.isExternal())
        continue;
      // Kernels use it, or a public function takes or returns it.
      auto seed = [&](Value root) {
        if (func.isPublic() && isa<BlockArgument>(root))
          return mark(root);
        forEachAliasUse(root, [&](OpOperand &use) {
          Operation *owner = use.getOwner();
          if ((isa<func::ReturnOp>(owner) && func.isPublic()) ||
              owner->getParentOfType<gpu::LaunchOp>())
            mark(root);
        });
      };
      for (BlockArgument arg : func.getArguments())
        if (isa<BaseMemRefType>(arg.getType()))
          seed(arg);
      func.walk([&](Operation *op) {
        if (auto call = dyn_cast<func::CallOp>(op)) {
          // What a public function returns is a device buffer.
          auto callee = symbols.lookup<func::FuncOp>(call.getCallee());
          if (callee && !callee.isExternal() && callee.isPublic())
            for (Value result : call.getResults())
              if (isa<BaseMemRefType>(result.getType()))
                mark(result);
          return;
        }
        if (op->getNumResults() == 1 &&
            isa<BaseMemRefType>(op->getResult(0).getType()) &&
            !getViewSource(op) && !op->getParentOfType<gpu::LaunchOp>())
          seed(op->getResult(0));
      });
    }
    while (!worklist.empty())
      propagate(worklist.pop_back_val());
  }

  bool isDevice(Value buffer) const { return device.contains(getRoot(buffer)); }

private:
  void mark(Value root) {
    if (device.insert(root).second)
      worklist.push_back(root);
  }

  void propagate(Value root) {
    forEachAliasUse(root, [&](OpOperand &use) {
      Operation *owner = use.getOwner();
      if (auto copy = dyn_cast<memref::CopyOp>(owner)) {
        mark(getRoot(copy.getSource()));
        mark(getRoot(copy.getTarget()));
      } else if (auto call = dyn_cast<func::CallOp>(owner)) {
        auto callee = symbols.lookup<func::FuncOp>(call.getCallee());
        if (callee && !callee.isExternal())
          mark(callee.getArgument(use.getOperandNumber()));
      } else if (isa<func::ReturnOp>(owner)) {
        // Callers of a private function receive what it returns.
        auto func = owner->getParentOfType<func::FuncOp>();
        forEachCall(func, [&](func::CallOp call) {
          mark(call.getResult(use.getOperandNumber()));
        });
      }
    });
    // A device argument makes what every caller passes there a device buffer.
    auto arg = dyn_cast<BlockArgument>(root);
    if (!arg || !arg.getOwner()->isEntryBlock())
      return;
    if (auto func = dyn_cast<func::FuncOp>(arg.getOwner()->getParentOp()))
      forEachCall(func, [&](func::CallOp call) {
        mark(getRoot(call.getOperand(arg.getArgNumber())));
      });
  }

  void forEachCall(func::FuncOp func, function_ref<void(func::CallOp)> fn) {
    std::optional<SymbolTable::UseRange> uses =
        SymbolTable::getSymbolUses(func, func->getParentOp());
    if (!uses)
      return;
    for (const SymbolTable::SymbolUse &use : *uses)
      if (auto call = dyn_cast<func::CallOp>(use.getUser()))
        fn(call);
  }

public:
  /// The device buffers that are neither allocated nor received here: host
  /// data (globals, stack buffers) that the device would need.
  SmallVector<Value> getHostRoots() const {
    SmallVector<Value> roots;
    for (Value root : device) {
      Operation *def = root.getDefiningOp();
      if (def && !isa<memref::AllocOp, func::CallOp>(def))
        roots.push_back(root);
    }
    return roots;
  }

private:

  SymbolTable symbols;
  DenseSet<Value> device;
  SmallVector<Value> worklist;
};

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
