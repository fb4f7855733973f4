// RUN: vortex-opt %s -split-input-file -verify-diagnostics

// Every diagnostic of the vx_field type, attribute and operation parsers and
// verifiers, and a few of the ODS constraints.

//===----------------------------------------------------------------------===//
// !vx_field.pf
//===----------------------------------------------------------------------===//

// expected-error @+1 {{modulus must not be negative}}
func.func @negative_modulus(%a: !vx_field.pf<-7>)

// -----

// expected-error @+1 {{modulus must be an odd integer greater than 2, got 8}}
func.func @even_modulus(%a: !vx_field.pf<8>)

// -----

// expected-error @+1 {{modulus must be an odd integer greater than 2, got 1}}
func.func @modulus_one(%a: !vx_field.pf<1>)

// -----

// expected-error @+1 {{modulus must be an odd integer greater than 2, got 2}}
func.func @modulus_two(%a: !vx_field.pf<2>)

// -----

// expected-error @+1 {{modulus must be an odd integer greater than 2, got 0}}
func.func @modulus_zero(%a: !vx_field.pf<0>)

// -----

// expected-error @+1 {{modulus must be an odd integer greater than 2, got 21888242871839275222246405745257275088548364400416034343698204186575808495616}}
func.func @big_even_modulus(%a: !vx_field.pf<21888242871839275222246405745257275088548364400416034343698204186575808495616>)

// -----

// expected-error @+1 {{modulus must be an odd integer greater than 2, got 2}}
func.func @montgomery_modulus_two(%a: !vx_field.pf<2, montgomery>)

// -----

// expected-error @+1 {{unknown field 'bn254'; the named fields are bn254_fr bn254_fq bls12_381_fr bls12_381_fq goldilocks babybear mersenne31}}
func.func @unknown_field(%a: !vx_field.pf<bn254>)

// -----

// expected-error @+2 {{expected valid keyword}}
// expected-error @+1 {{expected a modulus or a field name}}
func.func @no_modulus(%a: !vx_field.pf<"7">)

// -----

// expected-error @+2 {{expected valid keyword}}
// expected-error @+1 {{expected a modulus or a field name}}
func.func @empty_modulus(%a: !vx_field.pf<>)

// -----

// expected-error @+1 {{expected 'canonical' or 'montgomery', got 'barrett'}}
func.func @unknown_representation(%a: !vx_field.pf<7, barrett>)

// -----

// expected-error @+1 {{expected valid keyword}}
func.func @representation_not_keyword(%a: !vx_field.pf<7, 1>)

// -----

// expected-error @+1 {{expected '>'}}
func.func @unclosed(%a: !vx_field.pf<7 montgomery>)

// -----

// expected-error @+1 {{expected '<'}}
func.func @no_parameters(%a: !vx_field.pf)

// -----

// expected-error @+1 {{type `field` in dialect `vx_field`}}
func.func @unknown_type(%a: !vx_field.field<7>)

//===----------------------------------------------------------------------===//
// #vx_field.elem
//===----------------------------------------------------------------------===//

// -----

