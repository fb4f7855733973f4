//===- CTInterfaces.cpp - secrecy interface and its external models -------===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//
//
// The secrecy analysis and vx-ct-verify know operations only through
// SecrecyOpInterface. This file attaches it to the upstream operations whose
// timing can depend on an operand: control flow (conditions, loop bounds,
// launch sizes), memory accesses (indices, addresses, view offsets) and
// variable-latency arithmetic (division, remainder, square root and the
// other math functions), at every level the pipelines pass through
// (arith/math/index, scf/cf, memref/vector/tensor, gpu, llvm, nvvm), and
// says which LLVM operations make a pointer into the memory of another (so
// that a write through one reaches the other). A new dialect joins the same
// way, with no change to the analysis.
//
//===----------------------------------------------------------------------===//

#include "Vortex/Dialect/CT/IR/CTInterfaces.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlowOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/Index/IR/IndexDialect.h"
#include "mlir/Dialect/Index/IR/IndexOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/LLVMIR/NVVMDialect.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/DialectRegistry.h"

using namespace mlir;
using namespace mlir::vortex::vx_ct;

#include "Vortex/Dialect/CT/IR/CTInterfaces.cpp.inc"

namespace {
using Leaks = SmallVectorImpl<TimingLeak>;

void add(Leaks &leaks, Operation *op, OperandRange range, LeakKind kind,
         StringRef role) {
  for (unsigned i = 0, e = range.size(); i < e; ++i)
    leaks.push_back(
        {&op->getOpOperand(range.getBeginOperandIndex() + i), kind, role});
}

void add(Leaks &leaks, OpOperand &operand, LeakKind kind, StringRef role) {
  leaks.push_back({&operand, kind, role});
}

/// Attaches the interface, its timing leaks computed by `Collect`.
template <typename OpT, void (*Collect)(OpT, Leaks &)>
struct LeakModel
    : public SecrecyOpInterface::ExternalModel<LeakModel<OpT, Collect>, OpT> {
  void getTimingLeaks(Operation *op, Leaks &leaks) const {
    Collect(cast<OpT>(op), leaks);
  }
};

/// Results that never carry a secret (shapes).
template <typename OpT>
struct PublicResultsModel
    : public SecrecyOpInterface::ExternalModel<PublicResultsModel<OpT>, OpT> {
  ResultSecrecy getResultSecrecy(Operation *) const {
    return ResultSecrecy::Public;
  }
};

template <typename OpT> void latencyLeaks(OpT op, Leaks &leaks) {
  add(leaks, op, op->getOperands(), LeakKind::Latency, "operand");
}

template <typename OpT> void indexLeaks(OpT op, Leaks &leaks) {
  add(leaks, op, op.getIndices(), LeakKind::Address, "index");
}

template <typename OpT> void addressLeaks(OpT op, Leaks &leaks) {
  add(leaks, op.getAddrMutable(), LeakKind::Address, "address");
}

/// Whether branching to `block` may leave the function (or kernel).
bool exitsEarly(Block *block) {
  return block->mightHaveTerminator() &&
         block->getTerminator()->hasTrait<OpTrait::ReturnLike>();
}

template <typename OpT> void condBranchLeaks(OpT op, Leaks &leaks) {
  LeakKind kind = exitsEarly(op.getTrueDest()) || exitsEarly(op.getFalseDest())
                      ? LeakKind::EarlyExit
                      : LeakKind::Branch;
  add(leaks, op.getConditionMutable(), kind, "condition");
}

void ifLeaks(scf::IfOp op, Leaks &leaks) {
  add(leaks, op.getConditionMutable(), LeakKind::Branch, "condition");
}

void indexSwitchLeaks(scf::IndexSwitchOp op, Leaks &leaks) {
  add(leaks, op.getArgMutable(), LeakKind::Branch, "selector");
}

void cfSwitchLeaks(cf::SwitchOp op, Leaks &leaks) {
  add(leaks, op.getFlagMutable(), LeakKind::Branch, "selector");
}

void llvmSwitchLeaks(LLVM::SwitchOp op, Leaks &leaks) {
  add(leaks, op.getValueMutable(), LeakKind::Branch, "selector");
}

void forLeaks(scf::ForOp op, Leaks &leaks) {
  add(leaks, op.getLowerBoundMutable(), LeakKind::Loop, "lower bound");
  add(leaks, op.getUpperBoundMutable(), LeakKind::Loop, "upper bound");
  add(leaks, op.getStepMutable(), LeakKind::Loop, "step");
}

void parallelLeaks(scf::ParallelOp op, Leaks &leaks) {
  add(leaks, op, op.getLowerBound(), LeakKind::Loop, "lower bound");
  add(leaks, op, op.getUpperBound(), LeakKind::Loop, "upper bound");
  add(leaks, op, op.getStep(), LeakKind::Loop, "step");
}

void forallLeaks(scf::ForallOp op, Leaks &leaks) {
  add(leaks, op, op.getDynamicLowerBound(), LeakKind::Loop, "lower bound");
  add(leaks, op, op.getDynamicUpperBound(), LeakKind::Loop, "upper bound");
  add(leaks, op, op.getDynamicStep(), LeakKind::Loop, "step");
}

void conditionLeaks(scf::ConditionOp op, Leaks &leaks) {
  add(leaks, op.getConditionMutable(), LeakKind::Loop, "condition");
}

void launchLeaks(gpu::LaunchOp op, Leaks &leaks) {
  for (Value size :
       {op.getGridSizeX(), op.getGridSizeY(), op.getGridSizeZ(),
        op.getBlockSizeX(), op.getBlockSizeY(), op.getBlockSizeZ()})
    for (OpOperand &operand : op->getOpOperands())
      if (operand.get() == size)
        add(leaks, operand, LeakKind::Loop, "launch size");
}

void subViewLeaks(memref::SubViewOp op, Leaks &leaks) {
  add(leaks, op, op.getOffsets(), LeakKind::Address, "offset");
}

void reinterpretCastLeaks(memref::ReinterpretCastOp op, Leaks &leaks) {
  add(leaks, op, op.getOffsets(), LeakKind::Address, "offset");
}

void viewLeaks(memref::ViewOp op, Leaks &leaks) {
  add(leaks, op.getByteShiftMutable(), LeakKind::Address, "offset");
}

void gepLeaks(LLVM::GEPOp op, Leaks &leaks) {
  add(leaks, op, op.getDynamicIndices(), LeakKind::Address, "index");
}

template <typename OpT> void pointerLeaks(OpT op, Leaks &leaks) {
  add(leaks, op.getPtrMutable(), LeakKind::Address, "address");
}

template <typename OpT> void memTransferLeaks(OpT op, Leaks &leaks) {
  add(leaks, op.getDstMutable(), LeakKind::Address, "destination address");
  add(leaks, op.getSrcMutable(), LeakKind::Address, "source address");
  add(leaks, op.getLenMutable(), LeakKind::Loop, "length");
}

void memsetLeaks(LLVM::MemsetOp op, Leaks &leaks) {
  add(leaks, op.getDstMutable(), LeakKind::Address, "destination address");
  add(leaks, op.getLenMutable(), LeakKind::Loop, "length");
}

void maskedLoadLeaks(LLVM::MaskedLoadOp op, Leaks &leaks) {
  add(leaks, op.getDataMutable(), LeakKind::Address, "address");
}

void maskedStoreLeaks(LLVM::MaskedStoreOp op, Leaks &leaks) {
  add(leaks, op.getDataMutable(), LeakKind::Address, "address");
}

/// An indirect call branches to a computed address.
void llvmCallLeaks(LLVM::CallOp op, Leaks &leaks) {
  if (!op.getCallee() && op->getNumOperands())
    add(leaks, op->getOpOperand(0), LeakKind::Branch, "callee");
}

void cpAsyncLeaks(NVVM::CpAsyncOp op, Leaks &leaks) {
  add(leaks, op.getDstMutable(), LeakKind::Address, "destination address");
  add(leaks, op.getSrcMutable(), LeakKind::Address, "source address");
}

template <typename OpT> void nvvmAddressLeaks(OpT op, Leaks &leaks) {
  add(leaks, op->getOpOperand(0), LeakKind::Address, "address");
}

/// Pointers into the memory of an operand: a write through the result
/// writes the memory of every such operand.
template <typename OpT, void (*Bases)(OpT, SmallVectorImpl<Value> &)>
struct MemoryBaseModel
    : public SecrecyOpInterface::ExternalModel<MemoryBaseModel<OpT, Bases>,
                                               OpT> {
  void getMemoryBases(Operation *op, SmallVectorImpl<Value> &bases) const {
    Bases(cast<OpT>(op), bases);
  }
};

void extractValueBases(LLVM::ExtractValueOp op, SmallVectorImpl<Value> &bases) {
  bases.push_back(op.getContainer());
}

void insertValueBases(LLVM::InsertValueOp op, SmallVectorImpl<Value> &bases) {
  bases.push_back(op.getContainer());
  bases.push_back(op.getValue());
}

void selectBases(LLVM::SelectOp op, SmallVectorImpl<Value> &bases) {
  bases.push_back(op.getTrueValue());
  bases.push_back(op.getFalseValue());
}

void bitcastBases(LLVM::BitcastOp op, SmallVectorImpl<Value> &bases) {
  bases.push_back(op.getArg());
}

template <typename... Ops> void attachLatency(MLIRContext *ctx) {
  (Ops::template attachInterface<LeakModel<Ops, &latencyLeaks<Ops>>>(*ctx),
   ...);
}

template <typename... Ops> void attachIndex(MLIRContext *ctx) {
  (Ops::template attachInterface<LeakModel<Ops, &indexLeaks<Ops>>>(*ctx), ...);
}

template <typename OpT, void (*Collect)(OpT, Leaks &)>
void attach(MLIRContext *ctx) {
  OpT::template attachInterface<LeakModel<OpT, Collect>>(*ctx);
}

template <typename OpT, void (*Bases)(OpT, SmallVectorImpl<Value> &)>
void attachBases(MLIRContext *ctx) {
  OpT::template attachInterface<MemoryBaseModel<OpT, Bases>>(*ctx);
}
} // namespace

