//===- DeviceBufferAnalysis.h - which buffers live on the GPU ---*- C++ -*-===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//
//
// The analysis that vx-gpu-device-buffers places buffers with, shared with
// vx-gpu-serial-kernels, which moves only loops over device buffers.
//
//===----------------------------------------------------------------------===//

#ifndef VORTEX_LIB_TRANSFORMS_DEVICEBUFFERANALYSIS_H
#define VORTEX_LIB_TRANSFORMS_DEVICEBUFFERANALYSIS_H

#include "BufferAliases.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/NVGPU/IR/NVGPUDialect.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/SymbolTable.h"
#include "llvm/ADT/DenseSet.h"

namespace mlir::vortex {

/// Decides which host-side buffers live on the GPU: those a kernel reads or
/// writes, that a public function takes or returns, and, transitively, those
/// copied to or from them or passed where one of them is expected. The rest
/// (bookkeeping buffers of host code, such as the deallocation helpers'
/// pointer lists) stay in host memory.
class DeviceBufferAnalysis {
public:
  DeviceBufferAnalysis(ModuleOp module)
      : symbols(module), users(symbolTables, module) {
    for (auto func : module.getOps<func::FuncOp>()) {
      if (func.isExternal())
        continue;
      // Kernels use it, or a public function takes or returns it.
      auto seed = [&](Value root) {
        if (func.isPublic() && isa<BlockArgument>(root))
          return mark(root);
        forEachAliasUse(root, [&](OpOperand &use) {
          Operation *owner = use.getOwner();
          // TMA descriptors are addresses that kernels read through.
          if ((isa<func::ReturnOp>(owner) && func.isPublic()) ||
              owner->getParentOfType<gpu::LaunchOp>() ||
              isa<nvgpu::TmaCreateDescriptorOp>(owner))
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

  // The users of every symbol are collected once: looking them up per
  // function walks the whole module each time, quadratic in its size.
  void forEachCall(func::FuncOp func, function_ref<void(func::CallOp)> fn) {
    for (Operation *user : users.getUsers(func))
      if (auto call = dyn_cast<func::CallOp>(user))
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
  SymbolTableCollection symbolTables;
  SymbolUserMap users;
  DenseSet<Value> device;
  SmallVector<Value> worklist;
};

} // namespace mlir::vortex

#endif // VORTEX_LIB_TRANSFORMS_DEVICEBUFFERANALYSIS_H
