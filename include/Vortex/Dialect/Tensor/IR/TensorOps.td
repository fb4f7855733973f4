//===- TensorOps.td - vx.tensor operations ------------------*- tablegen -*-===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//

#ifndef VORTEX_DIALECT_TENSOR_IR_TENSOROPS_TD
#define VORTEX_DIALECT_TENSOR_IR_TENSOROPS_TD

include "Vortex/Dialect/Tensor/IR/TensorDialect.td"
include "mlir/IR/CommonAttrConstraints.td"
include "mlir/IR/CommonTypeConstraints.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

//===----------------------------------------------------------------------===//
// Type constraints
//===----------------------------------------------------------------------===//

def VxTensor_FloatElement : AnyTypeOf<[F16, BF16, F32, F64]>;
// Integers are 8 to 64 bits wide: what GPUs compute on natively (NVPTX has no
// conversion between i128 and floats).
def VxTensor_Integer : SignlessIntOfWidths<[8, 16, 32, 64]>;
def VxTensor_Element : AnyTypeOf<[F16, BF16, F32, F64, VxTensor_Integer]>;
def VxTensor_Tensor : RankedTensorOf<[VxTensor_Element]>;
def VxTensor_FloatTensor : RankedTensorOf<[VxTensor_FloatElement]>;

//===----------------------------------------------------------------------===//
// Elementwise operations
//===----------------------------------------------------------------------===//

// Binary elementwise operations take two tensors of one element type whose
// shapes agree dimension by dimension (a dynamic size agrees with any size);
// the result type is their join.
class VxTensor_BinaryOp<string mnemonic, string doc,
                        Type operandType = VxTensor_Tensor,
                        list<Trait> traits = []>
    : VxTensor_Op<mnemonic, !listconcat(traits, [Pure, InferTypeOpAdaptor,
                                                 SameOperandsElementType])> {
  let summary = "elementwise " # doc;
  let description = [{
    Computes `}] # doc # [{` of two tensors element by element. The operand
    shapes must agree in every dimension, where a dynamic size agrees with any
    size; the result has the more static of the two sizes in each dimension.
    The type is written once when both operands have it:

    ```mlir
    %r = vx_tensor.}] # mnemonic # [{ %a, %b : tensor<4x?xf32>
    %s = vx_tensor.}] # mnemonic # [{ %a, %c : tensor<4x?xf32>, tensor<?x8xf32>
    ```
  }];
  let arguments = (ins operandType:$lhs, operandType:$rhs);
  let results = (outs operandType:$result);
  let hasCustomAssemblyFormat = 1;
}

def VxTensor_AddOp : VxTensor_BinaryOp<"add", "sum", VxTensor_Tensor,
                                       [Commutative]>;
def VxTensor_SubOp : VxTensor_BinaryOp<"sub", "difference">;
def VxTensor_MulOp : VxTensor_BinaryOp<"mul", "product", VxTensor_Tensor,
                                       [Commutative]>;
def VxTensor_DivOp : VxTensor_BinaryOp<"div",
    "quotient (signed for integers, rounding toward zero)">;
def VxTensor_MaxOp : VxTensor_BinaryOp<"max",
    "maximum (NaN-propagating for floats, signed for integers)",
    VxTensor_Tensor, [Commutative]>;
def VxTensor_MinOp : VxTensor_BinaryOp<"min",
    "minimum (NaN-propagating for floats, signed for integers)",
    VxTensor_Tensor, [Commutative]>;

class VxTensor_UnaryOp<string mnemonic, string doc,
                       Type operandType = VxTensor_Tensor,
                       list<Trait> traits = []>
    : VxTensor_Op<mnemonic, !listconcat(traits, [Pure,
                                                 SameOperandsAndResultType])> {
  let summary = "elementwise " # doc;
  let description = [{
    Computes `}] # doc # [{` of every element. Computations on 16-bit floats
    are carried out in `f32` and rounded once.

    ```mlir
    %r = vx_tensor.}] # mnemonic # [{ %x : tensor<?x4096xbf16>
    ```
  }];
  let arguments = (ins operandType:$input);
  let results = (outs operandType:$result);
  let assemblyFormat = "$input attr-dict `:` type($input)";
}

