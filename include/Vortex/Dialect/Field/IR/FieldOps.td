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
  let results = (outs VxField_PrimeLike:$result);
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
def VxField_DivOp : VxField_BinaryOp<"div",
    "quotient `a * b^(p-2)` modulo p (zero for a zero divisor)">;
def VxField_NegOp : VxField_UnaryOp<"neg", "the additive inverse `p - a` (0 for 0)">;
def VxField_DoubleOp : VxField_UnaryOp<"double", "`a + a` modulo p">;
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

def VxField_PowCtOp : VxField_Op<"pow_ct", [Pure, ElementwiseMappable,
    AllTypesMatch<["input", "result"]>]> {
  let summary = "power with a secret exponent, in constant time";
  let description = [{
    Raises a field element to an exponent known only at run time, through a
    Montgomery ladder over every bit of the exponent's integer type: the
    sequence of operations depends on the width of the type, never on the
    value, so the exponent may be secret. The exponent is unsigned; on
    tensors it is a tensor of integers of the same shape.

    ```mlir
    %r = vx_field.pow_ct %a, %e : !bn254_fr, i64
    %t = vx_field.pow_ct %x, %k : tensor<8x!babybear>, tensor<8xi32>
    ```
  }];
  let arguments = (ins VxField_FieldLike:$input,
                       AnyTypeOf<[AnySignlessInteger,
                                  RankedTensorOf<[AnySignlessInteger]>]>:$exponent);
  let results = (outs VxField_FieldLike:$result);
  let assemblyFormat = [{
    $input `,` $exponent attr-dict `:` type($input) `,` type($exponent)
  }];
  let hasVerifier = 1;
}

def VxField_IsZeroOp : VxField_Op<"is_zero", [Pure, ElementwiseMappable,
                                              InferTypeOpAdaptor]> {
  let summary = "whether a field element is zero";
  let description = [{
    Returns `i1` for a field element, or a tensor of `i1` of the same shape
    for a tensor.

    ```mlir
    %z = vx_field.is_zero %a : !goldilocks
    ```
  }];
  let arguments = (ins VxField_FieldLike:$input);
  let results = (outs AnyTypeOf<[I1, RankedTensorOf<[I1]>]>:$result);
  let assemblyFormat = "$input attr-dict `:` type($input)";
  let hasFolder = 1;
}

def VxField_SelectOp : VxField_Op<"select", [Pure, ElementwiseMappable,
    AllTypesMatch<["true_value", "false_value", "result"]>]> {
  let summary = "choice between two field elements without a branch";
  let description = [{
    Returns `true_value` where `condition` is set and `false_value`
    elsewhere. The lowering masks, so that the choice takes the same time
    whatever the condition. On tensors the condition is an `i1` or a tensor
    of `i1` of the same shape.

    ```mlir
    %r = vx_field.select %c, %a, %b : !bn254_fr
    ```
  }];
  let arguments = (ins AnyTypeOf<[I1, RankedTensorOf<[I1]>]>:$condition,
                       VxField_FieldLike:$true_value,
                       VxField_FieldLike:$false_value);
  let results = (outs VxField_FieldLike:$result);
  let assemblyFormat = [{
    $condition `,` $true_value `,` $false_value attr-dict `:`
    type($condition) `,` type($result)
  }];
  let hasVerifier = 1;
  let hasFolder = 1;
}

class VxField_RepresentationOp<string mnemonic, string from, string to>
    : VxField_Op<mnemonic, [Pure, ElementwiseMappable]> {
  let summary = "the same element stored in " # to # " form";
  let description = [{
    Changes how the lowering stores an element, from }] # from # [{ to }] #
    to # [{ form, without changing its value. The operand and result have the
    same modulus (and shape for tensors).

    ```mlir
    %m = vx_field.to_mont %a : !bn254_fr to !bn254_fr_mont
    %c = vx_field.from_mont %m : !bn254_fr_mont to !bn254_fr
    ```
  }];
  let arguments = (ins VxField_PrimeLike:$input);
  let results = (outs VxField_PrimeLike:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `to` type($result)";
  let hasVerifier = 1;
  let hasFolder = 1;
}

def VxField_ToMontOp : VxField_RepresentationOp<"to_mont", "canonical",
                                                "Montgomery">;
def VxField_FromMontOp : VxField_RepresentationOp<"from_mont", "Montgomery",
                                                  "canonical">;

