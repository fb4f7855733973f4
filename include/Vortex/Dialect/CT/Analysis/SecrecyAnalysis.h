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
/// `vx_ct.secret` argument or a `vx_ct.conceal`), the value it came from and
/// the operation that carried it.
struct Secrecy {
  bool secret = false;
  Value source;
  Value from;
  Operation *via = nullptr;

  static Secrecy getSecretSource(Value source) {
    return {true, source, nullptr, nullptr};
  }
  /// The secrecy of a value computed by `via` from `from`, whose secrecy is
  /// `of`.
  static Secrecy derived(const Secrecy &of, Value from, Operation *via) {
    if (!of.secret)
      return {};
    return {true, of.source, from, via};
  }
  /// The first secret wins, so a value's provenance never changes once set.
  static Secrecy join(const Secrecy &lhs, const Secrecy &rhs) {
    return lhs.secret ? lhs : rhs;
  }
  bool operator==(const Secrecy &other) const {
    return secret == other.secret && source == other.source &&
           from == other.from && via == other.via;
  }
  void print(raw_ostream &os) const;
};

class SecrecyLattice : public dataflow::Lattice<Secrecy> {
public:
  MLIR_DEFINE_EXPLICIT_INTERNAL_INLINE_TYPE_ID(SecrecyLattice)
  using Lattice::Lattice;
};

/// Secrecy through SSA values, region control flow (RegionBranchOpInterface)
/// and calls (CallOpInterface/CallableOpInterface). Function arguments are
/// secret when marked `vx_ct.secret` (or when a secret reaches them from a
/// call site the analysis sees); operations follow SecrecyOpInterface,
/// propagating from operands by default.
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
/// buffers) makes those buffers, their view sources and the call operands
/// they alias secret when any of its operands is; the body arguments of
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
  void markSecret(Value value, const Secrecy &secrecy);
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

/// Attaches notes to `diag` naming where the secret in `value` entered and
/// the operations it flowed through.
void attachSecretPath(const DataFlowSolver &solver, Value value,
                      Diagnostic &diag);

} // namespace vx_ct
} // namespace vortex
} // namespace mlir

#endif // VORTEX_DIALECT_CT_ANALYSIS_SECRECYANALYSIS_H
