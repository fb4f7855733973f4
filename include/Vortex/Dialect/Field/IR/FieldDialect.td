//===- FieldDialect.td - vx.field dialect definition --------*- tablegen -*-===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//

#ifndef VORTEX_DIALECT_FIELD_IR_FIELDDIALECT_TD
#define VORTEX_DIALECT_FIELD_IR_FIELDDIALECT_TD

include "mlir/IR/OpBase.td"

def VxField_Dialect : Dialect {
  let name = "vx_field";
  let cppNamespace = "::mlir::vortex::vx_field";
  let summary = "Prime-field arithmetic for zero-knowledge cryptography";
  let description = [{
    The vx.field dialect (namespace `vx_field`) gives prime fields a type and
    their arithmetic a set of operations, so that NTT, MSM and pairing kernels
    are written once and lowered to limb arithmetic for each target.

    `!vx_field.pf<p>` is the field of integers modulo the odd prime `p`, of any
    width. The fields zero-knowledge systems use have names that the parser
    accepts in place of the modulus and that the printer uses as aliases:
    `bn254_fr`, `bn254_fq`, `bls12_381_fr`, `bls12_381_fq`, `goldilocks`,
    `babybear` and `mersenne31`.

    Every operation works on a field element or elementwise on a ranked tensor
    of them. Constants and folding use arbitrary-precision arithmetic; a
    constant always holds the canonical value in `[0, p)`, whatever the
    representation the type selects for the lowering.
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect"];
  let useDefaultTypePrinterParser = 1;
  let useDefaultAttributePrinterParser = 1;
  let hasConstantMaterializer = 1;
  let extraClassDeclaration = [{
    void registerTypes();
    void registerAttributes();
  }];
}

class VxField_Op<string mnemonic, list<Trait> traits = []>
    : Op<VxField_Dialect, mnemonic, traits>;

#endif // VORTEX_DIALECT_FIELD_IR_FIELDDIALECT_TD
