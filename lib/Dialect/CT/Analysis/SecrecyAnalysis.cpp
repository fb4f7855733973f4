//===- SecrecyAnalysis.cpp - which values are secret ----------------------===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//

#include "Vortex/Dialect/CT/Analysis/SecrecyAnalysis.h"
#include "Vortex/Dialect/CT/IR/CTDialect.h"
#include "Vortex/Dialect/CT/IR/CTInterfaces.h"
#include "Vortex/Dialect/CT/IR/CTOps.h"

#include "mlir/Analysis/DataFlow/Utils.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/LLVMIR/LLVMTypes.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/CallInterfaces.h"
#include "mlir/Interfaces/FunctionInterfaces.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Interfaces/ViewLikeInterface.h"

using namespace mlir;
using namespace mlir::dataflow;
using namespace mlir::vortex::vx_ct;

void Secrecy::print(raw_ostream &os) const {
  os << (secret ? "secret" : "public");
}

/// The function whose entry block `value` is an argument of, if any.
static FunctionOpInterface getEntryArgumentOwner(Value value) {
  auto arg = dyn_cast<BlockArgument>(value);
  if (!arg || !arg.getOwner()->isEntryBlock())
    return nullptr;
  return dyn_cast<FunctionOpInterface>(arg.getOwner()->getParentOp());
}

static bool isMarkedSecret(Value value) {
  FunctionOpInterface func = getEntryArgumentOwner(value);
  return func &&
         func.getArgAttr(cast<BlockArgument>(value).getArgNumber(),
                         VxCTDialect::kSecretAttrName);
}

/// Ops with regions whose control flow the sparse analysis does not model.
static bool hasOpaqueRegions(Operation *op) {
  return op->getNumRegions() && !isa<RegionBranchOpInterface>(op) &&
         !isa<FunctionOpInterface>(op) &&
         !op->hasTrait<OpTrait::SymbolTable>();
}

//===----------------------------------------------------------------------===//
// SecrecyAnalysis
//===----------------------------------------------------------------------===//

void SecrecyAnalysis::setToEntryState(SecrecyLattice *lattice) {
  Value value = cast<Value>(lattice->getAnchor());
  if (isMarkedSecret(value))
    propagateIfChanged(lattice,
                       lattice->join(Secrecy::getSecretSource(value)));
}

LogicalResult
SecrecyAnalysis::visitOperation(Operation *op,
                                ArrayRef<const SecrecyLattice *> operands,
                                ArrayRef<SecrecyLattice *> results) {
  ResultSecrecy rule = ResultSecrecy::FromOperands;
  if (auto iface = dyn_cast<SecrecyOpInterface>(op))
    rule = iface.getResultSecrecy();
  if (rule == ResultSecrecy::Public)
    return success();
  if (rule == ResultSecrecy::Secret) {
    for (SecrecyLattice *result : results)
      propagateIfChanged(result, result->join(Secrecy::getSecretSource(
                                     cast<Value>(result->getAnchor()))));
    return success();
  }

  Secrecy in;
  for (auto [lattice, operand] : llvm::zip(operands, op->getOperands()))
    if (!in.secret)
      in = Secrecy::derived(lattice->getValue(), operand, op);
  // What the bodies of other region ops yield reaches their results.
  if (hasOpaqueRegions(op))
    for (Region &region : op->getRegions())
      for (Block &block : region)
        if (block.mightHaveTerminator())
          for (Value yielded : block.getTerminator()->getOperands())
            if (!in.secret)
              in = Secrecy::derived(
                  getLatticeElementFor(getProgramPointAfter(op), yielded)
                      ->getValue(),
                  yielded, op);
  if (!in.secret)
    return success();
  for (SecrecyLattice *result : results)
    propagateIfChanged(result, result->join(in));
  return success();
}

// The callee's code is unknown: its results are secret if an argument is.
void SecrecyAnalysis::visitExternalCall(
    CallOpInterface call, ArrayRef<const SecrecyLattice *> arguments,
    ArrayRef<SecrecyLattice *> results) {
  Secrecy in;
  for (auto [lattice, operand] : llvm::zip(arguments, call.getArgOperands()))
    if (!in.secret)
      in = Secrecy::derived(lattice->getValue(), operand, call);
  for (SecrecyLattice *result : results)
    propagateIfChanged(result, result->join(in));
}

