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
  os << (value.secret ? "secret" : "public");
  if (memory.secret)
    os << ", secret memory";
}

bool vortex::vx_ct::designatesMemory(Type type) {
  return isa<BaseMemRefType, LLVM::LLVMPointerType>(type);
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
  return func && func.getArgAttr(cast<BlockArgument>(value).getArgNumber(),
                                 VxCTDialect::kSecretAttrName);
}

/// The secrecy of a secret source: in memory if it designates memory, in
/// value otherwise.
static Secrecy sourceSecrecy(Value source) {
  Secrecy secrecy;
  if (designatesMemory(source.getType()))
    secrecy.memory = Taint::getSecretSource(source);
  else
    secrecy.value = Taint::getSecretSource(source);
  return secrecy;
}

/// Ops with regions whose control flow the sparse analysis does not model.
static bool hasOpaqueRegions(Operation *op) {
  return op->getNumRegions() && !isa<RegionBranchOpInterface>(op) &&
         !isa<FunctionOpInterface>(op) && !op->hasTrait<OpTrait::SymbolTable>();
}

/// The operands of `op` whose memory it reads: those its memory effects
/// read, or every operand if its effects are unknown.
static SmallVector<bool> readOperands(Operation *op) {
  SmallVector<bool> read(op->getNumOperands(), false);
  auto effects = dyn_cast<MemoryEffectOpInterface>(op);
  if (!effects) {
    if (!op->hasTrait<OpTrait::HasRecursiveMemoryEffects>())
      read.assign(op->getNumOperands(), true);
    return read;
  }
  SmallVector<MemoryEffects::EffectInstance> instances;
  effects.getEffects(instances);
  for (const MemoryEffects::EffectInstance &instance : instances) {
    if (!isa<MemoryEffects::Read>(instance.getEffect()))
      continue;
    Value target = instance.getValue();
    for (OpOperand &operand : op->getOpOperands())
      // A read of unspecified memory may read any operand's.
      if (!target || operand.get() == target)
        read[operand.getOperandNumber()] = true;
  }
  return read;
}

namespace {
/// The secrecy that flows into the results of an operation from its
/// operands (and the values its opaque regions yield).
struct Inflow {
  Taint value;
  Taint memory;

  void addOperand(Operation *op, Value operand, const Secrecy &of, bool read) {
    value = Taint::join(value, Taint::derived(of.value, operand, false, op));
    if (read)
      value = Taint::join(value, Taint::derived(of.memory, operand, true, op));
    memory = Taint::join(memory, Taint::derived(of.memory, operand, true, op));
  }

  /// The secrecy of a result of type `type`: memory it designates holds
  /// secrets if the value is secret (a pointer computed from a secret).
  Secrecy resultSecrecy(Type type) const {
    Secrecy result{value, memory};
    if (designatesMemory(type) && !memory.secret)
      result.memory = value;
    return result;
  }
};
} // namespace

//===----------------------------------------------------------------------===//
// SecrecyAnalysis
//===----------------------------------------------------------------------===//

void SecrecyAnalysis::setToEntryState(SecrecyLattice *lattice) {
  Value value = cast<Value>(lattice->getAnchor());
  if (isMarkedSecret(value))
    propagateIfChanged(lattice, lattice->join(sourceSecrecy(value)));
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
    for (SecrecyLattice *result : results) {
      Value value = cast<Value>(result->getAnchor());
      propagateIfChanged(result, result->join(sourceSecrecy(value)));
    }
    return success();
  }

  Inflow in;
  SmallVector<bool> read = readOperands(op);
  for (auto [lattice, operand, isRead] :
       llvm::zip(operands, op->getOperands(), read))
    in.addOperand(op, operand, lattice->getValue(), isRead);
  // What the bodies of other region ops yield reaches their results.
  if (hasOpaqueRegions(op))
    for (Region &region : op->getRegions())
      for (Block &block : region)
        if (block.mightHaveTerminator())
          for (Value yielded : block.getTerminator()->getOperands())
            in.addOperand(
                op, yielded,
                getLatticeElementFor(getProgramPointAfter(op), yielded)
                    ->getValue(),
                /*read=*/false);
  for (SecrecyLattice *result : results)
    propagateIfChanged(result,
                       result->join(in.resultSecrecy(
                           cast<Value>(result->getAnchor()).getType())));
  return success();
}

// The callee's code is unknown: its results are secret if an argument is or
// designates memory that holds secrets, which it may read.
void SecrecyAnalysis::visitExternalCall(
    CallOpInterface call, ArrayRef<const SecrecyLattice *> arguments,
    ArrayRef<SecrecyLattice *> results) {
  Inflow in;
  for (auto [lattice, operand] : llvm::zip(arguments, call.getArgOperands()))
    in.addOperand(call, operand, lattice->getValue(), /*read=*/true);
  for (SecrecyLattice *result : results)
    propagateIfChanged(result,
                       result->join(in.resultSecrecy(
                           cast<Value>(result->getAnchor()).getType())));
}

