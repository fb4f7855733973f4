//===- FieldTypes.cpp - vx.field types and attributes ---------------------===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//

#include "Vortex/Dialect/Field/IR/FieldTypes.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::vortex::vx_field;

#include "Vortex/Dialect/Field/IR/FieldEnums.cpp.inc"

#define GET_TYPEDEF_CLASSES
#include "Vortex/Dialect/Field/IR/FieldTypes.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "Vortex/Dialect/Field/IR/FieldAttributes.cpp.inc"

//===----------------------------------------------------------------------===//
// Named fields
//===----------------------------------------------------------------------===//

ArrayRef<NamedField> mlir::vortex::vx_field::getNamedFields() {
  static const NamedField fields[] = {
      {"bn254_fr", "2188824287183927522224640574525727508854836440041603434369"
                   "8204186575808495617"},
      {"bn254_fq", "2188824287183927522224640574525727508869631115729782366268"
                   "9037894645226208583"},
      {"bls12_381_fr", "52435875175126190479447740508185965837690552500527637"
                       "822603658699938581184513"},
      {"bls12_381_fq",
       "40024095552216673934177898257359041565568828199390078853320581361240"
       "31650490837864442687629129015664037894272559787"},
      {"goldilocks", "18446744069414584321"},
      {"babybear", "2013265921"},
      {"mersenne31", "2147483647"},
  };
  return fields;
}

std::optional<APInt> mlir::vortex::vx_field::lookupNamedField(StringRef name) {
  for (const NamedField &field : getNamedFields())
    if (field.name == name)
      return APInt(llvm::APInt::getBitsNeeded(field.modulus, 10) + 1,
                   field.modulus, 10);
  return std::nullopt;
}

PrimeFieldType mlir::vortex::vx_field::getFieldType(Type type) {
  if (auto shaped = dyn_cast<ShapedType>(type))
    type = shaped.getElementType();
  return dyn_cast<PrimeFieldType>(type);
}

/// Integer attributes holding field values and moduli are unsigned values in
/// the smallest signless type that also keeps the top bit clear, so that one
/// value always has one attribute.
static IntegerAttr getCanonicalIntAttr(MLIRContext *ctx, const APInt &value,
                                       unsigned width) {
  return IntegerAttr::get(IntegerType::get(ctx, width),
                          value.zextOrTrunc(width));
}

std::string mlir::vortex::vx_field::toDecimal(const APInt &value) {
  return llvm::toString(value, 10, /*Signed=*/false);
}

ParseResult mlir::vortex::vx_field::parseNatural(AsmParser &parser,
                                                APInt &value, StringRef what) {
  SMLoc loc = parser.getCurrentLocation();
  OptionalParseResult result = parser.parseOptionalInteger(value);
  if (!result.has_value())
    return parser.emitError(loc, "expected ") << what;
  if (failed(*result))
    return failure();
  if (value.isNegative())
    return parser.emitError(loc) << what << " must not be negative";
  return success();
}

//===----------------------------------------------------------------------===//
// ModularArithmetic
//===----------------------------------------------------------------------===//

ModularArithmetic::ModularArithmetic(PrimeFieldType field)
    : modulus(field.getModulusValue()), width(modulus.getBitWidth()) {}

APInt ModularArithmetic::add(const APInt &a, const APInt &b) const {
  // The stored width keeps the top bit clear, so a + b < 2p fits.
  APInt sum = a + b;
  return sum.uge(modulus) ? sum - modulus : sum;
}

APInt ModularArithmetic::sub(const APInt &a, const APInt &b) const {
  return a.uge(b) ? a - b : a + modulus - b;
}

APInt ModularArithmetic::neg(const APInt &a) const {
  return a.isZero() ? a : modulus - a;
}

APInt ModularArithmetic::mul(const APInt &a, const APInt &b) const {
  APInt wide = a.zext(2 * width) * b.zext(2 * width);
  return wide.urem(modulus.zext(2 * width)).trunc(width);
}

APInt ModularArithmetic::pow(const APInt &a, const APInt &exponent) const {
  APInt result(width, 1), base = a;
  for (unsigned i = 0, e = exponent.getActiveBits(); i < e; ++i) {
    if (exponent[i])
      result = mul(result, base);
    base = mul(base, base);
  }
  return result;
}

APInt ModularArithmetic::inv(const APInt &a) const {
  return pow(a, modulus - 2);
}

//===----------------------------------------------------------------------===//
// PrimeFieldType
//===----------------------------------------------------------------------===//

/// The modulus attribute of a field: one bit wider than the modulus needs.
static IntegerAttr getModulusAttr(MLIRContext *ctx, const APInt &modulus) {
  unsigned width = std::max(modulus.getActiveBits(), 2u) + 1;
  return getCanonicalIntAttr(ctx, modulus, width);
}

PrimeFieldType PrimeFieldType::get(MLIRContext *ctx, const APInt &modulus,
                                   Representation representation) {
  return Base::get(ctx, getModulusAttr(ctx, modulus), representation);
}

PrimeFieldType PrimeFieldType::getCheckedFromModulus(
    function_ref<InFlightDiagnostic()> emitError, MLIRContext *ctx,
    const APInt &modulus, Representation representation) {
  return Base::getChecked(emitError, ctx, getModulusAttr(ctx, modulus),
                          representation);
}

LogicalResult
PrimeFieldType::verify(function_ref<InFlightDiagnostic()> emitError,
                       IntegerAttr modulus, Representation) {
  if (!modulus)
    return emitError() << "expected a modulus";
  APInt p = modulus.getValue();
  if (p.isNegative() || !p[0] || p.ule(2))
    return emitError() << "modulus must be an odd integer greater than 2, got "
                       << toDecimal(p);
  return success();
}

