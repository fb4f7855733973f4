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

def VxField_ExtensionFieldType : TypeDef<VxField_Dialect, "ExtensionField"> {
  let mnemonic = "ext";
  let summary = "element of a binomial extension of a field";
  let description = [{
    The field `base[y] / (y^degree - beta)`, `base` a prime field or another
    extension (towers), `beta` a non-residue of `base` written as its
    coefficients over the prime field (flattened over the basis of `base`).
    The named extensions are the towers of the pairing-friendly curves and
    the small extensions of the STARK fields:

    | name | definition |
    | --- | --- |
    | `bn254_fq2`, `bls12_381_fq2` | `Fq[u] / (u^2 + 1)` |
    | `bn254_fq6` | `Fq2[v] / (v^3 - (9 + u))` |
    | `bls12_381_fq6` | `Fq2[v] / (v^3 - (1 + u))` |
    | `bn254_fq12`, `bls12_381_fq12` | `Fq6[w] / (w^2 - v)` |
    | `goldilocks_ext2` | `Fp[x] / (x^2 - 7)` |
    | `babybear_ext4` | `Fp[x] / (x^4 - 11)` |

    ```mlir
    !vx_field.ext<bn254_fq12>                  // printed as !bn254_fq12
    !vx_field.ext<babybear_ext4, montgomery>   // over Montgomery-form BabyBear
    !vx_field.ext<!vx_field.pf<goldilocks>, 2, [7]>
    ```

    The lowering stores an element as the coefficients over the prime field
    (constant term first, the tower flattened), each in the prime field's
    storage, packed into one integer.
  }];
  let parameters = (ins "::mlir::Type":$base, "unsigned":$degree,
                        "::mlir::ArrayAttr":$nonResidue);
  let hasCustomAssemblyFormat = 1;
  let genVerifyDecl = 1;
  let extraClassDeclaration = [{
    /// The prime field at the bottom of the tower.
    PrimeFieldType getPrimeField() const;
    /// The degree over the prime field.
    unsigned getTotalDegree() const;
    /// The coefficients of the non-residue over the prime field.
    ::llvm::SmallVector<::llvm::APInt> getNonResidueValues() const;
    /// Width of the packed integer a lowered element is stored in.
    unsigned getStorageBitWidth() const {
      return getTotalDegree() * getPrimeField().getStorageBitWidth();
    }
    /// The name of the extension when it is one of the named ones, else "".
    ::std::string getFieldName() const;
  }];
}

def VxField_AnyField : AnyTypeOf<[VxField_PrimeFieldType,
                                  VxField_ExtensionFieldType]>;

def VxField_FieldLike : AnyTypeOf<[VxField_PrimeFieldType,
                                   VxField_ExtensionFieldType,
                                   RankedTensorOf<[VxField_AnyField]>],
                                  "field element or tensor of them">;

def VxField_PrimeLike : AnyTypeOf<[VxField_PrimeFieldType,
                                   RankedTensorOf<[VxField_PrimeFieldType]>],
                                  "prime-field element or tensor of them">;

#endif // VORTEX_DIALECT_FIELD_IR_FIELDTYPES_TD
