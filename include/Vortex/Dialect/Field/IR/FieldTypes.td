//===- FieldTypes.td - vx.field types -----------------------*- tablegen -*-===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//

#ifndef VORTEX_DIALECT_FIELD_IR_FIELDTYPES_TD
#define VORTEX_DIALECT_FIELD_IR_FIELDTYPES_TD

include "Vortex/Dialect/Field/IR/FieldDialect.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/EnumAttr.td"
include "mlir/IR/BuiltinTypeInterfaces.td"

def VxField_Representation : I32EnumAttr<"Representation",
    "how the lowering stores a field element", [
      I32EnumAttrCase<"canonical", 0>,
      I32EnumAttrCase<"montgomery", 1>
    ]> {
  let cppNamespace = "::mlir::vortex::vx_field";
  let genSpecializedAttr = 0;
}

def VxField_PrimeFieldType : TypeDef<VxField_Dialect, "PrimeField"> {
  let mnemonic = "pf";
  let summary = "element of the prime field of integers modulo p";
  let description = [{
    The integers modulo the odd prime `p`. The modulus is written in decimal
    or as one of the named fields; `montgomery` asks the lowering to keep
    elements in Montgomery form (`a * R mod p`), the default `canonical` keeps
    `a` itself.

    ```mlir
    !vx_field.pf<2013265921>
    !vx_field.pf<bn254_fr>               // printed as the alias !bn254_fr
    !vx_field.pf<bn254_fr, montgomery>   // printed as !bn254_fr_mont
    ```

    The verifier requires an odd modulus greater than 2.
  }];
  let parameters = (ins
    "::mlir::IntegerAttr":$modulus,
    DefaultValuedParameter<"Representation", "Representation::canonical">:
        $representation
  );
  let hasCustomAssemblyFormat = 1;
  let genVerifyDecl = 1;
  let skipDefaultBuilders = 1;
  let builders = [
    TypeBuilder<(ins "const ::llvm::APInt &":$modulus,
                     CArg<"Representation", "Representation::canonical">:
                         $representation)>
  ];
  let extraClassDeclaration = [{
    /// The field of `modulus`, or null after reporting through `emitError`
    /// when the modulus is not an odd integer greater than 2.
    static PrimeFieldType
    getCheckedFromModulus(::llvm::function_ref<::mlir::InFlightDiagnostic()> emitError,
                          ::mlir::MLIRContext *context,
                          const ::llvm::APInt &modulus,
                          Representation representation);
    /// The modulus as an unsigned integer of its minimal width.
    ::llvm::APInt getModulusValue() const { return getModulus().getValue(); }
    /// Number of bits of the modulus.
    unsigned getModulusBitWidth() const { return getModulusValue().getActiveBits(); }
    /// Width of the integer a lowered element is stored in: the modulus width
    /// rounded up to a multiple of 32 bits (i32, i64, i256, i384, ...).
    unsigned getStorageBitWidth() const {
      return (getModulusBitWidth() + 31) / 32 * 32;
    }
    /// The same modulus with the other representation `representation`.
    PrimeFieldType withRepresentation(Representation representation) const {
      return get(getContext(), getModulusValue(), representation);
    }
    /// The name of the field when it is one of the named fields, else "".
    ::llvm::StringRef getFieldName() const;
  }];
}

def VxField_FieldLike : AnyTypeOf<[VxField_PrimeFieldType,
                                   RankedTensorOf<[VxField_PrimeFieldType]>],
                                  "prime-field element or tensor of them">;

#endif // VORTEX_DIALECT_FIELD_IR_FIELDTYPES_TD
