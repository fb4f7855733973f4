//===- FieldOps.td - vx.field operations --------------------*- tablegen -*-===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//

#ifndef VORTEX_DIALECT_FIELD_IR_FIELDOPS_TD
#define VORTEX_DIALECT_FIELD_IR_FIELDOPS_TD

include "Vortex/Dialect/Field/IR/FieldAttributes.td"
include "mlir/IR/CommonAttrConstraints.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

def VxField_ConstantOp : VxField_Op<"constant", [ConstantLike, Pure,
    AllTypesMatch<["value", "result"]>]> {
  let summary = "a field element constant, or a splat of one";
  let description = [{
    Materializes a constant of a prime field, or a tensor of field elements
    that all have the same value. The value is written in decimal and must be
    below the modulus.

    ```mlir
    %one = vx_field.constant 1 : !bn254_fr
    %z = vx_field.constant 0 : tensor<1024x!goldilocks>
    ```
  }];
  let arguments = (ins VxField_ElementAttr:$value);
  let results = (outs VxField_FieldLike:$result);
  let hasCustomAssemblyFormat = 1;
  let hasFolder = 1;
}

class VxField_UnaryOp<string mnemonic, string doc, list<Trait> traits = []>
    : VxField_Op<mnemonic, !listconcat(traits, [Pure, ElementwiseMappable,
                                                SameOperandsAndResultType])> {
  let summary = doc;
  let description = [{
    Computes }] # doc # [{ of a field element, or of every element of a
    tensor.

    ```mlir
    %r = vx_field.}] # mnemonic # [{ %a : !bn254_fr
    ```
  }];
  let arguments = (ins VxField_FieldLike:$input);
  let results = (outs VxField_FieldLike:$result);
  let assemblyFormat = "$input attr-dict `:` type($result)";
  let hasFolder = 1;
}

class VxField_BinaryOp<string mnemonic, string doc, list<Trait> traits = []>
    : VxField_Op<mnemonic, !listconcat(traits, [Pure, ElementwiseMappable,
                                                SameOperandsAndResultType])> {
  let summary = doc;
  let description = [{
    Computes the }] # doc # [{ of two field elements, or of two tensors
    element by element.

    ```mlir
    %r = vx_field.}] # mnemonic # [{ %a, %b : !bn254_fr
    ```
  }];
  let arguments = (ins VxField_FieldLike:$lhs, VxField_FieldLike:$rhs);
  let results = (outs VxField_FieldLike:$result);
  let assemblyFormat = "$lhs `,` $rhs attr-dict `:` type($result)";
  let hasFolder = 1;
}

def VxField_AddOp : VxField_BinaryOp<"add", "sum modulo p", [Commutative]>;
def VxField_SubOp : VxField_BinaryOp<"sub", "difference modulo p">;
def VxField_MulOp : VxField_BinaryOp<"mul", "product modulo p", [Commutative]>;
def VxField_NegOp : VxField_UnaryOp<"neg", "the additive inverse `p - a` (0 for 0)">;
def VxField_SquareOp : VxField_UnaryOp<"square", "`a * a` modulo p">;
def VxField_InvOp : VxField_UnaryOp<"inv",
    "the multiplicative inverse `a^(p-2)`; zero maps to zero">;

def VxField_PowOp : VxField_Op<"pow", [Pure, ElementwiseMappable,
                                       SameOperandsAndResultType]> {
  let summary = "power with a public constant exponent";
  let description = [{
    Raises a field element, or every element of a tensor, to a non-negative
    exponent given as an arbitrary-precision constant. `a^0` is 1, also for
    `a = 0`.

    ```mlir
    %r = vx_field.pow %a, 5 : !bls12_381_fr
    ```
  }];
  let arguments = (ins VxField_FieldLike:$input, APIntAttr:$exponent);
  let results = (outs VxField_FieldLike:$result);
  let hasCustomAssemblyFormat = 1;
  let hasVerifier = 1;
  let hasFolder = 1;
}

def VxField_EqOp : VxField_Op<"eq", [Pure, ElementwiseMappable, Commutative,
                                     SameTypeOperands, InferTypeOpAdaptor]> {
  let summary = "equality of field elements";
  let description = [{
    Returns `i1` for two field elements, or a tensor of `i1` of the same shape
    for two tensors.

    ```mlir
    %e = vx_field.eq %a, %b : !goldilocks
    ```
  }];
  let arguments = (ins VxField_FieldLike:$lhs, VxField_FieldLike:$rhs);
  let results = (outs AnyTypeOf<[I1, RankedTensorOf<[I1]>]>:$result);
  let assemblyFormat = "$lhs `,` $rhs attr-dict `:` type($lhs)";
  let hasFolder = 1;
}

#endif // VORTEX_DIALECT_FIELD_IR_FIELDOPS_TD