def VxTensor_NegOp : VxTensor_UnaryOp<"neg", "negation">;
def VxTensor_ExpOp : VxTensor_UnaryOp<"exp", "exponential",
                                      VxTensor_FloatTensor>;
def VxTensor_LogOp : VxTensor_UnaryOp<"log", "natural logarithm",
                                      VxTensor_FloatTensor>;
def VxTensor_SqrtOp : VxTensor_UnaryOp<"sqrt", "square root",
                                       VxTensor_FloatTensor>;
def VxTensor_RsqrtOp : VxTensor_UnaryOp<"rsqrt", "reciprocal square root",
                                        VxTensor_FloatTensor>;
def VxTensor_TanhOp : VxTensor_UnaryOp<"tanh", "hyperbolic tangent",
                                       VxTensor_FloatTensor>;
def VxTensor_ReluOp : VxTensor_UnaryOp<"relu", "max(x, 0)">;
def VxTensor_SiluOp : VxTensor_UnaryOp<"silu", "x * sigmoid(x)",
                                       VxTensor_FloatTensor>;

def VxTensor_GeluOp : VxTensor_Op<"gelu", [Pure, SameOperandsAndResultType]> {
  let summary = "elementwise Gaussian error linear unit";
  let description = [{
    Computes `0.5 * x * (1 + erf(x / sqrt(2)))` for every element, or with
    `tanh` the approximation `0.5 * x * (1 + tanh(sqrt(2/pi) * (x + 0.044715
    * x^3)))` used by GPT-2 style models.

    ```mlir
    %r = vx_tensor.gelu %x : tensor<8x?xf16>
    %s = vx_tensor.gelu %x tanh : tensor<8x?xf16>
    ```
  }];
  let arguments = (ins VxTensor_FloatTensor:$input, UnitAttr:$tanh);
  let results = (outs VxTensor_FloatTensor:$result);
  let assemblyFormat = "$input (`tanh` $tanh^)? attr-dict `:` type($input)";
}

