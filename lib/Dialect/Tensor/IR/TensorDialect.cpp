//===- TensorDialect.cpp - vx.tensor dialect ------------------------------===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//

#include "Vortex/Dialect/Tensor/IR/TensorDialect.h"
#include "Vortex/Dialect/Tensor/IR/TensorOps.h"

using namespace mlir;
using namespace mlir::vortex::vx_tensor;

#include "Vortex/Dialect/Tensor/IR/TensorDialect.cpp.inc"

void VxTensorDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "Vortex/Dialect/Tensor/IR/TensorOps.cpp.inc"
      >();
}
