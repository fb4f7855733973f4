//===- Verify.cpp - vx-ct-verify: no secret reaches a timing leak ---------===//
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
  explicit Checker(DataFlowSolver &solver) : solver(solver) {}

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
  bool isSecret(Value value) { return getSecrecy(solver, value).secret; }

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
    attachSecretPath(solver, leak.operand->get(), *diag.getUnderlyingDiagnostic());
    failed = true;
  }

  /// A secret may go to a callee the analysis follows: one with a body
  /// whose call sites it knows (private), or whose argument is marked.
  void checkCall(Operation *op) {
    FunctionOpInterface callee = getCalleeFunction(op);
    OperandRange args = op->getOperands();
    if (auto call = dyn_cast<CallOpInterface>(op))
      args = call.getArgOperands();
    else
      args = cast<gpu::LaunchFuncOp>(op).getKernelOperands();
    for (auto [index, arg] : llvm::enumerate(args)) {
      if (!isSecret(arg))
        continue;
      if (!callee || callee.isExternal()) {
        InFlightDiagnostic diag =
            op->emitError() << "passes a secret to "
                            << (callee ? "external function '" +
                                             callee.getName().str() + "'"
                                       : std::string("an unknown callee"))
                            << ", whose timing cannot be checked";
        attachSecretPath(solver, arg, *diag.getUnderlyingDiagnostic());
        failed = true;
        continue;
      }
      if (callee.isPrivate() || isa<gpu::LaunchFuncOp>(op) ||
          callee.getArgAttr(index, VxCTDialect::kSecretAttrName))
        continue;
      InFlightDiagnostic diag =
          op->emitError() << "passes a secret to argument " << index
                          << " of public function '" << callee.getName()
                          << "', which does not mark it "
                          << VxCTDialect::kSecretAttrName
                          << "; mark it, or make the function private";
      attachSecretPath(solver, arg, *diag.getUnderlyingDiagnostic());
      failed = true;
    }
  }

  DataFlowSolver &solver;
};

struct VxCTVerifyPass
    : public vortex::vx_ct::impl::VxCTVerifyPassBase<VxCTVerifyPass> {
  void runOnOperation() override {
    Operation *top = getOperation();
    DataFlowSolver solver;
    loadSecrecyAnalysis(solver);
    if (failed(solver.initializeAndRun(top)))
      return signalPassFailure();

    SetVector<Operation *> checked;
    for (Operation *root : collectConstantTimeCode(top))
      root->walk([&](Operation *op) { checked.insert(op); });
    Checker checker(solver);
    for (Operation *op : checked)
      checker.check(op);
    if (checker.failed)
      signalPassFailure();
  }
};

} // namespace
