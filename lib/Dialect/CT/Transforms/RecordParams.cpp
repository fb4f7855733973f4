//===- RecordParams.cpp - vx-ct-record-params: secrets past lowering ------===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//
//
// The conversion to the LLVM dialect expands a memref argument into the
// fields of its descriptor and drops the argument's attributes, and kernel
// outlining gives kernels arguments without them: `vx_ct.secret` would not
// survive to the check after lowering. This pass records, before lowering,
// which parameters of the lowered signature are secret.
//
//===----------------------------------------------------------------------===//

#include "Vortex/Dialect/CT/Analysis/SecrecyAnalysis.h"
#include "Vortex/Dialect/CT/IR/CTDialect.h"
#include "Vortex/Dialect/CT/Transforms/Passes.h"

#include "mlir/Conversion/LLVMCommon/TypeConverter.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Interfaces/FunctionInterfaces.h"

namespace mlir {
namespace vortex {
namespace vx_ct {
#define GEN_PASS_DEF_VXCTRECORDPARAMSPASS
#include "Vortex/Dialect/CT/Transforms/Passes.h.inc"
} // namespace vx_ct
} // namespace vortex
} // namespace mlir

using namespace mlir;
using namespace mlir::vortex::vx_ct;

namespace {

/// Which parameters of `func`'s lowered signature are secret: for each
/// argument, those it becomes (by the LLVM type converter, with memref
/// descriptors expanded as func-to-llvm and gpu-to-nvvm do) that are
/// pointers to memory that holds secrets, or all of them if its value is
/// secret.
FailureOr<SmallVector<bool>>
loweredSecretParams(FunctionOpInterface func, const DataFlowSolver &solver,
                    const LLVMTypeConverter &converter) {
  auto type = dyn_cast<FunctionType>(func.getFunctionType());
  if (!type)
    return func->emitError("vx-ct-record-params: cannot lower the signature "
                           "of '")
           << func.getName() << "'";
  TypeConverter::SignatureConversion conversion(type.getNumInputs());
  if (!converter.convertFunctionSignature(type, /*isVariadic=*/false,
                                          /*useBarePtrCallConv=*/false,
                                          conversion))
    return func->emitError("vx-ct-record-params: the LLVM type converter "
                           "cannot lower the signature of '")
           << func.getName() << "'";
  ArrayRef<Type> lowered = conversion.getConvertedTypes();
  SmallVector<bool> params(lowered.size(), false);
  for (BlockArgument arg : func.getArguments()) {
    const Secrecy &secrecy = getSecrecy(solver, arg);
    if (!secrecy.value.secret && !secrecy.memory.secret)
      continue;
    auto mapping = conversion.getInputMapping(arg.getArgNumber());
    if (!mapping)
      continue;
    for (unsigned i = mapping->inputNo, e = i + mapping->size; i < e; ++i)
      if (secrecy.value.secret ||
          (secrecy.memory.secret && isa<LLVM::LLVMPointerType>(lowered[i])))
        params[i] = true;
  }
  return params;
}

struct VxCTRecordParamsPass
    : public vortex::vx_ct::impl::VxCTRecordParamsPassBase<
          VxCTRecordParamsPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SetVector<Operation *> roots = collectConstantTimeCode(module);
    if (roots.empty())
      return;
    DataFlowSolver solver;
    loadSecrecyAnalysis(solver);
    if (failed(solver.initializeAndRun(module)))
      return signalPassFailure();

    LLVMTypeConverter converter(&getContext());
    MLIRContext *ctx = &getContext();
    for (Operation *root : roots) {
      auto func = dyn_cast<FunctionOpInterface>(root);
      if (!func || func.isExternal())
        continue;
      FailureOr<SmallVector<bool>> params =
          loweredSecretParams(func, solver, converter);
      if (failed(params))
        return signalPassFailure();
      func->setAttr(VxCTDialect::kLoweredSecretParamsAttrName,
                    DenseBoolArrayAttr::get(ctx, *params));
      // The record replaces the marks, which the lowering would otherwise
      // copy onto the pointer parameters of the C wrappers it generates
      // (`_mlir_ciface_`), where they would mark the descriptors secret.
      for (unsigned i = 0, e = func.getNumArguments(); i < e; ++i)
        func.removeArgAttr(i, VxCTDialect::kSecretAttrName);
      func->setAttr(VxCTDialect::kConstantTimeAttrName, UnitAttr::get(ctx));
    }
  }
};

} // namespace