// Block arguments a region op defines itself (induction variables) follow
// the operands it does not forward (bounds and steps).
void SecrecyAnalysis::visitNonControlFlowArguments(
    Operation *op, const RegionSuccessor &successor,
    ArrayRef<SecrecyLattice *> arguments, unsigned firstIndex) {
  auto branch = cast<RegionBranchOpInterface>(op);
  OperandRange forwarded = branch.getEntrySuccessorOperands(successor);
  Secrecy in;
  for (OpOperand &operand : op->getOpOperands()) {
    if (in.secret)
      break;
    if (!forwarded.empty() &&
        operand.getOperandNumber() >= forwarded.getBeginOperandIndex() &&
        operand.getOperandNumber() <
            forwarded.getBeginOperandIndex() + forwarded.size())
      continue;
    in = Secrecy::derived(
        getLatticeElementFor(getProgramPointAfter(op), operand.get())
            ->getValue(),
        operand.get(), op);
  }
  unsigned end = firstIndex + successor.getSuccessorInputs().size();
  for (auto [index, lattice] : llvm::enumerate(arguments))
    if (in.secret && (index < firstIndex || index >= end))
      propagateIfChanged(lattice, lattice->join(in));
}

//===----------------------------------------------------------------------===//
// SecrecyMemoryAnalysis
//===----------------------------------------------------------------------===//

/// Whether the sparse analysis leaves something of `op` to this one: memory
/// it may write, bodies it does not model, kernels it launches.
static bool needsMemoryVisit(Operation *op) {
  if (hasOpaqueRegions(op) || isa<gpu::LaunchFuncOp>(op))
    return true;
  if (isa<FunctionOpInterface>(op) || op->hasTrait<OpTrait::SymbolTable>())
    return false;
  auto effects = dyn_cast<MemoryEffectOpInterface>(op);
  if (!effects)
    return !op->hasTrait<OpTrait::HasRecursiveMemoryEffects>();
  return effects.hasEffect<MemoryEffects::Write>();
}

LogicalResult SecrecyMemoryAnalysis::initialize(Operation *top) {
  top->walk([&](Operation *op) {
    if (needsMemoryVisit(op))
      visitOp(op);
  });
  return success();
}

LogicalResult SecrecyMemoryAnalysis::visit(ProgramPoint *point) {
  visitOp(point->getPrevOp());
  return success();
}

void SecrecyMemoryAnalysis::markSecret(Value value, const Secrecy &secrecy) {
  auto *lattice = getOrCreate<SecrecyLattice>(value);
  ChangeResult changed = lattice->join(secrecy);
  propagateIfChanged(lattice, changed);
  if (changed == ChangeResult::NoChange)
    return;
  Secrecy through = Secrecy::derived(secrecy, value, secrecy.via);
  // A write through a view writes the viewed buffer.
  if (auto view = value.getDefiningOp<ViewLikeOpInterface>()) {
    markSecret(view.getViewSource(), through);
    return;
  }
  // A write into an argument writes the buffers of the call sites.
  FunctionOpInterface func = getEntryArgumentOwner(value);
  if (!func)
    return;
  unsigned index = cast<BlockArgument>(value).getArgNumber();
  Operation *symbolTable = SymbolTable::getNearestSymbolTable(func);
  while (symbolTable && symbolTable->getParentOp() &&
         SymbolTable::getNearestSymbolTable(symbolTable->getParentOp()))
    symbolTable =
        SymbolTable::getNearestSymbolTable(symbolTable->getParentOp());
  std::optional<SymbolTable::UseRange> uses =
      SymbolTable::getSymbolUses(func, symbolTable);
  if (!uses)
    return;
  for (const SymbolTable::SymbolUse &use : *uses) {
    Operation *user = use.getUser();
    if (auto call = dyn_cast<CallOpInterface>(user)) {
      if (index < call.getArgOperands().size())
        markSecret(call.getArgOperands()[index], through);
    } else if (auto launch = dyn_cast<gpu::LaunchFuncOp>(user)) {
      if (index < launch.getKernelOperands().size())
        markSecret(launch.getKernelOperands()[index], through);
    }
  }
}

