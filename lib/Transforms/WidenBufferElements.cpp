//===- WidenBufferElements.cpp - one element layout on host and GPU -------===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//
//
// Buffers of integers that LLVM lays out in different sizes in host code and
// in NVPTX kernels (an i384 takes 48 bytes on x86-64 and 64 in a kernel) get
// the element type of the larger size; loads truncate, stores zero-extend.
//
//===----------------------------------------------------------------------===//

#include "Vortex/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlowOps.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Func/Transforms/FuncConversions.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/SCF/Transforms/Patterns.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Transforms/DialectConversion.h"
#include "llvm/IR/DataLayout.h"
#include "llvm/Support/MathExtras.h"

namespace mlir::vortex {
#define GEN_PASS_DEF_VXWIDENBUFFERELEMENTSPASS
#include "Vortex/Transforms/Passes.h.inc"
} // namespace mlir::vortex

using namespace mlir;

/// The size in bytes LLVM allocates for an integer of `width` bits under
/// `layout`: its store size rounded up to its ABI alignment.
static uint64_t allocBytes(const llvm::DataLayout &layout, unsigned width) {
  return llvm::alignTo(llvm::divideCeil(width, 8),
                       layout.getABIIntegerTypeAlignment(width).value());
}

/// The integer type whose slots hold elements of `type` in buffers: `type`
/// itself where host code and kernels allocate it alike, else the integer of
/// the larger allocation size. The layouts are those of LLVM 22's x86-64 and
/// NVPTX64 targets (AArch64 aligns integers as x86-64 does).
static IntegerType getSlotType(IntegerType type) {
  static const llvm::DataLayout host(
      "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:"
      "32:64-S128");
  static const llvm::DataLayout nvptx(
      "e-p6:32:32-i64:64-i128:128-i256:256-v16:16-v32:32-n16:32:64");
  unsigned width = type.getWidth();
  uint64_t onHost = allocBytes(host, width);
  uint64_t onDevice = allocBytes(nvptx, width);
  if (onHost == onDevice)
    return type;
  return IntegerType::get(type.getContext(),
                          8 * std::max(onHost, onDevice));
}

/// The slot type of a buffer element, or null when `type` is not a buffer
/// whose elements are widened.
static IntegerType getWidenedElement(Type type) {
  auto memref = dyn_cast<BaseMemRefType>(type);
  if (!memref)
    return {};
  auto integer = dyn_cast<IntegerType>(memref.getElementType());
  if (!integer)
    return {};
  IntegerType slot = getSlotType(integer);
  return slot == integer ? IntegerType() : slot;
}

static bool isWidened(Type type) { return bool(getWidenedElement(type)); }

namespace {
/// Memrefs of widened integers get their slot type as element type.
struct SlotTypeConverter : TypeConverter {
  SlotTypeConverter() {
    addConversion([](Type type) { return type; });
    addConversion([](MemRefType type) -> Type {
      IntegerType slot = getWidenedElement(type);
      return slot ? MemRefType::get(type.getShape(), slot, type.getLayout(),
                                    type.getMemorySpace())
                  : type;
    });
    addConversion([](UnrankedMemRefType type) -> Type {
      IntegerType slot = getWidenedElement(type);
      return slot ? UnrankedMemRefType::get(slot, type.getMemorySpace())
                  : type;
    });
  }
};

/// Operations whose meaning does not depend on the element's size in bytes:
/// they are rebuilt with the converted operand and result types.
bool isLayoutAgnostic(Operation *op) {
  return isa<memref::AllocOp, memref::AllocaOp, memref::DeallocOp,
             memref::CopyOp, memref::CastOp, memref::SubViewOp,
             memref::ReinterpretCastOp, memref::ReshapeOp,
             memref::ExpandShapeOp, memref::CollapseShapeOp, memref::DimOp,
             memref::RankOp, memref::ExtractStridedMetadataOp,
             memref::ExtractAlignedPointerAsIndexOp, memref::GetGlobalOp,
             memref::AssumeAlignmentOp, memref::MemorySpaceCastOp,
             gpu::AllocOp, gpu::DeallocOp, gpu::MemcpyOp>(op);
}

/// Operations that the structural patterns (func, scf, cf) convert.
bool isStructural(Operation *op) {
  return isa<func::FuncOp, func::CallOp, func::ReturnOp, cf::BranchOp,
             cf::CondBranchOp>(op) ||
         (op->getDialect() && isa<scf::SCFDialect>(op->getDialect()));
}

struct RetypeOp : ConversionPattern {
  RetypeOp(const TypeConverter &converter, MLIRContext *context)
      : ConversionPattern(converter, MatchAnyOpTypeTag(), /*benefit=*/1,
                          context) {}

  LogicalResult
  matchAndRewrite(Operation *op, ArrayRef<Value> operands,
                  ConversionPatternRewriter &rewriter) const override {
    if (!isLayoutAgnostic(op))
      return failure();
    SmallVector<Type> results;
    if (failed(getTypeConverter()->convertTypes(op->getResultTypes(),
                                                results)))
      return failure();
    OperationState state(op->getLoc(), op->getName());
    state.addOperands(operands);
    state.addTypes(results);
    state.addAttributes(llvm::to_vector(op->getDiscardableAttrs()));
    state.propertiesAttr = op->getPropertiesAsAttribute();
    rewriter.replaceOp(op, rewriter.create(state)->getResults());
    return success();
  }
};

struct WidenLoad : OpConversionPattern<memref::LoadOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(memref::LoadOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto load = memref::LoadOp::create(rewriter, op.getLoc(),
                                       adaptor.getMemref(),
                                       adaptor.getIndices(),
                                       op.getNontemporal());
    load.setAlignment(op.getAlignment());
    rewriter.replaceOpWithNewOp<arith::TruncIOp>(op, op.getType(), load);
    return success();
  }
};

