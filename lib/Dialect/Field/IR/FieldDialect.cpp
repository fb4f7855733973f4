//===- FieldDialect.cpp - vx.field dialect --------------------------------===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//

#include "Vortex/Dialect/Field/IR/FieldDialect.h"
#include "Vortex/Dialect/Field/IR/FieldOps.h"
#include "Vortex/Dialect/Field/IR/FieldTypes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/OpImplementation.h"

using namespace mlir;
using namespace mlir::vortex::vx_field;

#include "Vortex/Dialect/Field/IR/FieldDialect.cpp.inc"

namespace {
/// Prints the named fields under their names: `!bn254_fr`, `!bn254_fr_mont`.
struct FieldOpAsmInterface : public OpAsmDialectInterface {
  using OpAsmDialectInterface::OpAsmDialectInterface;

  AliasResult getAlias(Type type, raw_ostream &os) const override {
    if (auto ext = dyn_cast<ExtensionFieldType>(type)) {
      std::string name = ext.getFieldName();
      if (name.empty())
        return AliasResult::NoAlias;
      os << name;
      if (ext.getPrimeField().getRepresentation() == Representation::montgomery)
        os << "_mont";
      return AliasResult::FinalAlias;
    }
    auto field = dyn_cast<PrimeFieldType>(type);
    if (!field || field.getFieldName().empty())
      return AliasResult::NoAlias;
    os << field.getFieldName();
    if (field.getRepresentation() == Representation::montgomery)
      os << "_mont";
    return AliasResult::FinalAlias;
  }
};
} // namespace

void VxFieldDialect::initialize() {
  registerTypes();
  registerAttributes();
  addOperations<
#define GET_OP_LIST
#include "Vortex/Dialect/Field/IR/FieldOps.cpp.inc"
      >();
  addInterfaces<FieldOpAsmInterface>();
}

Operation *VxFieldDialect::materializeConstant(OpBuilder &builder,
                                               Attribute value, Type type,
                                               Location loc) {
  if (auto elem = dyn_cast<ElementAttr>(value))
    return ConstantOp::create(builder, loc, type, elem);
  // Comparisons fold to booleans.
  if (arith::ConstantOp::isBuildableWith(value, type))
    return arith::ConstantOp::create(builder, loc, type,
                                     cast<TypedAttr>(value));
  return nullptr;
}
