//===- GpuKernelOutlining.cpp - outlining that keeps occupancy hints ------===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//
//
// Upstream gpu-kernel-outlining drops the attributes of a gpu.launch, so a
// pass before it cannot ask ptxas for a register budget that leaves room
// for several blocks per multiprocessor. This pass runs the upstream one and
// carries `nvvm.minctasm` over to the outlined kernel.
//
//===----------------------------------------------------------------------===//

#include "Vortex/Transforms/Passes.h"

#include "mlir/Dialect/DLTI/DLTI.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/GPU/Transforms/Passes.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Pass/PassManager.h"

namespace mlir::vortex {
#define GEN_PASS_DEF_VXGPUKERNELOUTLININGPASS
#include "Vortex/Transforms/Passes.h.inc"
} // namespace mlir::vortex

using namespace mlir;

namespace {
constexpr llvm::StringLiteral kHint = "nvvm.minctasm";

struct VxGpuKernelOutliningPass
    : mlir::vortex::impl::VxGpuKernelOutliningPassBase<
          VxGpuKernelOutliningPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    // Launches and launches already outlined, in module order, with the
    // hint of each launch.
    SmallVector<Attribute> hints;
    bool any = false;
    WalkResult walk = module.walk([&](Operation *op) {
      if (isa<gpu::LaunchFuncOp>(op)) {
        hints.push_back(Attribute());
        return WalkResult::advance();
      }
      auto launch = dyn_cast<gpu::LaunchOp>(op);
      if (!launch)
        return WalkResult::advance();
      Attribute hint = launch->getAttr(kHint);
      if (hint) {
        auto value = dyn_cast<IntegerAttr>(hint);
        if (!value || value.getType() != IntegerType::get(op->getContext(), 32) ||
            value.getInt() < 1) {
          launch.emitError() << "'" << kHint
                             << "' must be a positive i32, got " << hint;
          return WalkResult::interrupt();
        }
        launch->removeAttr(kHint);
        any = true;
      }
      hints.push_back(hint);
      return WalkResult::advance();
    });
    if (walk.wasInterrupted())
      return signalPassFailure();

    OpPassManager outline(ModuleOp::getOperationName());
    outline.addPass(createGpuKernelOutliningPass());
    if (failed(runPipeline(outline, module)))
      return signalPassFailure();
    if (!any)
      return;

    SmallVector<gpu::LaunchFuncOp> launches;
    module.walk([&](gpu::LaunchFuncOp op) { launches.push_back(op); });
    if (launches.size() != hints.size()) {
      module.emitError("kernel outlining changed the number of launches");
      return signalPassFailure();
    }
    SymbolTableCollection symbols;
    for (auto [launch, hint] : llvm::zip(launches, hints)) {
      if (!hint)
        continue;
      auto kernel = symbols.lookupNearestSymbolFrom<gpu::GPUFuncOp>(
          launch, launch.getKernel());
      if (!kernel) {
        launch.emitError("outlined kernel not found");
        return signalPassFailure();
      }
      kernel->setAttr(kHint, hint);
    }
  }
};
} // namespace