// Block arguments a region op defines itself (induction variables) follow
// the operands it does not forward (bounds and steps). The body arguments of
// ops without region control flow (linalg.generic) are the memory
// analysis's.
void SecrecyAnalysis::visitNonControlFlowArguments(
    Operation *op, const RegionSuccessor &successor,
    ArrayRef<SecrecyLattice *> arguments, unsigned firstIndex) {
  auto branch = dyn_cast<RegionBranchOpInterface>(op);
  if (!branch)
    return;
  OperandRange forwarded = branch.getEntrySuccessorOperands(successor);
  Taint in;
  for (OpOperand &operand : op->getOpOperands()) {
    if (in.secret)
      break;
    if (!forwarded.empty() &&
        operand.getOperandNumber() >= forwarded.getBeginOperandIndex() &&
        operand.getOperandNumber() <
            forwarded.getBeginOperandIndex() + forwarded.size())
      continue;
    in = Taint::derived(
        getLatticeElementFor(getProgramPointAfter(op), operand.get())
            ->getValue()
            .value,
        operand.get(), false, op);
  }
  unsigned end = firstIndex + successor.getSuccessorInputs().size();
  for (auto [index, lattice] : llvm::enumerate(arguments))
    if (in.secret && (index < firstIndex || index >= end))
      propagateIfChanged(lattice, lattice->join(Secrecy{in, {}}));
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

void SecrecyMemoryAnalysis::markSecret(Value value, const Taint &taint) {
  auto *lattice = getOrCreate<SecrecyLattice>(value);
  ChangeResult changed = lattice->join(Secrecy{{}, taint});
  propagateIfChanged(lattice, changed);
  if (changed == ChangeResult::NoChange)
    return;
  Taint through = Taint::derived(taint, value, true, taint.via);
  // A write through a view or an offset pointer writes the memory of its
  // base.
  if (Operation *def = value.getDefiningOp()) {
    for (Value base : getMemoryBases(def))
      markSecret(base, through);
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
    FunctionOpInterface kernel = getCalleeFunction(op);
    if (!kernel || kernel.isExternal())
      return;
    for (auto [operand, arg] :
         llvm::zip(launch.getKernelOperands(), kernel.getArguments())) {
      const Secrecy &of = secrecyOf(operand);
      Secrecy in{Taint::derived(of.value, operand, false, op),
                 Taint::derived(of.memory, operand, true, op)};
      auto *lattice = getOrCreate<SecrecyLattice>(arg);
      propagateIfChanged(lattice, lattice->join(in));
    }
    return;
  }

  // What the op writes: its secret operands, and what it reads from memory
  // that holds secrets.
  Inflow in;
  SmallVector<bool> read = readOperands(op);
  for (auto [operand, isRead] : llvm::zip(op->getOperands(), read))
    in.addOperand(op, operand, secrecyOf(operand), isRead);
  if (hasOpaqueRegions(op))
    for (Region &region : op->getRegions())
      for (Block &block : region)
        if (block.mightHaveTerminator())
          for (Value yielded : block.getTerminator()->getOperands())
            in.addOperand(op, yielded, secrecyOf(yielded), /*read=*/false);

  // Body arguments: the matching operand for linalg ops (an element of it
  // if it is a buffer), every operand otherwise.
  if (hasOpaqueRegions(op)) {
    auto linalgOp = dyn_cast<linalg::LinalgOp>(op);
    for (Region &region : op->getRegions()) {
      if (region.empty())
        continue;
      for (BlockArgument arg : region.front().getArguments()) {
        Secrecy argSecrecy{in.value, in.memory};
        if (linalgOp && arg.getOwner() == linalgOp.getBlock()) {
          Value operand = linalgOp.getMatchingOpOperand(arg)->get();
          Inflow element;
          element.addOperand(op, operand, secrecyOf(operand), /*read=*/true);
          argSecrecy = {element.value, {}};
        }
        auto *lattice = getOrCreate<SecrecyLattice>(arg);
        propagateIfChanged(lattice, lattice->join(argSecrecy));
      }
    }
  }

  if (!in.value.secret)
    return;
  auto effects = dyn_cast<MemoryEffectOpInterface>(op);
  if (!effects) {
    // Unknown effects: any buffer operand may be written.
    for (Value operand : op->getOperands())
      if (designatesMemory(operand.getType()))
        markSecret(operand, in.value);
    return;
  }
  SmallVector<MemoryEffects::EffectInstance> instances;
  effects.getEffects(instances);
  for (const MemoryEffects::EffectInstance &instance : instances)
    if (isa<MemoryEffects::Write>(instance.getEffect()))
      if (Value written = instance.getValue())
        markSecret(written, in.value);
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
    if (isa<RegionOp>(op) || (isa<FunctionOpInterface>(op) &&
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
        << "secret source: argument "
        << cast<BlockArgument>(source).getArgNumber() << " of '"
        << func.getName() << "', marked " << VxCTDialect::kSecretAttrName;
    return;
  }
  Operation *def = source.getDefiningOp();
  diag.attachNote(def ? def->getLoc() : source.getLoc())
      << "secret source: '"
      << (def ? def->getName().getStringRef() : StringRef("value")) << "'";
}

void vortex::vx_ct::attachSecretPath(const DataFlowSolver &solver, Value value,
                                     Diagnostic &diag, bool memory) {
  const Secrecy &secrecy = getSecrecy(solver, value);
  const Taint &start = memory ? secrecy.memory : secrecy.value;
  if (!start.secret)
    return;
  // The chain of values, each of which became secret (in value or memory)
  // before the next, so it ends; the bound only guards the size of the
  // diagnostic.
  constexpr unsigned kMaxSteps = 16;
  SmallVector<Operation *> steps;
  Value current = value;
  bool inMemory = memory;
  while (current && steps.size() < kMaxSteps) {
    const Secrecy &of = getSecrecy(solver, current);
    const Taint &step = inMemory ? of.memory : of.value;
    if (!step.secret)
      break;
    if (step.via && (steps.empty() || steps.back() != step.via))
      steps.push_back(step.via);
    current = step.from;
    inMemory = step.fromMemory;
  }
  describeSource(start.source, diag);
  for (Operation *step : llvm::reverse(steps))
    diag.attachNote(step->getLoc())
        << "the secret flows through '" << step->getName() << "'";
}