void SecrecyMemoryAnalysis::visitOp(Operation *op) {
  ProgramPoint *point = getProgramPointAfter(op);
  auto secrecyOf = [&](Value value) -> const Secrecy & {
    return getOrCreateFor<SecrecyLattice>(point, value)->getValue();
  };

  // Kernel arguments are what the launches pass.
  if (auto launch = dyn_cast<gpu::LaunchFuncOp>(op)) {
    auto kernel = SymbolTable::lookupNearestSymbolFrom<gpu::GPUFuncOp>(
        op, launch.getKernel());
    if (!kernel || kernel.isExternal())
      return;
    for (auto [operand, arg] : llvm::zip(launch.getKernelOperands(),
                                         kernel.getArguments())) {
      Secrecy in = Secrecy::derived(secrecyOf(operand), operand, op);
      auto *lattice = getOrCreate<SecrecyLattice>(arg);
      propagateIfChanged(lattice, lattice->join(in));
    }
    return;
  }

  Secrecy in;
  for (Value operand : op->getOperands())
    if (!in.secret)
      in = Secrecy::derived(secrecyOf(operand), operand, op);
  if (hasOpaqueRegions(op))
    for (Region &region : op->getRegions())
      for (Block &block : region)
        if (block.mightHaveTerminator())
          for (Value yielded : block.getTerminator()->getOperands())
            if (!in.secret)
              in = Secrecy::derived(secrecyOf(yielded), yielded, op);

  // Body arguments: the matching operand for linalg ops, every operand
  // otherwise.
  if (hasOpaqueRegions(op)) {
    auto linalgOp = dyn_cast<linalg::LinalgOp>(op);
    for (Region &region : op->getRegions()) {
      if (region.empty())
        continue;
      for (BlockArgument arg : region.front().getArguments()) {
        Secrecy argSecrecy = in;
        if (linalgOp && arg.getOwner() == linalgOp.getBlock()) {
          Value operand = linalgOp.getMatchingOpOperand(arg)->get();
          argSecrecy = Secrecy::derived(secrecyOf(operand), operand, op);
        }
        auto *lattice = getOrCreate<SecrecyLattice>(arg);
        propagateIfChanged(lattice, lattice->join(argSecrecy));
      }
    }
  }

  if (!in.secret)
    return;
  auto effects = dyn_cast<MemoryEffectOpInterface>(op);
  if (!effects) {
    // Unknown effects: any buffer operand may be written.
    for (Value operand : op->getOperands())
      if (isa<BaseMemRefType, LLVM::LLVMPointerType>(operand.getType()))
        markSecret(operand, in);
    return;
  }
  SmallVector<MemoryEffects::EffectInstance> instances;
  effects.getEffects(instances);
  for (const MemoryEffects::EffectInstance &instance : instances)
    if (isa<MemoryEffects::Write>(instance.getEffect()))
      if (Value written = instance.getValue())
        markSecret(written, in);
}

//===----------------------------------------------------------------------===//
// Queries
//===----------------------------------------------------------------------===//

FunctionOpInterface vortex::vx_ct::getCalleeFunction(Operation *op) {
  Operation *callee = nullptr;
  if (auto call = dyn_cast<CallOpInterface>(op))
    callee = call.resolveCallable();
  else if (auto launch = dyn_cast<gpu::LaunchFuncOp>(op))
    callee = SymbolTable::lookupNearestSymbolFrom(op, launch.getKernel());
  return dyn_cast_or_null<FunctionOpInterface>(callee);
}

SetVector<Operation *> vortex::vx_ct::collectConstantTimeCode(Operation *top) {
  SetVector<Operation *> roots;
  top->walk([&](Operation *op) {
    if (isa<RegionOp>(op) ||
        (isa<FunctionOpInterface>(op) &&
         op->hasAttr(VxCTDialect::kConstantTimeAttrName)))
      roots.insert(op);
  });
  for (unsigned i = 0; i < roots.size(); ++i)
    roots[i]->walk([&](Operation *op) {
      if (FunctionOpInterface callee = getCalleeFunction(op))
        if (!callee.isExternal())
          roots.insert(callee);
    });
  return roots;
}

void vortex::vx_ct::loadSecrecyAnalysis(DataFlowSolver &solver) {
  loadBaselineAnalyses(solver);
  solver.load<SecrecyAnalysis>();
  solver.load<SecrecyMemoryAnalysis>();
}

const Secrecy &vortex::vx_ct::getSecrecy(const DataFlowSolver &solver,
                                         Value value) {
  static const Secrecy publicValue;
  const auto *lattice = solver.lookupState<SecrecyLattice>(value);
  return lattice ? lattice->getValue() : publicValue;
}

/// Where a secret entered, in words.
static void describeSource(Value source, Diagnostic &diag) {
  if (FunctionOpInterface func = getEntryArgumentOwner(source)) {
    diag.attachNote(source.getLoc())
        << "secret source: argument " << cast<BlockArgument>(source).getArgNumber()
        << " of '" << func.getName() << "', marked "
        << VxCTDialect::kSecretAttrName;
    return;
  }
  Operation *def = source.getDefiningOp();
  diag.attachNote(def ? def->getLoc() : source.getLoc())
      << "secret source: '"
      << (def ? def->getName().getStringRef() : StringRef("value")) << "'";
}

void vortex::vx_ct::attachSecretPath(const DataFlowSolver &solver, Value value,
                                     Diagnostic &diag) {
  const Secrecy &secrecy = getSecrecy(solver, value);
  if (!secrecy.secret)
    return;
  // The chain of values, each of which became secret before the next, so it
  // ends; the bound only guards the size of the diagnostic.
  constexpr unsigned kMaxSteps = 16;
  SmallVector<Operation *> steps;
  for (Value current = value; current && steps.size() < kMaxSteps;) {
    const Secrecy &step = getSecrecy(solver, current);
    if (!step.secret)
      break;
    if (step.via && (steps.empty() || steps.back() != step.via))
      steps.push_back(step.via);
    current = step.from;
  }
  describeSource(secrecy.source, diag);
  for (Operation *step : llvm::reverse(steps))
    diag.attachNote(step->getLoc())
        << "the secret flows through '" << step->getName() << "'";
}