struct WidenStore : OpConversionPattern<memref::StoreOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(memref::StoreOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto slot = cast<MemRefType>(adaptor.getMemref().getType());
    Value value = arith::ExtUIOp::create(
        rewriter, op.getLoc(), slot.getElementType(), adaptor.getValue());
    auto store = rewriter.replaceOpWithNewOp<memref::StoreOp>(
        op, value, adaptor.getMemref(), adaptor.getIndices(),
        op.getNontemporal());
    store.setAlignment(op.getAlignment());
    return success();
  }
};

/// A global's type and its initial value, each element zero-extended.
struct WidenGlobal : OpConversionPattern<memref::GlobalOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(memref::GlobalOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto type = cast<MemRefType>(getTypeConverter()->convertType(op.getType()));
    unsigned width = type.getElementTypeBitWidth();
    Attribute initial = op.getInitialValueAttr();
    if (auto dense = dyn_cast_if_present<DenseIntElementsAttr>(initial))
      initial = dense.mapValues(type.getElementType(), [&](const APInt &v) {
        return v.zext(width);
      });
    else if (initial && !isa<UnitAttr>(initial))
      return rewriter.notifyMatchFailure(op, "initial value is not dense");
    rewriter.modifyOpInPlace(op, [&] {
      op.setType(type);
      op.setInitialValueAttr(initial);
    });
    return success();
  }
};

/// Reports an operation on widened buffers that the pass cannot convert.
LogicalResult checkSupported(Operation *op) {
  auto involvesWidened = [&] {
    if (llvm::any_of(op->getOperandTypes(), isWidened) ||
        llvm::any_of(op->getResultTypes(), isWidened))
      return true;
    for (Region &region : op->getRegions())
      for (Block &block : region)
        if (llvm::any_of(block.getArgumentTypes(), isWidened))
          return true;
    return false;
  };
  if (auto func = dyn_cast<func::FuncOp>(op)) {
    if (!func.isExternal() ||
        (!llvm::any_of(func.getArgumentTypes(), isWidened) &&
         !llvm::any_of(func.getResultTypes(), isWidened)))
      return success();
    return func.emitOpError("declares a function over buffers of wide "
                            "integers that must be stored in wider slots; "
                            "its code, compiled elsewhere, would read them "
                            "in the narrower layout");
  }
  if (auto global = dyn_cast<memref::GlobalOp>(op)) {
    Attribute initial = global.getInitialValueAttr();
    if (!isWidened(global.getType()) || !initial || isa<UnitAttr>(initial) ||
        isa<DenseIntElementsAttr>(initial))
      return success();
    return global.emitOpError("has an initial value that is not dense "
                              "elements; its elements cannot be widened");
  }
  if (isLayoutAgnostic(op) || isStructural(op) ||
      isa<memref::LoadOp, memref::StoreOp>(op) || !involvesWidened())
    return success();
  SmallVector<Type> types(op->getOperandTypes());
  llvm::append_range(types, op->getResultTypes());
  for (Region &region : op->getRegions())
    for (Block &block : region)
      llvm::append_range(types, block.getArgumentTypes());
  Type wide = *llvm::find_if(types, isWidened);
  auto element = cast<IntegerType>(cast<BaseMemRefType>(wide).getElementType());
  InFlightDiagnostic diag = op->emitOpError("on buffers of ");
  diag << element << " elements is not supported: such buffers store their "
       << "elements in " << getSlotType(element).getWidth() / 8
       << "-byte slots (LLVM lays an " << element
       << " out in different sizes in host code and in NVPTX kernels), and "
          "this operation cannot be rewritten for them";
  return diag;
}

struct VxWidenBufferElementsPass
    : mlir::vortex::impl::VxWidenBufferElementsPassBase<
          VxWidenBufferElementsPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    bool ok = true;
    module.walk([&](Operation *op) { ok &= succeeded(checkSupported(op)); });
    if (!ok)
      return signalPassFailure();

    MLIRContext *context = &getContext();
    SlotTypeConverter converter;
    RewritePatternSet patterns(context);
    ConversionTarget target(*context);
    populateFunctionOpInterfaceTypeConversionPattern<func::FuncOp>(patterns,
                                                                   converter);
    populateCallOpTypeConversionPattern(patterns, converter);
    populateReturnOpTypeConversionPattern(patterns, converter);
    populateBranchOpInterfaceTypeConversionPattern(patterns, converter);
    scf::populateSCFStructuralTypeConversionsAndLegality(converter, patterns,
                                                         target);
    patterns.add<RetypeOp>(converter, context);
    patterns.add<WidenLoad, WidenStore, WidenGlobal>(converter, context);
    target.markUnknownOpDynamicallyLegal(
        [&](Operation *op) { return converter.isLegal(op); });
    target.addDynamicallyLegalOp<func::FuncOp>([&](func::FuncOp op) {
      return converter.isSignatureLegal(op.getFunctionType()) &&
             converter.isLegal(&op.getBody());
    });
    target.addDynamicallyLegalOp<memref::GlobalOp>(
        [&](memref::GlobalOp op) { return !isWidened(op.getType()); });
    target.addDynamicallyLegalOp<cf::BranchOp, cf::CondBranchOp>(
        [&](Operation *op) {
          return isLegalForBranchOpInterfaceTypeConversionPattern(op,
                                                                  converter);
        });
    if (failed(applyPartialConversion(module, target, std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace
