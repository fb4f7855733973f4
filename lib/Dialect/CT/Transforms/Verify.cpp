//===- Verify.cpp - vx-ct-verify(-lowered): no secret reaches a leak ------===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//

#include "Vortex/Dialect/CT/Analysis/SecrecyAnalysis.h"
#include "Vortex/Dialect/CT/IR/CTInterfaces.h"
#include "Vortex/Dialect/CT/IR/CTOps.h"
#include "Vortex/Dialect/CT/Transforms/Passes.h"

#include "mlir/Analysis/DataFlow/DeadCodeAnalysis.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/LLVMIR/NVVMDialect.h"
#include "mlir/Interfaces/CallInterfaces.h"
#include "mlir/Interfaces/FunctionInterfaces.h"
#include "llvm/ADT/SetVector.h"

namespace mlir {
namespace vortex {
namespace vx_ct {
#define GEN_PASS_DEF_VXCTVERIFYPASS
#define GEN_PASS_DEF_VXCTVERIFYLOWEREDPASS
#include "Vortex/Dialect/CT/Transforms/Passes.h.inc"
} // namespace vx_ct
} // namespace vortex
} // namespace mlir

using namespace mlir;
using namespace mlir::vortex::vx_ct;

namespace {

/// Whether `op` runs on the GPU.
bool isInKernel(Operation *op) {
  return op->getParentOfType<gpu::LaunchOp>() ||
         op->getParentOfType<gpu::GPUModuleOp>();
}

/// Whether `op` accesses shared (workgroup) memory.
bool accessesSharedMemory(Operation *op) {
  for (Type type : op->getOperandTypes()) {
    if (auto memref = dyn_cast<BaseMemRefType>(type))
      if (auto space =
              dyn_cast_or_null<gpu::AddressSpaceAttr>(memref.getMemorySpace()))
        if (space.getValue() == gpu::AddressSpace::Workgroup)
          return true;
    if (auto pointer = dyn_cast<LLVM::LLVMPointerType>(type))
      if (pointer.getAddressSpace() ==
          static_cast<unsigned>(NVVM::NVVMMemorySpace::Shared))
        return true;
  }
  return false;
}

class Checker {
public:
  Checker(DataFlowSolver &solver, bool checkExternalBuffers)
      : solver(solver), checkExternalBuffers(checkExternalBuffers) {}

  bool failed = false;

  void check(Operation *op) {
    if (Block *block = op->getBlock()) {
      auto *executable = solver.lookupState<dataflow::Executable>(
          solver.getProgramPointBefore(block));
      if (executable && !executable->isLive())
        return;
    }
    if (auto iface = dyn_cast<SecrecyOpInterface>(op)) {
      SmallVector<TimingLeak> leaks;
      iface.getTimingLeaks(leaks);
      // One error per operation: the first operand that leaks.
      for (const TimingLeak &leak : leaks)
        if (isSecret(leak.operand->get())) {
          reportLeak(op, leak);
          break;
        }
    }
    if (isa<CallOpInterface, gpu::LaunchFuncOp>(op))
      checkCall(op);
  }

private:
  bool isSecret(Value value) { return getSecrecy(solver, value).isSecret(); }
  bool holdsSecrets(Value value) {
    return getSecrecy(solver, value).memory.secret;
  }

  void reportLeak(Operation *op, const TimingLeak &leak) {
    InFlightDiagnostic diag = op->emitError() << "'" << op->getName() << "' ";
    bool control = false;
    switch (leak.kind) {
    case LeakKind::Branch:
      diag << "branches on a secret";
      control = true;
      break;
    case LeakKind::Loop:
      diag << "has a secret-dependent trip count";
      control = true;
      break;
    case LeakKind::EarlyExit:
      diag << "exits early on a secret";
      control = true;
      break;
    case LeakKind::Address:
      if (accessesSharedMemory(op))
        diag << "accesses shared memory at a secret address (bank "
                "conflicts)";
      else
        diag << "accesses memory at a secret address";
      break;
    case LeakKind::Latency:
      diag << "has a variable latency";
      break;
    }
    if (control && isInKernel(op))
      diag << " in a GPU kernel (warp divergence)";
    diag << ": its " << leak.role << " depends on a secret";
    attachSecretPath(solver, leak.operand->get(),
                     *diag.getUnderlyingDiagnostic());
    failed = true;
  }

