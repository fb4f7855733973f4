//===- KernelSignatures.cpp - describe a module's kernels as JSON ---------===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//
//
// Writes, for every public function with a body:
//
//   {"kernels": [{"name": "silu_mul",
//                 "symbol": "_mlir_ciface_silu_mul",
//                 "arguments": [{"kind": "tensor", "element": "bf16",
//                                "shape": [-1, 4096]}, ...],
//                 "results": [...]}]}
//
// `shape` uses -1 for dynamic sizes. Scalars are {"kind": "scalar",
// "element": ...}. Tensors become memrefs with identity layouts, which is
// how the pipelines bufferize function boundaries.
//
//===----------------------------------------------------------------------===//

#include "Vortex/Target/KernelSignatures.h"
#include "Vortex/InitAll.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/Tools/mlir-translate/Translation.h"
#include "llvm/Support/JSON.h"

using namespace mlir;

std::string mlir::vortex::kernelElementName(Type type) {
  if (type.isIndex())
    return "index";
  if (type.isBF16())
    return "bf16";
  if (auto f = dyn_cast<FloatType>(type))
    return "f" + std::to_string(f.getWidth());
  if (auto i = dyn_cast<IntegerType>(type))
    if (i.isSignless())
      return "i" + std::to_string(i.getWidth());
  return "";
}

static LogicalResult describe(Operation *func, Type type, llvm::json::OStream &json) {
  std::string element;
  json.objectBegin();
  if (auto tensor = dyn_cast<RankedTensorType>(type)) {
    element = vortex::kernelElementName(tensor.getElementType());
    json.attribute("kind", "tensor");
    json.attributeArray("shape", [&] {
      for (int64_t size : tensor.getShape())
        json.value(ShapedType::isDynamic(size) ? int64_t(-1) : size);
    });
  } else {
    element = vortex::kernelElementName(type);
    json.attribute("kind", "scalar");
  }
  json.attribute("element", element);
  json.objectEnd();
  if (element.empty())
    return func->emitError("has a ")
           << type << " in its signature, which the runtimes cannot pass";
  return success();
}

LogicalResult mlir::vortex::writeKernelSignature(func::FuncOp func,
                                               llvm::json::OStream &json) {
  LogicalResult status = success();
  json.attributeArray("arguments", [&] {
    for (Type type : func.getArgumentTypes())
      if (failed(describe(func, type, json)))
        status = failure();
  });
  json.attributeArray("results", [&] {
    for (Type type : func.getResultTypes())
      if (failed(describe(func, type, json)))
        status = failure();
  });
  return status;
}

static LogicalResult writeSignatures(ModuleOp module, raw_ostream &os) {
  llvm::json::OStream json(os, /*IndentSize=*/2);
  LogicalResult status = success();
  json.objectBegin();
  json.attributeArray("kernels", [&] {
    for (auto func : module.getOps<func::FuncOp>()) {
      if (func.isExternal() || !func.isPublic())
        continue;
      json.object([&] {
        json.attribute("name", func.getSymName());
        json.attribute("symbol", ("_mlir_ciface_" + func.getSymName()).str());
        if (failed(vortex::writeKernelSignature(func, json)))
          status = failure();
      });
    }
  });
  json.objectEnd();
  os << "\n";
  return status;
}

void mlir::vortex::registerKernelSignaturesTranslation() {
  TranslateFromMLIRRegistration(
      "vx-kernel-signatures",
      "Describe the public functions of a vx module as JSON for the runtimes",
      writeSignatures,
      [](DialectRegistry &registry) { registerAllDialects(registry); });
}
