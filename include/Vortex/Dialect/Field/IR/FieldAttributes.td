//===- FieldAttributes.td - vx.field attributes -------------*- tablegen -*-===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//

#ifndef VORTEX_DIALECT_FIELD_IR_FIELDATTRIBUTES_TD
#define VORTEX_DIALECT_FIELD_IR_FIELDATTRIBUTES_TD

include "Vortex/Dialect/Field/IR/FieldTypes.td"
include "mlir/IR/BuiltinAttributeInterfaces.td"

def VxField_ElementAttr : AttrDef<VxField_Dialect, "Element",
                                  [TypedAttrInterface]> {
  let mnemonic = "elem";
  let summary = "a field element constant, or a splat of one over a tensor";
  let description = [{
    Holds the canonical value `v` in `[0, p)` of a field element. Its type is
    the prime field, or a ranked tensor of it whose every element is `v`.

    ```mlir
    #vx_field.elem<7> : !babybear
    #vx_field.elem<1> : tensor<4x!bn254_fr>
    ```
  }];
  let parameters = (ins "::mlir::IntegerAttr":$value,
                        AttributeSelfTypeParameter<"">:$type);
  let hasCustomAssemblyFormat = 1;
  let genVerifyDecl = 1;
  let skipDefaultBuilders = 1;
  let builders = [
    AttrBuilderWithInferredContext<(ins "::mlir::Type":$type,
                                        "const ::llvm::APInt &":$value)>
  ];
  let extraClassDeclaration = [{
    ::llvm::APInt getInt() const { return getValue().getValue(); }
    /// The prime field of the element (of the tensor's elements for a splat).
    PrimeFieldType getFieldType() const;
  }];
}

#endif // VORTEX_DIALECT_FIELD_IR_FIELDATTRIBUTES_TD
