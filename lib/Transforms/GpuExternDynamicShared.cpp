//===- GpuExternDynamicShared.cpp - dynamic shared memory as .extern ------===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//

#include "Vortex/Transforms/Passes.h"

#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/IR/SymbolTable.h"

namespace mlir::vortex {
#define GEN_PASS_DEF_VXGPUEXTERNDYNAMICSHAREDPASS
#include "Vortex/Transforms/Passes.h.inc"
} // namespace mlir::vortex

using namespace mlir;

namespace {
struct VxGpuExternDynamicSharedPass
    : mlir::vortex::impl::VxGpuExternDynamicSharedPassBase<
          VxGpuExternDynamicSharedPass> {
  void runOnOperation() override {
    gpu::GPUModuleOp module = getOperation();
    SmallVector<gpu::DynamicSharedMemoryOp> uses;
    module.walk([&](gpu::DynamicSharedMemoryOp op) { uses.push_back(op); });
    if (uses.empty())
      return;
    MLIRContext *ctx = &getContext();
    auto space =
        gpu::AddressSpaceAttr::get(ctx, gpu::AddressSpace::Workgroup);
    auto globalType = MemRefType::get({0}, IntegerType::get(ctx, 8),
                                      MemRefLayoutAttrInterface{}, space);
    OpBuilder builder(ctx);
    builder.setInsertionPointToStart(module.getBody());
    // Public and uninitialized: external linkage, which NVPTX prints as
    // `.extern .shared .align 16 .b8 name[]`.
    auto global = memref::GlobalOp::create(
        builder, module.getLoc(), "__vx_dynamic_shared",
        builder.getStringAttr("public"), globalType, Attribute(),
        /*constant=*/false, builder.getI64IntegerAttr(16));
    SymbolTable(module).insert(global);
    IRRewriter rewriter(ctx);
    for (gpu::DynamicSharedMemoryOp op : uses) {
      rewriter.setInsertionPoint(op);
      Value base = memref::GetGlobalOp::create(rewriter, op.getLoc(),
                                               globalType, global.getSymName());
      rewriter.replaceOpWithNewOp<memref::CastOp>(op, op.getType(), base);
    }
  }
};
} // namespace