def VxTensor_CastOp : VxTensor_Op<"cast", [Pure]> {
  let summary = "elementwise conversion to another element type";
  let description = [{
    Converts every element to the result's element type: floats are extended
    or rounded to nearest even, integers are sign-extended or truncated,
    integers convert to floats as signed values and floats to integers by
    rounding toward zero. The shapes must agree (a dynamic size agrees with any
    size).

    ```mlir
    %r = vx_tensor.cast %x : tensor<?x64xf32> to tensor<?x64xbf16>
    ```
  }];
  let arguments = (ins VxTensor_Tensor:$input);
  let results = (outs VxTensor_Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `to` type($result)";
  let hasVerifier = 1;
  let hasFolder = 1;
}

//===----------------------------------------------------------------------===//
// Layout operations
//===----------------------------------------------------------------------===//

def VxTensor_BroadcastOp : VxTensor_Op<"broadcast", [Pure]> {
  let summary = "replicate a tensor along new dimensions";
  let description = [{
    Produces the result by replicating the input along the result dimensions
    listed in `dims` (sorted, unique). The remaining result dimensions, in
    order, must agree with the input's. Each dynamic size of an added
    dimension is given by one `index` operand, in order.

    ```mlir
    // bias[n] -> [m, n]
    %r = vx_tensor.broadcast %bias dims [0] : tensor<64xf32> to tensor<8x64xf32>
    %s = vx_tensor.broadcast %bias dims [0] [%m] : tensor<64xf32> to tensor<?x64xf32>
    ```
  }];
  let arguments = (ins VxTensor_Tensor:$input, DenseI64ArrayAttr:$dims,
                       Variadic<Index>:$sizes);
  let results = (outs VxTensor_Tensor:$result);
  let assemblyFormat = [{
    $input `dims` $dims (` ` `[` $sizes^ `]`)? attr-dict `:` type($input) `to`
    type($result)
  }];
  let hasVerifier = 1;
  let hasFolder = 1;
}

def VxTensor_TransposeOp : VxTensor_Op<"transpose", [Pure, InferTypeOpAdaptor]> {
  let summary = "permute the dimensions of a tensor";
  let description = [{
    Result dimension `i` is input dimension `permutation[i]`.

    ```mlir
    %r = vx_tensor.transpose %x [1, 0] : tensor<4x?xf32>  // tensor<?x4xf32>
    ```
  }];
  let arguments = (ins VxTensor_Tensor:$input, DenseI64ArrayAttr:$permutation);
  let results = (outs VxTensor_Tensor:$result);
  let assemblyFormat = "$input $permutation attr-dict `:` type($input)";
  let hasFolder = 1;
}

def VxTensor_ReshapeOp : VxTensor_Op<"reshape", [Pure]> {
  let summary = "reinterpret a tensor with another shape";
  let description = [{
    Returns the elements of the input, in row-major order, with the result's
    shape. Each dynamic size of the result is given by one `index` operand, in
    order. When both shapes are static their element counts must be equal.

    ```mlir
    %r = vx_tensor.reshape %x : tensor<4x8xf32> to tensor<32xf32>
    %s = vx_tensor.reshape %y [%n] : tensor<?x8xf32> to tensor<?x2x4xf32>
    ```
  }];
  let arguments = (ins VxTensor_Tensor:$input, Variadic<Index>:$dynamic_dims);
  let results = (outs VxTensor_Tensor:$result);
  let assemblyFormat = [{
    $input (`[` $dynamic_dims^ `]`)? attr-dict `:` type($input) `to` type($result)
  }];
  let hasVerifier = 1;
  let hasFolder = 1;
}

//===----------------------------------------------------------------------===//
// Reductions
//===----------------------------------------------------------------------===//

class VxTensor_ReduceOp<string mnemonic, string doc,
                        Type operandType = VxTensor_Tensor>
    : VxTensor_Op<mnemonic, [Pure, InferTypeOpAdaptor]> {
  let summary = "reduce a tensor over dimensions by " # doc;
  let description = [{
    Reduces the input by }] # doc # [{ over the listed dimensions (unique,
    each below the rank). The reduced dimensions are dropped from the result,
    or kept with size 1 under `keepdims`. 16-bit floats accumulate in `f32`.

    ```mlir
    %r = vx_tensor.}] # mnemonic # [{ %x dims [1] : tensor<?x4096xbf16>             // tensor<?xbf16>
    %s = vx_tensor.}] # mnemonic # [{ %x dims [1] keepdims : tensor<?x4096xbf16>    // tensor<?x1xbf16>
    ```
  }];
  let arguments = (ins operandType:$input, DenseI64ArrayAttr:$dims,
                       UnitAttr:$keepdims);
  let results = (outs operandType:$result);
  let assemblyFormat = [{
    $input `dims` $dims (`keepdims` $keepdims^)? attr-dict `:` type($input)
  }];
}

def VxTensor_ReduceSumOp : VxTensor_ReduceOp<"reduce_sum", "summation">;
def VxTensor_ReduceMaxOp : VxTensor_ReduceOp<"reduce_max", "maximum">;
def VxTensor_ReduceMinOp : VxTensor_ReduceOp<"reduce_min", "minimum">;
def VxTensor_ReduceMeanOp : VxTensor_ReduceOp<"reduce_mean", "arithmetic mean",
                                              VxTensor_FloatTensor>;

//===----------------------------------------------------------------------===//
// Normalization
//===----------------------------------------------------------------------===//