  /// A secret may go to a callee the analysis follows: one with a body
  /// whose call sites it knows (private), or whose argument is marked. So
  /// may a buffer that holds secrets.
  void checkCall(Operation *op) {
    FunctionOpInterface callee = getCalleeFunction(op);
    OperandRange args = op->getOperands();
    if (auto call = dyn_cast<CallOpInterface>(op))
      args = call.getArgOperands();
    else
      args = cast<gpu::LaunchFuncOp>(op).getKernelOperands();
    for (auto [index, arg] : llvm::enumerate(args)) {
      bool external = !callee || callee.isExternal();
      bool memory = !isSecret(arg);
      if (memory && (!holdsSecrets(arg) || (external && !checkExternalBuffers)))
        continue;
      StringRef what = memory ? "a buffer that holds secrets" : "a secret";
      if (external) {
        InFlightDiagnostic diag =
            op->emitError()
            << "passes " << what << " to "
            << (callee ? "external function '" + callee.getName().str() + "'"
                       : std::string("an unknown callee"))
            << ", whose timing cannot be checked";
        attachSecretPath(solver, arg, *diag.getUnderlyingDiagnostic(), memory);
        failed = true;
        continue;
      }
      if (callee.isPrivate() || isa<gpu::LaunchFuncOp>(op) ||
          callee.getArgAttr(index, VxCTDialect::kSecretAttrName))
        continue;
      InFlightDiagnostic diag = op->emitError()
                                << "passes " << what << " to argument " << index
                                << " of public function '" << callee.getName()
                                << "', which does not mark it "
                                << VxCTDialect::kSecretAttrName
                                << "; mark it, or make the function private";
      attachSecretPath(solver, arg, *diag.getUnderlyingDiagnostic(), memory);
      failed = true;
    }
  }