// expected-error @+1 {{expected ': type' after a field element}}
func.func @element_without_type() attributes {a = #vx_field.elem<5>}

// -----

// expected-error @+1 {{value 9 is not below the modulus 7}}
func.func @element_too_big() attributes {a = #vx_field.elem<9> : !vx_field.pf<7>}

// -----

// expected-error @+1 {{value 7 is not below the modulus 7}}
func.func @element_modulus() attributes {a = #vx_field.elem<7> : tensor<2x!vx_field.pf<7>>}

// -----

// expected-error @+1 {{field element needs a prime field type or a ranked tensor of one, got 'f32'}}
func.func @element_float() attributes {a = #vx_field.elem<5> : f32}

// -----

// expected-error @+1 {{field element needs a prime field type or a ranked tensor of one, got 'tensor<*x!vx_field.pf<7>>'}}
func.func @element_unranked() attributes {a = #vx_field.elem<5> : tensor<*x!vx_field.pf<7>>}

// -----

// expected-error @+1 {{field element splat needs a static shape, got 'tensor<?x!vx_field.pf<7>>'}}
func.func @element_dynamic() attributes {a = #vx_field.elem<5> : tensor<?x!vx_field.pf<7>>}

// -----

// expected-error @+1 {{a field element must not be negative}}
func.func @element_negative() attributes {a = #vx_field.elem<-5> : !vx_field.pf<7>}

// -----

// expected-error @+1 {{expected a field element}}
func.func @element_not_integer() attributes {a = #vx_field.elem<five> : !vx_field.pf<7>}

//===----------------------------------------------------------------------===//
// vx_field.constant
//===----------------------------------------------------------------------===//

// -----

func.func @constant_modulus() {
  // expected-error @+1 {{value 7 is not below the modulus 7}}
  %0 = vx_field.constant 7 : !vx_field.pf<7>
  return
}

// -----

func.func @constant_too_big_bn254() {
  // p of bn254_fr.
  // expected-error @+1 {{value 21888242871839275222246405745257275088548364400416034343698204186575808495617 is not below the modulus 21888242871839275222246405745257275088548364400416034343698204186575808495617}}
  %0 = vx_field.constant 21888242871839275222246405745257275088548364400416034343698204186575808495617 : !vx_field.pf<bn254_fr>
  return
}

// -----

func.func @constant_wider_than_modulus() {
  // expected-error @+1 {{value 340282366920938463463374607431768211456 is not below the modulus 2013265921}}
  %0 = vx_field.constant 340282366920938463463374607431768211456 : tensor<4x!vx_field.pf<babybear, montgomery>>
  return
}

// -----

func.func @constant_negative() {
  // expected-error @+1 {{a field element must not be negative}}
  %0 = vx_field.constant -1 : !vx_field.pf<7>
  return
}

// -----

func.func @constant_not_integer() {
  // expected-error @+1 {{expected a field element}}
  %0 = vx_field.constant 1.5 : !vx_field.pf<7>
  return
}

// -----

func.func @constant_integer_type() {
  // expected-error @+1 {{field element needs a prime field type or a ranked tensor of one, got 'i32'}}
  %0 = vx_field.constant 1 : i32
  return
}

// -----

func.func @constant_unranked() {
  // expected-error @+1 {{field element needs a prime field type or a ranked tensor of one, got 'tensor<*x!vx_field.pf<7>>'}}
  %0 = vx_field.constant 1 : tensor<*x!vx_field.pf<7>>
  return
}

// -----

func.func @constant_tuple() {
  // expected-error @+1 {{field element needs a prime field type or a ranked tensor of one, got 'tuple<!vx_field.pf<7>>'}}
  %0 = vx_field.constant 1 : tuple<!vx_field.pf<7>>
  return
}

// -----

func.func @constant_dynamic_shape() {
  // expected-error @+1 {{field element splat needs a static shape, got 'tensor<4x?x!vx_field.pf<7>>'}}
  %0 = vx_field.constant 1 : tensor<4x?x!vx_field.pf<7>>
  return
}

// -----

func.func @constant_generic_type_mismatch() {
  // expected-error @+1 {{'vx_field.constant' op failed to verify that all of {value, result} have same type}}
  %0 = "vx_field.constant"() <{value = #vx_field.elem<3> : !vx_field.pf<7>}> : () -> !vx_field.pf<11>
  return
}

// -----

func.func @constant_generic_integer() {
  // expected-error @+1 {{invalid properties {value = 3 : i32} for op vx_field.constant: Invalid attribute `value` in property conversion}}
  %0 = "vx_field.constant"() <{value = 3 : i32}> : () -> !vx_field.pf<7>
  return
}

// -----

func.func @constant_generic_not_element() {
  // expected-error @+1 {{'vx_field.constant' op requires attribute 'value'}}
  %0 = "vx_field.constant"() : () -> !vx_field.pf<7>
  return
}

//===----------------------------------------------------------------------===//
// vx_field.pow
//===----------------------------------------------------------------------===//

// -----

func.func @pow_negative(%a: !vx_field.pf<7>) {
  // expected-error @+1 {{an exponent must not be negative}}
  %0 = vx_field.pow %a, -3 : !vx_field.pf<7>
  return
}

// -----

func.func @pow_not_integer(%a: !vx_field.pf<7>) {
  // expected-error @+1 {{expected an exponent}}
  %0 = vx_field.pow %a, %a : !vx_field.pf<7>
  return
}

// -----

func.func @pow_generic_negative(%a: !vx_field.pf<7>) {
  // expected-error @+1 {{'vx_field.pow' op exponent must not be negative}}
  %0 = "vx_field.pow"(%a) <{exponent = -2 : i64}> : (!vx_field.pf<7>) -> !vx_field.pf<7>
  return
}

// -----

func.func @pow_generic_float(%a: !vx_field.pf<7>) {
  // expected-error @+1 {{invalid properties {exponent = 2.000000e+00 : f32} for op vx_field.pow: Invalid attribute `exponent` in property conversion}}
  %0 = "vx_field.pow"(%a) <{exponent = 2.0 : f32}> : (!vx_field.pf<7>) -> !vx_field.pf<7>
  return
}

//===----------------------------------------------------------------------===//
// Operand and result types
//===----------------------------------------------------------------------===//

// -----

func.func @add_integer(%a: i32) {
  // expected-error @+1 {{'vx_field.add' op operand #0 must be field element or tensor of them, but got 'i32'}}
  %0 = vx_field.add %a, %a : i32
  return
}

// -----

func.func @neg_vector(%a: vector<4xi32>) {
  // expected-error @+1 {{'vx_field.neg' op operand #0 must be field element or tensor of them, but got 'vector<4xi32>'}}
  %0 = vx_field.neg %a : vector<4xi32>
  return
}

// -----

func.func @square_unranked(%a: tensor<*x!vx_field.pf<7>>) {
  // expected-error @+1 {{'vx_field.square' op operand #0 must be field element or tensor of them, but got 'tensor<*x!vx_field.pf<7>>'}}
  %0 = vx_field.square %a : tensor<*x!vx_field.pf<7>>
  return
}

// -----

func.func @mul_fields_differ(%a: !vx_field.pf<7>, %b: !vx_field.pf<11>) {
  // expected-error @+1 {{'vx_field.mul' op requires the same type for all operands and results}}
  %0 = "vx_field.mul"(%a, %b) : (!vx_field.pf<7>, !vx_field.pf<11>) -> !vx_field.pf<7>
  return
}

// -----

// The representation is part of the type.
func.func @sub_representations_differ(%a: !vx_field.pf<7>, %b: !vx_field.pf<7, montgomery>) {
  // expected-error @+1 {{'vx_field.sub' op requires the same type for all operands and results}}
  %0 = "vx_field.sub"(%a, %b) : (!vx_field.pf<7>, !vx_field.pf<7, montgomery>) -> !vx_field.pf<7>
  return
}

// -----

func.func @inv_result_type(%a: tensor<4x!vx_field.pf<7>>) {
  // expected-error @+1 {{'vx_field.inv' op all non-scalar operands/results must have the same shape and base type}}
  %0 = "vx_field.inv"(%a) : (tensor<4x!vx_field.pf<7>>) -> tensor<5x!vx_field.pf<7>>
  return
}

// -----

func.func @eq_operands_differ(%a: !vx_field.pf<7>, %b: !vx_field.pf<11>) {
  // expected-error @+1 {{'vx_field.eq' op requires all operands to have the same type}}
  %0 = "vx_field.eq"(%a, %b) : (!vx_field.pf<7>, !vx_field.pf<11>) -> i1
  return
}

// -----

func.func @eq_scalar_result(%a: tensor<4x!vx_field.pf<7>>) {
  // expected-error @+1 {{'vx_field.eq' op if an operand is non-scalar, then there must be at least one non-scalar result}}
  %0 = "vx_field.eq"(%a, %a) : (tensor<4x!vx_field.pf<7>>, tensor<4x!vx_field.pf<7>>) -> i1
  return
}

// -----

func.func @eq_result_type(%a: tensor<4x!vx_field.pf<7>>) {
  // expected-error @+2 {{'vx_field.eq' op inferred type(s) 'tensor<4xi1>' are incompatible with return type(s) of operation 'tensor<?xi1>'}}
  // expected-error @+1 {{'vx_field.eq' op failed to infer returned types}}
  %0 = "vx_field.eq"(%a, %a) : (tensor<4x!vx_field.pf<7>>, tensor<4x!vx_field.pf<7>>) -> tensor<?xi1>
  return
}

// -----

func.func @eq_result_not_bool(%a: !vx_field.pf<7>) {
  // expected-error @+1 {{'vx_field.eq' op result #0 must be 1-bit signless integer or ranked tensor of 1-bit signless integer values, but got 'i8'}}
  %0 = "vx_field.eq"(%a, %a) : (!vx_field.pf<7>, !vx_field.pf<7>) -> i8
  return
}

// -----

func.func @eq_integer(%a: i1) {
  // expected-error @+1 {{'vx_field.eq' op operand #0 must be field element or tensor of them, but got 'i1'}}
  %0 = vx_field.eq %a, %a : i1
  return
}

// -----

func.func @pow_ct_shape(%a: tensor<4x!vx_field.pf<babybear>>, %e: tensor<3xi32>) {
  // expected-error @+1 {{'vx_field.pow_ct' op all non-scalar operands/results must have the same shape and base type}}
  %0 = vx_field.pow_ct %a, %e : tensor<4x!vx_field.pf<babybear>>, tensor<3xi32>
  return
}

// -----

func.func @pow_ct_scalar_exponent_of_tensor(%a: tensor<4x!vx_field.pf<babybear>>, %e: i32) {
  // expected-error @+1 {{'vx_field.pow_ct' op exponent type 'i32' must have the shape of 'tensor<4x!vx_field.pf<2013265921>>'}}
  %0 = vx_field.pow_ct %a, %e : tensor<4x!vx_field.pf<babybear>>, i32
  return
}

// -----

func.func @select_shape(%c: tensor<3xi1>, %a: tensor<4x!vx_field.pf<babybear>>) {
  // expected-error @+1 {{'vx_field.select' op all non-scalar operands/results must have the same shape and base type}}
  %0 = vx_field.select %c, %a, %a : tensor<3xi1>, tensor<4x!vx_field.pf<babybear>>
  return
}

// -----

func.func @to_mont_from_montgomery(%a: !vx_field.pf<babybear, montgomery>) {
  // expected-error @+1 {{'vx_field.to_mont' op operand must be in canonical form, got '!vx_field.pf<2013265921, montgomery>'}}
  %0 = vx_field.to_mont %a : !vx_field.pf<babybear, montgomery> to !vx_field.pf<babybear, montgomery>
  return
}

// -----

func.func @to_mont_to_canonical(%a: !vx_field.pf<babybear>) {
  // expected-error @+1 {{'vx_field.to_mont' op result must be in montgomery form, got '!vx_field.pf<2013265921>'}}
  %0 = vx_field.to_mont %a : !vx_field.pf<babybear> to !vx_field.pf<babybear>
  return
}

// -----

func.func @from_mont_from_canonical(%a: !vx_field.pf<babybear>) {
  // expected-error @+1 {{'vx_field.from_mont' op operand must be in montgomery form, got '!vx_field.pf<2013265921>'}}
  %0 = vx_field.from_mont %a : !vx_field.pf<babybear> to !vx_field.pf<babybear>
  return
}

// -----

func.func @from_mont_to_montgomery(%a: !vx_field.pf<babybear, montgomery>) {
  // expected-error @+1 {{'vx_field.from_mont' op result must be in canonical form, got '!vx_field.pf<2013265921, montgomery>'}}
  %0 = vx_field.from_mont %a : !vx_field.pf<babybear, montgomery> to !vx_field.pf<babybear, montgomery>
  return
}

// -----

func.func @to_mont_modulus(%a: !vx_field.pf<babybear>) {
  // expected-error @+1 {{'vx_field.to_mont' op operand and result must have the same modulus, got '!vx_field.pf<2013265921>' and '!vx_field.pf<2147483647, montgomery>'}}
  %0 = vx_field.to_mont %a : !vx_field.pf<babybear> to !vx_field.pf<mersenne31, montgomery>
  return
}

// -----

func.func @to_mont_shape(%a: tensor<4x!vx_field.pf<babybear>>) {
  // expected-error @+1 {{'vx_field.to_mont' op all non-scalar operands/results must have the same shape and base type}}
  %0 = vx_field.to_mont %a : tensor<4x!vx_field.pf<babybear>> to tensor<3x!vx_field.pf<babybear, montgomery>>
  return
}

// -----

func.func @to_int_narrow(%a: !vx_field.pf<bn254_fr>) {
  // expected-error @+1 {{'vx_field.to_int' op result integer of 128 bits cannot hold the 254-bit values of '!vx_field.pf<21888242871839275222246405745257275088548364400416034343698204186575808495617>'}}
  %0 = vx_field.to_int %a : !vx_field.pf<bn254_fr> to i128
  return
}

// -----

func.func @to_int_shape(%a: tensor<4x!vx_field.pf<babybear>>) {
  // expected-error @+1 {{'vx_field.to_int' op if an operand is non-scalar, then there must be at least one non-scalar result}}
  %0 = vx_field.to_int %a : tensor<4x!vx_field.pf<babybear>> to i32
  return
}

// -----

func.func @from_int_wide(%a: i64) {
  // expected-error @+1 {{'vx_field.from_int' op operand integer of 64 bits is wider than the storage of '!vx_field.pf<2013265921>' (32 bits)}}
  %0 = vx_field.from_int %a : i64 to !vx_field.pf<babybear>
  return
}

// -----

func.func @from_int_shape(%a: tensor<2xi32>) {
  // expected-error @+1 {{'vx_field.from_int' op all non-scalar operands/results must have the same shape and base type}}
  %0 = vx_field.from_int %a : tensor<2xi32> to tensor<3x!vx_field.pf<babybear>>
  return
}

// -----

func.func @is_zero_of_integer(%a: i32) {
  // expected-error @+1 {{'vx_field.is_zero' op operand #0 must be field element or tensor of them, but got 'i32'}}
  %0 = "vx_field.is_zero"(%a) : (i32) -> i1
  return
}

// -----

func.func @bitcast_width(%a: tensor<4xi128>) {
  // expected-error @+1 {{'vx_field.bitcast' op integer type must be i256, the storage of '!vx_field.pf<21888242871839275222246405745257275088548364400416034343698204186575808495617>', got 'i128'}}
  %0 = vx_field.bitcast %a : tensor<4xi128> to tensor<4x!vx_field.pf<bn254_fr>>
  return
}

// -----

func.func @bitcast_field_to_field(%a: !vx_field.pf<babybear>) {
  // expected-error @+1 {{'vx_field.bitcast' op casts between field elements and integers, got '!vx_field.pf<2013265921>' to '!vx_field.pf<2013265921>'}}
  %0 = vx_field.bitcast %a : !vx_field.pf<babybear> to !vx_field.pf<babybear>
  return
}

// -----

func.func @bitcast_int_to_int(%a: i32) {
  // expected-error @+1 {{'vx_field.bitcast' op casts between field elements and integers, got 'i32' to 'i32'}}
  %0 = vx_field.bitcast %a : i32 to i32
  return
}

// -----

func.func @batch_inv_rank(%a: tensor<2x3x!vx_field.pf<babybear>>) {
  // expected-error @+1 {{'vx_field.batch_inv' op inverts one-dimensional tensors, got 'tensor<2x3x!vx_field.pf<2013265921>>'}}
  %0 = vx_field.batch_inv %a : tensor<2x3x!vx_field.pf<babybear>>
  return
}

//===----------------------------------------------------------------------===//
// !vx_field.ext and frobenius
//===----------------------------------------------------------------------===//

// -----

// expected-error @+1 {{unknown extension field 'bn254_fq4'; the named extensions are bn254_fq2 bn254_fq6 bn254_fq12 bls12_381_fq2 bls12_381_fq6 bls12_381_fq12 goldilocks_ext2 babybear_ext4}}
func.func @unknown_extension(%a: !vx_field.ext<bn254_fq4>)

// -----

// expected-error @+1 {{extension degree must be at least 2, got 1}}
func.func @degree_one(%a: !vx_field.ext<!vx_field.pf<13>, 1, [2]>)

// -----

// expected-error @+1 {{non-residue needs 2 coefficient(s) over the prime field, got 1}}
func.func @non_residue_size(%a: !vx_field.ext<!vx_field.ext<!vx_field.pf<13>, 2, [2]>, 3, [1]>)

// -----

// expected-error @+1 {{non-residue coefficient 13 is not below the modulus 13}}
func.func @non_residue_range(%a: !vx_field.ext<!vx_field.pf<13>, 2, [13]>)

// -----

// expected-error @+1 {{extension base must be a prime field or an extension field, got 'i32'}}
func.func @base_integer(%a: !vx_field.ext<i32, 2, [1]>)

// -----

func.func @frobenius_prime(%a: !vx_field.pf<babybear>) {
  // expected-error @+1 {{'vx_field.frobenius' op applies to extension fields, got '!vx_field.pf<2013265921>'}}
  %0 = vx_field.frobenius %a, 1 : !vx_field.pf<babybear>
  return
}

// -----

func.func @frobenius_power(%a: !vx_field.ext<goldilocks_ext2>) {
  // expected-error @+1 {{'vx_field.frobenius' op power must be at least 1, got 0}}
  %0 = vx_field.frobenius %a, 0 : !vx_field.ext<goldilocks_ext2>
  return
}

// -----

func.func @bitcast_extension_width(%a: !vx_field.ext<goldilocks_ext2>) {
  // expected-error @+1 {{'vx_field.bitcast' op integer type must be i128, the storage of '!vx_field.ext<goldilocks_ext2>', got 'i64'}}
  %0 = vx_field.bitcast %a : !vx_field.ext<goldilocks_ext2> to i64
  return
}

// -----

func.func @to_int_extension(%a: !vx_field.ext<goldilocks_ext2>) {
  // expected-error @+1 {{'vx_field.to_int' op operand #0 must be prime-field element or tensor of them, but got '!vx_field.ext<goldilocks_ext2>'}}
  %0 = vx_field.to_int %a : !vx_field.ext<goldilocks_ext2> to i128
  return
}