def VxTensor_SoftmaxOp : VxTensor_Op<"softmax", [Pure,
                                                 SameOperandsAndResultType]> {
  let summary = "softmax along one dimension";
  let description = [{
    Computes `exp(x - max(x)) / sum(exp(x - max(x)))` along dimension `dim`,
    accumulating in `f32` at least. The lowering may multiply by the
    reciprocal of the sum instead of dividing by it (`arcp`, within an ulp
    or two of the quotient), and for 16-bit results takes approximate
    exponentials (`afn`; relative error below 1e-6 for the arguments
    `x - max(x) <= 0`, far under a bf16 or f16 rounding of the result).

    ```mlir
    %p = vx_tensor.softmax %scores dim 3 : tensor<?x32x?x?xbf16>
    ```
  }];
  let arguments = (ins VxTensor_FloatTensor:$input,
                       ConfinedAttr<I64Attr, [IntNonNegative]>:$dim);
  let results = (outs VxTensor_FloatTensor:$result);
  let assemblyFormat = "$input `dim` $dim attr-dict `:` type($input)";
  let hasVerifier = 1;
}

def VxTensor_RMSNormOp : VxTensor_Op<"rms_norm", [Pure, InferTypeOpAdaptor,
                                                  SameOperandsElementType]> {
  let summary = "root-mean-square normalization over the last dimension";
  let description = [{
    Computes `x / sqrt(mean(x^2) + epsilon) * weight` over the last dimension
    of `x`. `weight` is one-dimensional with the size of that dimension.
    Statistics accumulate in `f32` at least.

    ```mlir
    %y = vx_tensor.rms_norm %x, %w eps 1.0e-05 : tensor<?x4096xbf16>, tensor<4096xbf16>
    ```
  }];
  let arguments = (ins VxTensor_FloatTensor:$input, VxTensor_FloatTensor:$weight,
                       DefaultValuedAttr<F64Attr, "1.0e-6">:$epsilon);
  let results = (outs VxTensor_FloatTensor:$result);
  let assemblyFormat = [{
    $input `,` $weight `eps` $epsilon attr-dict `:` type($input) `,` type($weight)
  }];
}

def VxTensor_LayerNormOp : VxTensor_Op<"layer_norm", [Pure, InferTypeOpAdaptor,
                                                      SameOperandsElementType]> {
  let summary = "layer normalization over the last dimension";
  let description = [{
    Computes `(x - mean(x)) / sqrt(var(x) + epsilon) * weight + bias` over the
    last dimension of `x` (biased variance). `weight` and `bias` are
    one-dimensional with the size of that dimension. Statistics accumulate in
    `f32` at least.

    ```mlir
    %y = vx_tensor.layer_norm %x, %w, %b eps 1.0e-05
        : tensor<?x768xf32>, tensor<768xf32>, tensor<768xf32>
    ```
  }];
  let arguments = (ins VxTensor_FloatTensor:$input, VxTensor_FloatTensor:$weight,
                       VxTensor_FloatTensor:$bias,
                       DefaultValuedAttr<F64Attr, "1.0e-5">:$epsilon);
  let results = (outs VxTensor_FloatTensor:$result);
  let assemblyFormat = [{
    $input `,` $weight `,` $bias `eps` $epsilon attr-dict `:` type($input) `,`
    type($weight) `,` type($bias)
  }];
}

//===----------------------------------------------------------------------===//
// Contractions
//===----------------------------------------------------------------------===//

