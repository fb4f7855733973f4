//===- Dialects.cpp - C API of the vx dialects ----------------------------===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//

#include "Vortex-c/Dialects.h"

#include "Vortex/Dialect/CT/IR/CTDialect.h"
#include "Vortex/Dialect/Dist/IR/DistDialect.h"
#include "Vortex/Dialect/Field/IR/FieldDialect.h"
#include "Vortex/Dialect/Field/IR/FieldTypes.h"
#include "Vortex/Dialect/Tensor/IR/TensorDialect.h"
#include "Vortex/InitAll.h"

#include "mlir/CAPI/IR.h"
#include "mlir/CAPI/Registration.h"
#include "mlir/CAPI/Support.h"

using namespace mlir;
using namespace mlir::vortex;

MLIR_DEFINE_CAPI_DIALECT_REGISTRATION(VxTensor, vx_tensor,
                                      vx_tensor::VxTensorDialect)
MLIR_DEFINE_CAPI_DIALECT_REGISTRATION(VxField, vx_field,
                                      vx_field::VxFieldDialect)
MLIR_DEFINE_CAPI_DIALECT_REGISTRATION(VxCT, vx_ct, vx_ct::VxCTDialect)
MLIR_DEFINE_CAPI_DIALECT_REGISTRATION(VxDist, vx_dist, vx_dist::VxDistDialect)

void vortexRegisterAllDialects(MlirDialectRegistry registry) {
  vortex::registerAllDialects(*unwrap(registry));
}

void vortexRegisterAllPasses(void) { vortex::registerAllPasses(); }

bool vortexTypeIsAPrimeField(MlirType type) {
  return isa<vx_field::PrimeFieldType>(unwrap(type));
}

MlirType vortexPrimeFieldTypeGetNamed(MlirContext ctx, MlirStringRef name) {
  unwrap(ctx)->getOrLoadDialect<vx_field::VxFieldDialect>();
  std::optional<APInt> modulus = vx_field::lookupNamedField(unwrap(name));
  if (!modulus)
    return {nullptr};
  return wrap(vx_field::PrimeFieldType::get(unwrap(ctx), *modulus));
}

MlirType vortexPrimeFieldTypeGet(MlirContext ctx, MlirStringRef modulus,
                                 bool montgomery) {
  MLIRContext *context = unwrap(ctx);
  context->getOrLoadDialect<vx_field::VxFieldDialect>();
  StringRef digits = unwrap(modulus);
  APInt value;
  if (digits.empty() || digits.getAsInteger(10, value)) {
    emitError(UnknownLoc::get(context))
        << "'" << digits << "' is not a decimal modulus";
    return {nullptr};
  }
  auto representation = montgomery ? vx_field::Representation::montgomery
                                   : vx_field::Representation::canonical;
  return wrap(vx_field::PrimeFieldType::getCheckedFromModulus(
      [&] { return emitError(UnknownLoc::get(context)); }, context, value,
      representation));
}

unsigned vortexPrimeFieldTypeGetModulusBitWidth(MlirType type) {
  return cast<vx_field::PrimeFieldType>(unwrap(type)).getModulusBitWidth();
}
