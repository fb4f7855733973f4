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

/// Parses `, canonical` or `, montgomery` when a comma follows; the
/// representation is canonical otherwise.
static LogicalResult parseOptionalRepresentation(AsmParser &parser,
                                                 Representation &result) {
  result = Representation::canonical;
  if (failed(parser.parseOptionalComma()))
    return success();
  StringRef keyword;
  SMLoc loc = parser.getCurrentLocation();
  if (parser.parseKeyword(&keyword))
    return failure();
  std::optional<Representation> parsed = symbolizeRepresentation(keyword);
  if (!parsed)
    return parser.emitError(loc, "expected 'canonical' or 'montgomery', got '")
           << keyword << "'";
  result = *parsed;
  return success();
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
  Representation representation;
  if (failed(parseOptionalRepresentation(parser, representation)))
    return {};
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
// ExtensionFieldType
//===----------------------------------------------------------------------===//

namespace {
/// A named extension: its base (a named prime field or extension), degree
/// and non-residue (coefficients over the prime field; -1 is p - 1).
struct NamedExtension {
  StringRef name, base;
  unsigned degree;
  ArrayRef<int64_t> nonResidue;
};
} // namespace

static ArrayRef<NamedExtension> getNamedExtensions() {
  static const int64_t minusOne[] = {-1}, bn254Xi[] = {9, 1},
                       blsXi[] = {1, 1}, v[] = {0, 0, 1, 0, 0, 0},
                       seven[] = {7}, eleven[] = {11};
  static const NamedExtension extensions[] = {
      {"bn254_fq2", "bn254_fq", 2, minusOne},
      {"bn254_fq6", "bn254_fq2", 3, bn254Xi},
      {"bn254_fq12", "bn254_fq6", 2, v},
      {"bls12_381_fq2", "bls12_381_fq", 2, minusOne},
      {"bls12_381_fq6", "bls12_381_fq2", 3, blsXi},
      {"bls12_381_fq12", "bls12_381_fq6", 2, v},
      {"goldilocks_ext2", "goldilocks", 2, seven},
      {"babybear_ext4", "babybear", 4, eleven},
  };
  return extensions;
}

ExtensionFieldType
mlir::vortex::vx_field::getNamedExtension(MLIRContext *ctx, StringRef name,
                                          Representation representation) {
  for (const NamedExtension &ext : getNamedExtensions()) {
    if (ext.name != name)
      continue;
    Type base;
    if (std::optional<APInt> p = lookupNamedField(ext.base))
      base = PrimeFieldType::get(ctx, *p, representation);
    else
      base = getNamedExtension(ctx, ext.base, representation);
    PrimeFieldType prime = getPrimeFieldOf(base);
    APInt p = prime.getModulusValue();
    SmallVector<Attribute> coefficients;
    for (int64_t c : ext.nonResidue) {
      APInt value = c < 0 ? p - 1 : APInt(p.getBitWidth(), c);
      coefficients.push_back(IntegerAttr::get(prime.getModulus().getType(), value));
    }
    return ExtensionFieldType::get(ctx, base, ext.degree,
                                   ArrayAttr::get(ctx, coefficients));
  }
  return {};
}

Type mlir::vortex::vx_field::getAnyFieldType(Type type) {
  if (auto shaped = dyn_cast<ShapedType>(type))
    type = shaped.getElementType();
  if (isa<PrimeFieldType, ExtensionFieldType>(type))
    return type;
  return {};
}

PrimeFieldType mlir::vortex::vx_field::getPrimeFieldOf(Type type) {
  type = getAnyFieldType(type);
  if (auto ext = dyn_cast_if_present<ExtensionFieldType>(type))
    return ext.getPrimeField();
  return dyn_cast_if_present<PrimeFieldType>(type);
}

PrimeFieldType ExtensionFieldType::getPrimeField() const {
  return getPrimeFieldOf(getBase());
}

unsigned ExtensionFieldType::getTotalDegree() const {
  unsigned below = 1;
  if (auto ext = dyn_cast<ExtensionFieldType>(getBase()))
    below = ext.getTotalDegree();
  return below * getDegree();
}

SmallVector<APInt> ExtensionFieldType::getNonResidueValues() const {
  SmallVector<APInt> values;
  for (Attribute attr : getNonResidue())
    values.push_back(cast<IntegerAttr>(attr).getValue());
  return values;
}

std::string ExtensionFieldType::getFieldName() const {
  PrimeFieldType prime = getPrimeField();
  for (const NamedExtension &ext : getNamedExtensions())
    if (getNamedExtension(getContext(), ext.name, prime.getRepresentation()) ==
        *this)
      return ext.name.str();
  return "";
}

LogicalResult ExtensionFieldType::verify(
    function_ref<InFlightDiagnostic()> emitError, Type base, unsigned degree,
    ArrayAttr nonResidue) {
  if (!isa_and_present<PrimeFieldType, ExtensionFieldType>(base))
    return emitError() << "extension base must be a prime field or an "
                          "extension field, got "
                       << base;
  if (degree < 2)
    return emitError() << "extension degree must be at least 2, got "
                       << degree;
  unsigned baseDegree = 1;
  if (auto ext = dyn_cast<ExtensionFieldType>(base))
    baseDegree = ext.getTotalDegree();
  if (!nonResidue || nonResidue.size() != baseDegree)
    return emitError() << "non-residue needs " << baseDegree
                       << " coefficient(s) over the prime field, got "
                       << (nonResidue ? nonResidue.size() : 0);
  APInt p = getPrimeFieldOf(base).getModulusValue();
  for (Attribute attr : nonResidue) {
    auto value = dyn_cast<IntegerAttr>(attr);
    if (!value)
      return emitError() << "non-residue coefficients must be integers";
    APInt v = value.getValue();
    unsigned width = std::max(v.getBitWidth(), p.getBitWidth());
    if (v.isNegative() || v.zext(width).uge(p.zext(width)))
      return emitError() << "non-residue coefficient " << toDecimal(v)
                         << " is not below the modulus " << toDecimal(p);
  }
  return success();
}

Type ExtensionFieldType::parse(AsmParser &parser) {
  MLIRContext *ctx = parser.getContext();
  SMLoc loc = parser.getCurrentLocation();
  if (parser.parseLess())
    return {};
  Type base;
  OptionalParseResult typed = parser.parseOptionalType(base);
  if (typed.has_value() && failed(*typed))
    return {};
  StringRef name;
  if (!typed.has_value()) {
    if (parser.parseKeyword(&name))
      return {};
    Representation representation;
    if (failed(parseOptionalRepresentation(parser, representation)))
      return {};
    if (parser.parseGreater())
      return {};
    ExtensionFieldType ext = getNamedExtension(ctx, name, representation);
    if (!ext) {
      auto diag = parser.emitError(loc, "unknown extension field '")
                  << name << "'; the named extensions are";
      for (const NamedExtension &named : getNamedExtensions())
        diag << " " << named.name;
    }
    return ext;
  }
  unsigned degree = 0;
  SmallVector<Attribute> coefficients;
  if (parser.parseComma() ||
      parser.parseInteger(degree) || parser.parseComma() ||
      parser.parseCommaSeparatedList(
          AsmParser::Delimiter::Square,
          [&]() -> ParseResult {
            APInt value;
            if (parseNatural(parser, value, "a non-residue coefficient"))
              return failure();
            unsigned width = std::max(value.getActiveBits(), 1u) + 1;
            coefficients.push_back(IntegerAttr::get(
                IntegerType::get(ctx, width), value.zextOrTrunc(width)));
            return success();
          }) ||
      parser.parseGreater())
    return {};
  // Coefficients take the width of the prime field's modulus, so that one
  // extension has one type.
  if (PrimeFieldType prime = getPrimeFieldOf(base)) {
    Type width = prime.getModulus().getType();
    unsigned bits = width.getIntOrFloatBitWidth();
    for (Attribute &attr : coefficients) {
      APInt v = cast<IntegerAttr>(attr).getValue();
      if (v.getActiveBits() <= bits)
        attr = IntegerAttr::get(width, v.zextOrTrunc(bits));
    }
  }
  return getChecked([&] { return parser.emitError(loc); }, ctx, base, degree,
                    ArrayAttr::get(ctx, coefficients));
}

void ExtensionFieldType::print(AsmPrinter &printer) const {
  std::string name = getFieldName();
  if (!name.empty()) {
    printer << "<" << name;
    if (getPrimeField().getRepresentation() != Representation::canonical)
      printer << ", "
              << stringifyRepresentation(getPrimeField().getRepresentation());
    printer << ">";
    return;
  }
  printer << "<" << getBase() << ", " << getDegree() << ", [";
  llvm::interleaveComma(getNonResidueValues(), printer,
                        [&](const APInt &v) { printer << toDecimal(v); });
  printer << "]>";
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
