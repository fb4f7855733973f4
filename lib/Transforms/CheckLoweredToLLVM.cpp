//===- CheckLoweredToLLVM.cpp - report what lowering left behind ----------===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//

#include "Vortex/Transforms/Passes.h"

#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Interfaces/FunctionInterfaces.h"
#include "llvm/ADT/StringSet.h"

namespace mlir::vortex {
#define GEN_PASS_DEF_VXCHECKLOWEREDTOLLVMPASS
#include "Vortex/Transforms/Passes.h.inc"
} // namespace mlir::vortex

using namespace mlir;

namespace {
struct VxCheckLoweredToLLVMPass
    : mlir::vortex::impl::VxCheckLoweredToLLVMPassBase<
          VxCheckLoweredToLLVMPass> {
  void runOnOperation() override {
    // Functions, returns and conversion casts stay behind whenever an op
    // they touch does, so they are reported only when nothing else is.
    SmallVector<Operation *> causes, structural;
    getOperation()->walk<WalkOrder::PreOrder>([&](Operation *op) {
      // Kernel binaries and their launches translate to LLVM IR as they are.
      if (isa<gpu::BinaryOp>(op))
        return WalkResult::skip();
      if (isa<ModuleOp, gpu::LaunchFuncOp>(op) ||
          isa<LLVM::LLVMDialect>(op->getDialect()))
        return WalkResult::advance();
      if (op->hasTrait<OpTrait::IsTerminator>() ||
          isa<FunctionOpInterface, UnrealizedConversionCastOp>(op))
        structural.push_back(op);
      else
        causes.push_back(op);
      return WalkResult::advance();
    });
    ArrayRef<Operation *> report = causes.empty() ? structural : causes;
    llvm::StringSet<> reported;
    for (Operation *op : report)
      if (reported.insert(op->getName().getStringRef()).second)
        op->emitError("'")
            << op->getName()
            << "' is left after lowering to LLVM: nothing in this pipeline "
               "lowers it";
    if (!report.empty())
      signalPassFailure();
  }
};
} // namespace
