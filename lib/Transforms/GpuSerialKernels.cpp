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

/// Whether `op` may run inside a one-thread kernel: no launches, allocations,
/// calls or terminators, and no regions other than loops and ifs.
static bool isMovable(Operation *op) {
  if (op->hasTrait<OpTrait::IsTerminator>() ||
      isa<gpu::LaunchOp, memref::AllocOp, memref::AllocaOp, memref::DeallocOp,
          CallOpInterface>(op))
    return false;
  bool movable = true;
  op->walk([&](Operation *inner) {
    movable &= !isa<gpu::LaunchOp, memref::AllocOp, memref::DeallocOp,
                    CallOpInterface>(inner);
  });
  return movable;
}

/// The ops from `loop` up to the last one that uses what they define, when
/// all of them can move into a kernel together and nothing after them uses
/// their results: the loop nests of an algorithm whose loop-carried values
/// flow from one nest to the next (a batch inversion's running product).
static std::optional<SmallVector<Operation *>> closeOverUses(Operation *loop) {
  SmallVector<Operation *> group;
  llvm::SmallPtrSet<Operation *, 16> members;
  auto usedAfter = [&](Operation *op) {
    for (Value result : op->getResults())
      for (Operation *user : result.getUsers()) {
        Operation *ancestor = loop->getBlock()->findAncestorOpInBlock(*user);
        if (!ancestor || !members.contains(ancestor))
          return true;
      }
    return false;
  };
  for (Operation *op = loop; op; op = op->getNextNode()) {
    if (!isMovable(op))
      return std::nullopt;
    group.push_back(op);
    members.insert(op);
    if (llvm::none_of(group, usedAfter))
      return group;
  }
  return std::nullopt;
}

namespace {
struct VxGpuSerialKernelsPass
    : mlir::vortex::impl::VxGpuSerialKernelsPassBase<VxGpuSerialKernelsPass> {
  void runOnOperation() override {
    // Loops over host bookkeeping buffers (the deallocation helper's pointer
    // lists) stay on the host; only loops that touch a buffer living on the
    // GPU move there.
    DeviceBufferAnalysis analysis(getOperation());
    SmallVector<SmallVector<Operation *>> nests;
    llvm::SmallPtrSet<Operation *, 16> grouped;
    getOperation()->walk<WalkOrder::PreOrder>([&](Operation *op) {
      if (isa<gpu::GPUModuleOp, gpu::LaunchOp>(op) || grouped.contains(op))
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
      if (!touchesMemory)
        return WalkResult::skip();
      if (loop.getNumResults() == 0) {
        nests.push_back({loop});
        return WalkResult::skip();
      }
      // Loop-carried results move with the ops that use them.
      if (std::optional<SmallVector<Operation *>> group = closeOverUses(loop)) {
        grouped.insert(group->begin(), group->end());
        nests.push_back(std::move(*group));
      }
      return WalkResult::skip();
    });

    IRRewriter rewriter(&getContext());
    for (ArrayRef<Operation *> group : nests)
      wrap(rewriter, group);
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
    for (Operation *store : stores)
      wrap(rewriter, store);
  }

  /// Puts consecutive ops of one block, whose results nothing after them
  /// uses, in a one-block, one-thread gpu.launch of their own.
  void wrap(IRRewriter &rewriter, ArrayRef<Operation *> ops) {
    Location loc = ops.front()->getLoc();
    rewriter.setInsertionPoint(ops.front());
    Value one = arith::ConstantIndexOp::create(rewriter, loc, 1);
    auto launch =
        gpu::LaunchOp::create(rewriter, loc, one, one, one, one, one, one);
    Block &body = launch.getBody().front();
    rewriter.setInsertionPointToEnd(&body);
    auto terminator = gpu::TerminatorOp::create(rewriter, loc);
    for (Operation *op : ops)
      op->moveBefore(terminator);
  }
};
} // namespace