  DataFlowSolver &solver;
  bool checkExternalBuffers;
};

/// Runs the secrecy analysis on `top` and reports every leak in its
/// constant-time code. Fails if the analysis fails or a leak is found.
LogicalResult checkConstantTimeCode(Operation *top, DataFlowSolver &solver,
                                    bool checkExternalBuffers) {
  SetVector<Operation *> roots = collectConstantTimeCode(top);
  loadSecrecyAnalysis(solver);
  if (failed(solver.initializeAndRun(top)))
    return failure();
  SetVector<Operation *> checked;
  for (Operation *root : roots)
    root->walk([&](Operation *op) { checked.insert(op); });
  Checker checker(solver, checkExternalBuffers);
  for (Operation *op : checked)
    checker.check(op);
  return failure(checker.failed);
}

struct VxCTVerifyPass
    : public vortex::vx_ct::impl::VxCTVerifyPassBase<VxCTVerifyPass> {
  using Base::Base;

  void runOnOperation() override {
    Operation *top = getOperation();
    // Nothing to check (and no analysis to run) without constant-time code.
    if (collectConstantTimeCode(top).empty())
      return;
    DataFlowSolver solver;
    if (failed(checkConstantTimeCode(top, solver, checkExternalBuffers)))
      signalPassFailure();
  }
};

/// Turns the parameters recorded by vx-ct-record-params into `vx_ct.secret`
/// arguments. A function with another number of parameters than recorded is
/// not the one the record was made for but a C wrapper the lowering
/// generated from it (with its attributes), which takes descriptors by
/// pointer and calls it: the record does not apply there.
void restoreSecretParams(ModuleOp module) {
  module.walk([&](FunctionOpInterface func) {
    auto params = func->getAttrOfType<DenseBoolArrayAttr>(
        VxCTDialect::kLoweredSecretParamsAttrName);
    if (!params)
      return;
    func->removeAttr(VxCTDialect::kLoweredSecretParamsAttrName);
    if (params.size() != static_cast<int64_t>(func.getNumArguments()))
      return;
    UnitAttr unit = UnitAttr::get(func->getContext());
    for (auto [index, secret] : llvm::enumerate(params.asArrayRef()))
      if (secret)
        func.setArgAttr(index, VxCTDialect::kSecretAttrName, unit);
  });
}

/// Whether `func` is a kernel: a gpu.func kernel, or a function its lowering
/// marked `gpu.kernel`.
bool isKernel(FunctionOpInterface func) {
  if (auto gpuFunc = dyn_cast<gpu::GPUFuncOp>(func.getOperation()))
    return gpuFunc.isKernel();
  return func->hasAttr(gpu::GPUDialect::getKernelFuncAttrName());
}

/// `vx_ct.kernel_secrets`: the secret parameters of every constant-time
/// kernel, by gpu.module and kernel.
DictionaryAttr recordKernelSecrets(ModuleOp module,
                                   const SetVector<Operation *> &roots,
                                   const DataFlowSolver &solver) {
  MLIRContext *ctx = module.getContext();
  SmallVector<NamedAttribute> modules;
  for (auto gpuModule : module.getOps<gpu::GPUModuleOp>()) {
    SmallVector<NamedAttribute> kernels;
    gpuModule.walk([&](FunctionOpInterface func) {
      if (!isKernel(func) || func.isExternal() || !roots.contains(func))
        return;
      SmallVector<int64_t> values, memory;
      for (BlockArgument arg : func.getArguments()) {
        const Secrecy &secrecy = getSecrecy(solver, arg);
        if (secrecy.value.secret)
          values.push_back(arg.getArgNumber());
        if (secrecy.memory.secret && designatesMemory(arg.getType()))
          memory.push_back(arg.getArgNumber());
      }
      NamedAttribute entries[] = {
          NamedAttribute(StringAttr::get(ctx, "memory"),
                         DenseI64ArrayAttr::get(ctx, memory)),
          NamedAttribute(StringAttr::get(ctx, "values"),
                         DenseI64ArrayAttr::get(ctx, values))};
      kernels.emplace_back(func.getNameAttr(),
                           DictionaryAttr::get(ctx, entries));
    });
    if (!kernels.empty())
      modules.emplace_back(gpuModule.getNameAttr(),
                           DictionaryAttr::get(ctx, kernels));
  }
  return DictionaryAttr::get(ctx, modules);
}

struct VxCTVerifyLoweredPass
    : public vortex::vx_ct::impl::VxCTVerifyLoweredPassBase<
          VxCTVerifyLoweredPass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    restoreSecretParams(module);
    SetVector<Operation *> roots = collectConstantTimeCode(module);
    if (roots.empty())
      return;
    DataFlowSolver solver;
    if (check) {
      if (failed(checkConstantTimeCode(module, solver,
                                       /*checkExternalBuffers=*/false)))
        return signalPassFailure();
    } else {
      loadSecrecyAnalysis(solver);
      if (failed(solver.initializeAndRun(module)))
        return signalPassFailure();
    }
    DictionaryAttr kernels = recordKernelSecrets(module, roots, solver);
    if (!kernels.empty())
      module->setAttr(VxCTDialect::kKernelSecretsAttrName, kernels);
    // The marks have served; the translation to LLVM IR does not know them.
    module.walk([](FunctionOpInterface func) {
      for (unsigned i = 0, e = func.getNumArguments(); i < e; ++i)
        func.removeArgAttr(i, VxCTDialect::kSecretAttrName);
    });
  }
};

} // namespace