def VxTensor_MatmulOp : VxTensor_Op<"matmul", [Pure, InferTypeOpAdaptor,
                                               SameOperandsElementType]> {
  let summary = "matrix multiplication, batched, with optional transposes";
  let description = [{
    Multiplies the last two dimensions of `lhs` (`M x K`, or `K x M` with
    `transpose_lhs`) by the last two of `rhs` (`K x N`, or `N x K` with
    `transpose_rhs`). Leading dimensions are batch dimensions: both operands
    have the same batch dimensions, or `rhs` is two-dimensional and is shared
    by every batch (the weight of a linear layer). The result has the batch
    dimensions, then `M x N`, and the operands' element type; 16-bit floats
    accumulate in `f32`.

    ```mlir
    %c = vx_tensor.matmul %a, %b : tensor<?x4096xbf16>, tensor<4096x11008xbf16>
    %s = vx_tensor.matmul %q, %k transpose_rhs : tensor<8x128x64xf16>, tensor<8x128x64xf16>
    ```
  }];
  let arguments = (ins VxTensor_Tensor:$lhs, VxTensor_Tensor:$rhs,
                       UnitAttr:$transpose_lhs, UnitAttr:$transpose_rhs);
  let results = (outs VxTensor_Tensor:$result);
  let assemblyFormat = [{
    $lhs `,` $rhs (`transpose_lhs` $transpose_lhs^)? (`transpose_rhs` $transpose_rhs^)?
    attr-dict `:` type($lhs) `,` type($rhs)
  }];
}

def VxTensor_LinearOp : VxTensor_Op<"linear", [Pure, InferTypeOpAdaptor,
                                               SameOperandsElementType]> {
  let summary = "linear layer: x times the transposed weight, plus a bias";
  let description = [{
    Computes `x · wᵀ + bias` over the last dimension of `x`: `x` is
    `[..., K]` (any number of leading dimensions, none included), `w` is
    `N x K` (one row per output feature, as PyTorch stores it) and the
    optional `bias` is `[N]`. The result is `[..., N]` with the operands'
    element type. 16-bit floats accumulate in `f32`, and the bias is added
    to the `f32` sum before the one rounding to the result type.

    ```mlir
    %y = vx_tensor.linear %x, %w, %b : tensor<?x4096xbf16>, tensor<11008x4096xbf16>, tensor<11008xbf16>
    %z = vx_tensor.linear %h, %w : tensor<2x?x64xf32>, tensor<32x64xf32>
    ```
  }];
  let arguments = (ins VxTensor_Tensor:$input, VxTensor_Tensor:$weight,
                       Optional<VxTensor_Tensor>:$bias);
  let results = (outs VxTensor_Tensor:$result);
  let assemblyFormat = [{
    $input `,` $weight (`,` $bias^)? attr-dict `:` type($input) `,` type($weight)
    (`,` type($bias)^)?
  }];
}

def VxTensor_AttentionOp : VxTensor_Op<"attention", [Pure, InferTypeOpAdaptor,
                                                     SameOperandsElementType]> {
  let summary = "scaled dot-product attention with grouped-query heads";
  let description = [{
    Computes `softmax(scale * q kᵀ + mask) v` for operands laid out as
    `[batch, heads, sequence, head_dim]`: `q` is `B x Hq x Sq x D`, `k` is
    `B x Hkv x Skv x D` and `v` is `B x Hkv x Skv x Dv`. `Hq` must be a
    multiple of `Hkv`: query head `h` reads key/value head `h / (Hq / Hkv)`
    (multi-query attention when `Hkv` is 1). With `causal`, query `i` sees
    keys `j <= i + (Skv - Sq)` (the last query sees every key). `scale`
    defaults to `1 / sqrt(D)`. The result is `B x Hq x Sq x Dv`.

    ```mlir
    %o = vx_tensor.attention %q, %k, %v causal
        : tensor<1x32x?x128xbf16>, tensor<1x8x?x128xbf16>, tensor<1x8x?x128xbf16>
    ```
  }];
  let arguments = (ins VxTensor_FloatTensor:$query, VxTensor_FloatTensor:$key,
                       VxTensor_FloatTensor:$value, UnitAttr:$causal,
                       OptionalAttr<F64Attr>:$scale);
  let results = (outs VxTensor_FloatTensor:$result);
  let assemblyFormat = [{
    $query `,` $key `,` $value (`causal` $causal^)? (`scale` $scale^)? attr-dict
    `:` type($query) `,` type($key) `,` type($value)
  }];
}

#endif // VORTEX_DIALECT_TENSOR_IR_TENSOROPS_TD
