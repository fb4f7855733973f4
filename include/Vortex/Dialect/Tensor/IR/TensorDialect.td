//===- TensorDialect.td - vx.tensor dialect definition ------*- tablegen -*-===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//

#ifndef VORTEX_DIALECT_TENSOR_IR_TENSORDIALECT_TD
#define VORTEX_DIALECT_TENSOR_IR_TENSORDIALECT_TD

include "mlir/IR/OpBase.td"

def VxTensor_Dialect : Dialect {
  let name = "vx_tensor";
  let cppNamespace = "::mlir::vortex::vx_tensor";
  let summary = "Tensor operations of LLM inference";
  let description = [{
    The vx.tensor dialect (namespace `vx_tensor`) holds the operations that LLM
    inference is made of, on builtin ranked tensors with static or dynamic
    dimensions: elementwise arithmetic and math, activations, casts, layout
    changes, reductions, softmax, normalizations, matrix multiplication and
    attention.

    Element types are `f16`, `bf16`, `f32`, `f64` and signless integers of
    8, 16, 32 or 64 bits.
    Signless integers are read as two's-complement signed values (division,
    maximum, minimum and casts to floating point are signed). Operations on
    16-bit floats round their result to the element type, as eager frameworks
    do; reductions and normalizations accumulate in `f32` at least.

    Result types are inferred wherever the operands decide them, and shape
    verifiers name the dimensions that disagree. A dynamic dimension is
    compatible with any size; where operands mix static and dynamic sizes the
    result takes the static one.
  }];
}

class VxTensor_Op<string mnemonic, list<Trait> traits = []>
    : Op<VxTensor_Dialect, mnemonic, traits>;

#endif // VORTEX_DIALECT_TENSOR_IR_TENSORDIALECT_TD