SmallVector<Value> vortex::vx_ct::getMemoryBases(Operation *op) {
  SmallVector<Value> bases;
  if (auto iface = dyn_cast<SecrecyOpInterface>(op))
    iface.getMemoryBases(bases);
  else if (auto view = dyn_cast<ViewLikeOpInterface>(op))
    bases.push_back(view.getViewSource());
  return bases;
}

void vortex::vx_ct::registerSecrecyExternalModels(DialectRegistry &registry) {
  registry.addExtension(+[](MLIRContext *ctx, arith::ArithDialect *) {
    attachLatency<arith::DivSIOp, arith::DivUIOp, arith::RemSIOp,
                  arith::RemUIOp, arith::CeilDivSIOp, arith::CeilDivUIOp,
                  arith::FloorDivSIOp, arith::DivFOp, arith::RemFOp>(ctx);
  });
  registry.addExtension(+[](MLIRContext *ctx, index::IndexDialect *) {
    attachLatency<index::DivSOp, index::DivUOp, index::RemSOp, index::RemUOp,
                  index::CeilDivSOp, index::CeilDivUOp, index::FloorDivSOp>(
        ctx);
  });
  registry.addExtension(+[](MLIRContext *ctx, math::MathDialect *) {
    attachLatency<math::SqrtOp, math::RsqrtOp, math::CbrtOp, math::ExpOp,
                  math::Exp2Op, math::ExpM1Op, math::LogOp, math::Log2Op,
                  math::Log10Op, math::Log1pOp, math::SinOp, math::CosOp,
                  math::TanOp, math::TanhOp, math::AtanOp, math::Atan2Op,
                  math::ErfOp, math::PowFOp, math::IPowIOp, math::FPowIOp>(ctx);
  });
  registry.addExtension(+[](MLIRContext *ctx, scf::SCFDialect *) {
    attach<scf::IfOp, ifLeaks>(ctx);
    attach<scf::IndexSwitchOp, indexSwitchLeaks>(ctx);
    attach<scf::ForOp, forLeaks>(ctx);
    attach<scf::ParallelOp, parallelLeaks>(ctx);
    attach<scf::ForallOp, forallLeaks>(ctx);
    attach<scf::ConditionOp, conditionLeaks>(ctx);
  });
  registry.addExtension(+[](MLIRContext *ctx, cf::ControlFlowDialect *) {
    attach<cf::CondBranchOp, condBranchLeaks<cf::CondBranchOp>>(ctx);
    attach<cf::SwitchOp, cfSwitchLeaks>(ctx);
  });
  registry.addExtension(+[](MLIRContext *ctx, memref::MemRefDialect *) {
    attachIndex<memref::LoadOp, memref::StoreOp, memref::AtomicRMWOp,
                memref::GenericAtomicRMWOp>(ctx);
    attach<memref::SubViewOp, subViewLeaks>(ctx);
    attach<memref::ReinterpretCastOp, reinterpretCastLeaks>(ctx);
    attach<memref::ViewOp, viewLeaks>(ctx);
    memref::DimOp::attachInterface<PublicResultsModel<memref::DimOp>>(*ctx);
  });
  registry.addExtension(+[](MLIRContext *ctx, vector::VectorDialect *) {
    attachIndex<vector::LoadOp, vector::StoreOp, vector::MaskedLoadOp,
                vector::MaskedStoreOp, vector::TransferReadOp,
                vector::TransferWriteOp>(ctx);
  });
  registry.addExtension(+[](MLIRContext *ctx, tensor::TensorDialect *) {
    attachIndex<tensor::ExtractOp, tensor::InsertOp>(ctx);
    tensor::DimOp::attachInterface<PublicResultsModel<tensor::DimOp>>(*ctx);
  });
  registry.addExtension(+[](MLIRContext *ctx, gpu::GPUDialect *) {
    attach<gpu::LaunchOp, launchLeaks>(ctx);
  });
  registry.addExtension(+[](MLIRContext *ctx, LLVM::LLVMDialect *) {
    attachLatency<
        LLVM::SDivOp, LLVM::UDivOp, LLVM::SRemOp, LLVM::URemOp, LLVM::FDivOp,
        LLVM::FRemOp, LLVM::SqrtOp, LLVM::ExpOp, LLVM::Exp2Op, LLVM::Exp10Op,
        LLVM::LogOp, LLVM::Log2Op, LLVM::Log10Op, LLVM::SinOp, LLVM::CosOp,
        LLVM::TanOp, LLVM::ASinOp, LLVM::ACosOp, LLVM::ATanOp, LLVM::ATan2Op,
        LLVM::SinhOp, LLVM::CoshOp, LLVM::TanhOp, LLVM::SincosOp, LLVM::PowOp,
        LLVM::PowIOp, LLVM::VPSDivOp, LLVM::VPUDivOp, LLVM::VPSRemOp,
        LLVM::VPURemOp, LLVM::VPFDivOp, LLVM::VPFRemOp>(ctx);
    attach<LLVM::CondBrOp, condBranchLeaks<LLVM::CondBrOp>>(ctx);
    attach<LLVM::SwitchOp, llvmSwitchLeaks>(ctx);
    attach<LLVM::CallOp, llvmCallLeaks>(ctx);
    attach<LLVM::LoadOp, addressLeaks<LLVM::LoadOp>>(ctx);
    attach<LLVM::StoreOp, addressLeaks<LLVM::StoreOp>>(ctx);
    attach<LLVM::GEPOp, gepLeaks>(ctx);
    attach<LLVM::AtomicRMWOp, pointerLeaks<LLVM::AtomicRMWOp>>(ctx);
    attach<LLVM::AtomicCmpXchgOp, pointerLeaks<LLVM::AtomicCmpXchgOp>>(ctx);
    attach<LLVM::MemcpyOp, memTransferLeaks<LLVM::MemcpyOp>>(ctx);
    attach<LLVM::MemmoveOp, memTransferLeaks<LLVM::MemmoveOp>>(ctx);
    attach<LLVM::MemsetOp, memsetLeaks>(ctx);
    attach<LLVM::MaskedLoadOp, maskedLoadLeaks>(ctx);
    attach<LLVM::MaskedStoreOp, maskedStoreLeaks>(ctx);
    attachBases<LLVM::ExtractValueOp, extractValueBases>(ctx);
    attachBases<LLVM::InsertValueOp, insertValueBases>(ctx);
    attachBases<LLVM::SelectOp, selectBases>(ctx);
    attachBases<LLVM::BitcastOp, bitcastBases>(ctx);
  });
  registry.addExtension(+[](MLIRContext *ctx, NVVM::NVVMDialect *) {
    attachLatency<NVVM::RcpApproxFtzF32Op>(ctx);
    attach<NVVM::CpAsyncOp, cpAsyncLeaks>(ctx);
    attach<NVVM::PrefetchOp, nvvmAddressLeaks<NVVM::PrefetchOp>>(ctx);
    attach<NVVM::LdMatrixOp, nvvmAddressLeaks<NVVM::LdMatrixOp>>(ctx);
    attach<NVVM::StMatrixOp, nvvmAddressLeaks<NVVM::StMatrixOp>>(ctx);
  });
}
