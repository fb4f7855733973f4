//===- BufferAliases.h - views of buffers in host code -----------*- C++ -*-===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//
//
// Helpers shared by the GPU passes that reason about which buffers host code
// and kernels touch.
//
//===----------------------------------------------------------------------===//

#ifndef VORTEX_LIB_TRANSFORMS_BUFFERALIASES_H
#define VORTEX_LIB_TRANSFORMS_BUFFERALIASES_H

#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Interfaces/ViewLikeInterface.h"

namespace mlir::vortex {

/// The buffer that `op` is a view or cast of, if it is one.
inline Value getViewSource(Operation *op) {
  if (auto view = dyn_cast<ViewLikeOpInterface>(op))
    return view.getViewSource();
  if (auto cast = dyn_cast<memref::CastOp>(op))
    return cast.getSource();
  return {};
}

/// The allocation, argument or call result that `buffer` is a view of.
inline Value getRoot(Value buffer) {
  while (Operation *def = buffer.getDefiningOp()) {
    Value source = getViewSource(def);
    if (!source)
      break;
    buffer = source;
  }
  return buffer;
}

/// Calls `fn` on every use of `root` and of the views of it.
inline void forEachAliasUse(Value root, function_ref<void(OpOperand &)> fn) {
  SmallVector<Value> worklist{root};
  while (!worklist.empty()) {
    Value value = worklist.pop_back_val();
    for (OpOperand &use : value.getUses()) {
      fn(use);
      if (getViewSource(use.getOwner()) == value)
        worklist.push_back(use.getOwner()->getResult(0));
    }
  }
}

} // namespace mlir::vortex

#endif // VORTEX_LIB_TRANSFORMS_BUFFERALIASES_H
