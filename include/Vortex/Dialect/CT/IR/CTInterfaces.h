//===- CTInterfaces.h - vx.ct secrecy interface -----------------*- C++ -*-===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//

#ifndef VORTEX_DIALECT_CT_IR_CTINTERFACES_H
#define VORTEX_DIALECT_CT_IR_CTINTERFACES_H

#include "mlir/IR/OpDefinition.h"
#include "mlir/Interfaces/ViewLikeInterface.h"
#include "llvm/ADT/SmallVector.h"

namespace mlir {
class DialectRegistry;
namespace vortex {
namespace vx_ct {

/// How a secret operand would show in the timing of its operation.
enum class LeakKind {
  /// A branch condition: which code runs depends on it.
  Branch,
  /// A loop bound, step or condition: the trip count depends on it.
  Loop,
  /// A condition that may leave the function or kernel early.
  EarlyExit,
  /// A memory index or address: cache lines and shared-memory banks
  /// depend on it.
  Address,
  /// An operand of arithmetic whose latency depends on its value.
  Latency,
};

/// An operand that must not be secret, what kind of leak it would be, and
/// what the operand is to the operation (`condition`, `upper bound`,
/// `index`, `divisor`, ...), for diagnostics.
struct TimingLeak {
  OpOperand *operand;
  LeakKind kind;
  StringRef role;
};

/// Secrecy of an operation's results.
enum class ResultSecrecy {
  /// Secret when an operand is.
  FromOperands,
  /// Never secret.
  Public,
  /// Always secret.
  Secret,
};

/// Attaches the secrecy interface to the upstream operations that leak
/// (branches, loops, memory accesses, divisions, math functions) or that
/// make results public (shapes of buffers and tensors).
void registerSecrecyExternalModels(DialectRegistry &registry);

/// The operands whose memory the results of `op` designate too:
/// SecrecyOpInterface::getMemoryBases, or the view source of an op that
/// only implements ViewLikeOpInterface.
SmallVector<Value> getMemoryBases(Operation *op);

} // namespace vx_ct
} // namespace vortex
} // namespace mlir

#include "Vortex/Dialect/CT/IR/CTInterfaces.h.inc"

#endif // VORTEX_DIALECT_CT_IR_CTINTERFACES_H
