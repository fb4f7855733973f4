//===- FieldTypes.h - vx.field types and attributes ---*- C++ -*-===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//

#ifndef VORTEX_DIALECT_FIELD_IR_FIELDTYPES_H
#define VORTEX_DIALECT_FIELD_IR_FIELDTYPES_H

#include "Vortex/Dialect/Field/IR/FieldDialect.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpImplementation.h"
#include "llvm/ADT/APInt.h"

#include "Vortex/Dialect/Field/IR/FieldEnums.h.inc"

#define GET_TYPEDEF_CLASSES
#include "Vortex/Dialect/Field/IR/FieldTypes.h.inc"

#define GET_ATTRDEF_CLASSES
#include "Vortex/Dialect/Field/IR/FieldAttributes.h.inc"

namespace mlir::vortex::vx_field {

/// A field that Vortex knows by name.
struct NamedField {
  llvm::StringRef name;
  llvm::StringRef modulus; // decimal
};

/// The named fields, in the order the documentation lists them.
llvm::ArrayRef<NamedField> getNamedFields();

/// The modulus of the field called `name`, or std::nullopt.
std::optional<llvm::APInt> lookupNamedField(llvm::StringRef name);

/// The prime field of `type`: the type itself or the element type of a
/// shaped type; null otherwise.
PrimeFieldType getFieldType(Type type);

/// The prime field or extension field of `type` (or of its elements), or
/// null.
Type getAnyFieldType(Type type);

/// The prime field at the bottom of a prime or extension field type (or of
/// the elements of a tensor of them), or null.
PrimeFieldType getPrimeFieldOf(Type type);

/// The named extension field `name` over the prime field in
/// `representation`, or null when no extension has that name.
ExtensionFieldType getNamedExtension(MLIRContext *context, llvm::StringRef name,
                                     Representation representation);

/// Arithmetic modulo a field's prime on arbitrary-precision integers, for
/// folding and for the constants a lowering precomputes. Operands and results
/// are canonical values in [0, p) of the width the field stores its modulus
/// in (one bit more than the modulus needs).
class ModularArithmetic {
public:
  explicit ModularArithmetic(PrimeFieldType field);

  unsigned getWidth() const { return width; }
  llvm::APInt add(const llvm::APInt &a, const llvm::APInt &b) const;
  llvm::APInt sub(const llvm::APInt &a, const llvm::APInt &b) const;
  llvm::APInt neg(const llvm::APInt &a) const;
  llvm::APInt mul(const llvm::APInt &a, const llvm::APInt &b) const;
  /// a^exponent for any non-negative exponent; a^0 = 1.
  llvm::APInt pow(const llvm::APInt &a, const llvm::APInt &exponent) const;
  /// a^(p-2): the inverse of a for prime p, and 0 for 0.
  llvm::APInt inv(const llvm::APInt &a) const;

private:
  llvm::APInt modulus;
  unsigned width;
};

/// The unsigned decimal spelling of `value`.
std::string toDecimal(const llvm::APInt &value);

/// Parses a non-negative integer of any width; `what` names it in errors.
ParseResult parseNatural(AsmParser &parser, llvm::APInt &value,
                         llvm::StringRef what);

/// Builds the element `value` of `type`'s field, or reports at `loc` that it
/// is not below the modulus or that `type` is not a field type.
ElementAttr buildElement(AsmParser &parser, llvm::SMLoc loc, Type type,
                         const llvm::APInt &value);

} // namespace mlir::vortex::vx_field

#endif // VORTEX_DIALECT_FIELD_IR_FIELDTYPES_H
