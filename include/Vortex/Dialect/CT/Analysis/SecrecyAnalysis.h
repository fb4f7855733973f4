//===- SecrecyAnalysis.h - which values are secret --------------*- C++ -*-===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//
//
// A forward dataflow analysis, on MLIR's dataflow framework, of which values
// carry secret information. The lattice of a value is two-level, public <
// secret, with the provenance of the first secret that reached it (where it
// entered and the operation it came through) so that diagnostics can show
// the path.
//
//===----------------------------------------------------------------------===//

#ifndef VORTEX_DIALECT_CT_ANALYSIS_SECRECYANALYSIS_H
#define VORTEX_DIALECT_CT_ANALYSIS_SECRECYANALYSIS_H

#include "mlir/Analysis/DataFlow/SparseAnalysis.h"
#include "mlir/Analysis/DataFlowFramework.h"
#include "mlir/Interfaces/FunctionInterfaces.h"
#include "llvm/ADT/SetVector.h"

namespace mlir {
class Diagnostic;
namespace vortex {
namespace vx_ct {

/// Public or secret, and for a secret: the value where it entered (a
/// `vx_ct.secret` argument or a `vx_ct.conceal`), the value it came from,
/// whether it came from the memory that value designates rather than from
/// the value itself, and the operation that carried it.
struct Taint {
  bool secret = false;
  Value source;
  Value from;
  bool fromMemory = false;
  Operation *via = nullptr;

  static Taint getSecretSource(Value source) {
    return {true, source, nullptr, false, nullptr};
  }
  /// The taint of a value computed by `via` from `from` (from the memory
  /// `from` designates if `fromMemory`), whose taint is `of`.
  static Taint derived(const Taint &of, Value from, bool fromMemory,
                       Operation *via) {
    if (!of.secret)
      return {};
    return {true, of.source, from, fromMemory, via};
  }
  /// The first secret wins, so a value's provenance never changes once set.
  static Taint join(const Taint &lhs, const Taint &rhs) {
    return lhs.secret ? lhs : rhs;
  }
  bool operator==(const Taint &other) const {
    return secret == other.secret && source == other.source &&
           from == other.from && fromMemory == other.fromMemory &&
           via == other.via;
  }
};

/// The secrecy of a value: whether the value itself depends on a secret
/// (`value`), and, for values that designate memory (memrefs, LLVM pointers,
/// and what carries them, such as memref descriptors), whether that memory
/// holds secrets (`memory`). A buffer of secrets at a public address is
/// secret in memory only: reading it gives secrets, indexing it leaks
/// nothing.
struct Secrecy {
  Taint value;
  Taint memory;

  bool isSecret() const { return value.secret; }
  static Secrecy join(const Secrecy &lhs, const Secrecy &rhs) {
    return {Taint::join(lhs.value, rhs.value),
            Taint::join(lhs.memory, rhs.memory)};
  }
  bool operator==(const Secrecy &other) const {
    return value == other.value && memory == other.memory;
  }
  void print(raw_ostream &os) const;
};

/// Whether values of `type` designate memory (memrefs and LLVM pointers).
bool designatesMemory(Type type);

class SecrecyLattice : public dataflow::Lattice<Secrecy> {
public:
  MLIR_DEFINE_EXPLICIT_INTERNAL_INLINE_TYPE_ID(SecrecyLattice)
  using Lattice::Lattice;
};

/// Secrecy through SSA values, region control flow (RegionBranchOpInterface)
/// and calls (CallOpInterface/CallableOpInterface). Function arguments are
/// secret when marked `vx_ct.secret` (or when a secret reaches them from a
/// call site the analysis sees): in memory for arguments that designate
/// memory, in value otherwise. Operations follow SecrecyOpInterface; by
/// default a result is secret in value when an operand is, or when the
/// operation reads (by its memory effects) memory that holds secrets, and in
/// memory when an operand is (or, for a result that designates memory, when
/// it is secret in value).
class SecrecyAnalysis
    : public dataflow::SparseForwardDataFlowAnalysis<SecrecyLattice> {
public:
  using SparseForwardDataFlowAnalysis::SparseForwardDataFlowAnalysis;

  LogicalResult visitOperation(Operation *op,
                               ArrayRef<const SecrecyLattice *> operands,
                               ArrayRef<SecrecyLattice *> results) override;
  void visitExternalCall(CallOpInterface call,
                         ArrayRef<const SecrecyLattice *> arguments,
                         ArrayRef<SecrecyLattice *> results) override;
  void visitNonControlFlowArguments(Operation *op,
                                    const RegionSuccessor &successor,
                                    ArrayRef<SecrecyLattice *> arguments,
                                    unsigned firstIndex) override;
  void setToEntryState(SecrecyLattice *lattice) override;
};

/// Secrecy through memory and through what the sparse analysis does not
/// visit: an operation that writes memory (its memory effects say which
/// buffers) makes those buffers secret in memory, with the values they alias
/// (SecrecyOpInterface::getMemoryBases: views, pointer offsets, casts) and
/// the call operands they are, when any of its operands is secret or it
/// reads memory that holds secrets; the body arguments of
/// region operations without region control flow (linalg.generic, whose
/// arguments follow their operands through LinalgOp); kernel arguments from
/// `gpu.launch_func` operands.
class SecrecyMemoryAnalysis : public DataFlowAnalysis {
public:
  using DataFlowAnalysis::DataFlowAnalysis;

  LogicalResult initialize(Operation *top) override;
  LogicalResult visit(ProgramPoint *point) override;

private:
  void visitOp(Operation *op);
  void markSecret(Value value, const Taint &taint);
};

/// The function a call calls or the kernel a `gpu.launch_func` launches, if
/// it is defined in the symbol tables around `op`.
FunctionOpInterface getCalleeFunction(Operation *op);

/// The code that must be constant time: functions marked
/// `vx_ct.constant_time`, `vx_ct.region` ops, and the functions and kernels
/// they call or launch, transitively.
SetVector<Operation *> collectConstantTimeCode(Operation *top);

/// Loads the analyses the secrecy analysis needs (dead code and constant
/// propagation, which the framework requires) and the secrecy analyses.
void loadSecrecyAnalysis(DataFlowSolver &solver);

/// The secrecy of `value` after the solver has run.
const Secrecy &getSecrecy(const DataFlowSolver &solver, Value value);

/// Attaches notes to `diag` naming where the secret in `value` (in the
/// memory it designates if `memory`) entered and the operations it flowed
/// through.
void attachSecretPath(const DataFlowSolver &solver, Value value,
                      Diagnostic &diag, bool memory = false);

} // namespace vx_ct
} // namespace vortex
} // namespace mlir

#endif // VORTEX_DIALECT_CT_ANALYSIS_SECRECYANALYSIS_H