StringRef PrimeFieldType::getFieldName() const {
  APInt p = getModulusValue();
  for (const NamedField &field : getNamedFields()) {
    std::optional<APInt> named = lookupNamedField(field.name);
    if (named->getActiveBits() == p.getActiveBits() &&
        named->zextOrTrunc(p.getBitWidth()) == p)
      return field.name;
  }
  return {};
}

Type PrimeFieldType::parse(AsmParser &parser) {
  MLIRContext *ctx = parser.getContext();
  SMLoc loc = parser.getCurrentLocation();
  if (parser.parseLess())
    return {};
  APInt modulus;
  OptionalParseResult intResult = parser.parseOptionalInteger(modulus);
  if (intResult.has_value()) {
    if (failed(*intResult))
      return {};
    if (modulus.isNegative()) {
      parser.emitError(loc, "modulus must not be negative");
      return {};
    }
  } else {
    StringRef name;
    SMLoc nameLoc = parser.getCurrentLocation();
    if (parser.parseKeyword(&name)) {
      parser.emitError(nameLoc, "expected a modulus or a field name");
      return {};
    }
    std::optional<APInt> named = lookupNamedField(name);
    if (!named) {
      auto diag = parser.emitError(nameLoc, "unknown field '")
                  << name << "'; the named fields are";
      for (const NamedField &field : getNamedFields())
        diag << " " << field.name;
      return {};
    }
    modulus = *named;
  }
  Representation representation = Representation::canonical;
  if (succeeded(parser.parseOptionalComma())) {
    StringRef keyword;
    SMLoc kwLoc = parser.getCurrentLocation();
    if (parser.parseKeyword(&keyword))
      return {};
    std::optional<Representation> parsed = symbolizeRepresentation(keyword);
    if (!parsed) {
      parser.emitError(kwLoc, "expected 'canonical' or 'montgomery', got '")
          << keyword << "'";
      return {};
    }
    representation = *parsed;
  }
  if (parser.parseGreater())
    return {};
  return getCheckedFromModulus([&] { return parser.emitError(loc); }, ctx,
                               modulus, representation);
}

void PrimeFieldType::print(AsmPrinter &printer) const {
  printer << "<" << toDecimal(getModulusValue());
  if (getRepresentation() != Representation::canonical)
    printer << ", " << stringifyRepresentation(getRepresentation());
  printer << ">";
}

//===----------------------------------------------------------------------===//
// ElementAttr
//===----------------------------------------------------------------------===//

ElementAttr ElementAttr::get(Type type, const APInt &value) {
  PrimeFieldType field = vx_field::getFieldType(type);
  assert(field && "field element attribute needs a field type");
  unsigned width = field.getModulus().getType().getIntOrFloatBitWidth();
  return Base::get(type.getContext(),
                   getCanonicalIntAttr(type.getContext(), value, width), type);
}

PrimeFieldType ElementAttr::getFieldType() const {
  return vx_field::getFieldType(getType());
}

LogicalResult ElementAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                                  IntegerAttr value, Type type) {
  PrimeFieldType field = vx_field::getFieldType(type);
  if (!field || (type != field && !isa<RankedTensorType>(type)))
    return emitError() << "field element needs a prime field type or a ranked "
                          "tensor of one, got "
                       << type;
  // A splat has the shape of its type; a constant cannot leave it open.
  if (auto tensor = dyn_cast<RankedTensorType>(type);
      tensor && !tensor.hasStaticShape())
    return emitError() << "field element splat needs a static shape, got "
                       << type;
  APInt v = value.getValue(), p = field.getModulusValue();
  unsigned width = std::max(v.getBitWidth(), p.getBitWidth());
  if (v.isNegative() || v.zext(width).uge(p.zext(width)))
    return emitError() << "value " << toDecimal(v)
                       << " is not below the modulus " << toDecimal(p);
  return success();
}

ElementAttr mlir::vortex::vx_field::buildElement(AsmParser &parser, SMLoc loc,
                                                Type type, const APInt &value) {
  PrimeFieldType field = getFieldType(type);
  if (!field) {
    parser.emitError(loc, "field element needs a prime field type or a ranked "
                          "tensor of one, got ")
        << type;
    return {};
  }
  APInt p = field.getModulusValue();
  unsigned width = std::max(value.getBitWidth(), p.getBitWidth());
  if (value.zext(width).uge(p.zext(width))) {
    parser.emitError(loc, "value ")
        << toDecimal(value) << " is not below the modulus " << toDecimal(p);
    return {};
  }
  return ElementAttr::getChecked(
      [&] { return parser.emitError(loc); }, type.getContext(),
      getCanonicalIntAttr(type.getContext(), value,
                          field.getModulus().getType().getIntOrFloatBitWidth()),
      type);
}

Attribute ElementAttr::parse(AsmParser &parser, Type type) {
  SMLoc loc = parser.getCurrentLocation();
  APInt value;
  if (parser.parseLess() || parseNatural(parser, value, "a field element") ||
      parser.parseGreater())
    return {};
  if (!type) {
    parser.emitError(loc, "expected ': type' after a field element");
    return {};
  }
  return buildElement(parser, loc, type, value);
}

void ElementAttr::print(AsmPrinter &printer) const {
  printer << "<" << toDecimal(getInt()) << ">";
}

//===----------------------------------------------------------------------===//
// Registration
//===----------------------------------------------------------------------===//

void VxFieldDialect::registerTypes() {
  addTypes<
#define GET_TYPEDEF_LIST
#include "Vortex/Dialect/Field/IR/FieldTypes.cpp.inc"
      >();
}

void VxFieldDialect::registerAttributes() {
  addAttributes<
#define GET_ATTRDEF_LIST
#include "Vortex/Dialect/Field/IR/FieldAttributes.cpp.inc"
      >();
}