def VxField_ToIntOp : VxField_Op<"to_int", [Pure, ElementwiseMappable]> {
  let summary = "the canonical value of a field element as an integer";
  let description = [{
    Returns the value `v` in `[0, p)` of a field element, whatever its
    representation, as an unsigned integer whose little-endian 32-bit limbs
    are the limbs of `v` (the layout of field elements in memory). The
    integer must be at least as wide as the modulus.

    ```mlir
    %v = vx_field.to_int %a : !bn254_fr to i256
    ```
  }];
  let arguments = (ins VxField_PrimeLike:$input);
  let results = (outs AnyTypeOf<[AnySignlessInteger,
                                 RankedTensorOf<[AnySignlessInteger]>]>:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `to` type($result)";
  let hasVerifier = 1;
  let hasFolder = 1;
}

def VxField_FromIntOp : VxField_Op<"from_int", [Pure, ElementwiseMappable]> {
  let summary = "the field element of an unsigned integer, reduced modulo p";
  let description = [{
    Reads an unsigned integer (its little-endian 32-bit limbs) and reduces it
    modulo p, in constant time, into the field's representation. The integer
    may be at most as wide as the storage of the field (the modulus width
    rounded up to 32 bits).

    ```mlir
    %a = vx_field.from_int %v : i256 to !bn254_fr_mont
    ```
  }];
  let arguments = (ins AnyTypeOf<[AnySignlessInteger,
                                  RankedTensorOf<[AnySignlessInteger]>]>:$input);
  let results = (outs VxField_PrimeLike:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `to` type($result)";
  let hasVerifier = 1;
  let hasFolder = 1;
}

def VxField_FrobeniusOp : VxField_Op<"frobenius", [Pure, ElementwiseMappable,
                                                   SameOperandsAndResultType]> {
  let summary = "the Frobenius map `a^(p^k)` of an extension-field element";
  let description = [{
    Raises an element of an extension field (or every element of a tensor)
    to the power `p^k`, `p` the characteristic: each coefficient is mapped
    by the base field's Frobenius and multiplied by a constant power of the
    non-residue, no exponentiation at run time.

    ```mlir
    %f = vx_field.frobenius %a, 1 : !bn254_fq12
    ```
  }];
  let arguments = (ins VxField_FieldLike:$input, I64Attr:$power);
  let results = (outs VxField_FieldLike:$result);
  let assemblyFormat = "$input `,` $power attr-dict `:` type($result)";
  let hasVerifier = 1;
  let hasFolder = 1;
}

def VxField_BatchInvOp : VxField_Op<"batch_inv", [Pure,
    SameOperandsAndResultType]> {
  let summary = "the inverses of every element of a tensor, with one inversion";
  let description = [{
    Inverts every element of a one-dimensional tensor (zero maps to zero)
    by Montgomery's trick: the running products of the elements, one
    inversion of the last, and a backward pass, so `n` elements cost one
    inversion and about `3 n` multiplications. Zero elements count as one
    in the products (a select, not a branch), so the sequence of operations
    depends on the length of the tensor only.

    ```mlir
    %r = vx_field.batch_inv %t : tensor<?x!bn254_fr_mont>
    ```
  }];
  let arguments = (ins RankedTensorOf<[VxField_PrimeFieldType]>:$input);
  let results = (outs RankedTensorOf<[VxField_PrimeFieldType]>:$result);
  let assemblyFormat = "$input attr-dict `:` type($result)";
  let hasVerifier = 1;
}

def VxField_BitcastOp : VxField_Op<"bitcast", [Pure, ElementwiseMappable]> {
  let summary = "the stored bits of field elements as integers, or back";
  let description = [{
    Reinterprets field elements as the integers the lowering stores them in
    (the modulus width rounded up to 32 bits; Montgomery form `a * 2^w mod p`
    for Montgomery types, `w` that width), or such integers as field
    elements, without computing anything: this is how kernels read and write
    arrays of field elements kept in memory in their stored form. Integers
    read as field elements must be below p; nothing checks it (use
    `from_int` to reduce).

    ```mlir
    %a = vx_field.bitcast %x : tensor<?xi256> to tensor<?x!bn254_fr_mont>
    %y = vx_field.bitcast %a : tensor<?x!bn254_fr_mont> to tensor<?xi256>
    ```
  }];
  let arguments = (ins AnyTypeOf<[VxField_FieldLike, AnySignlessInteger,
                                  RankedTensorOf<[AnySignlessInteger]>]>:$input);
  let results = (outs AnyTypeOf<[VxField_FieldLike, AnySignlessInteger,
                                 RankedTensorOf<[AnySignlessInteger]>]>:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `to` type($result)";
  let hasVerifier = 1;
  let hasFolder = 1;
}

#endif // VORTEX_DIALECT_FIELD_IR_FIELDOPS_TD
