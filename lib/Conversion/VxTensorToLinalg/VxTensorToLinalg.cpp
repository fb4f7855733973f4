//===- VxTensorToLinalg.cpp - lower vx.tensor to linalg -------------------===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//

#include "Vortex/Conversion/VxTensorToLinalg/VxTensorToLinalg.h"
#include "Vortex/Dialect/Tensor/IR/TensorOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/DialectConversion.h"

#include <cmath>

namespace mlir::vortex {
#define GEN_PASS_DEF_CONVERTVXTENSORTOLINALGPASS
#include "Vortex/Conversion/Passes.h.inc"
} // namespace mlir::vortex

using namespace mlir;
using namespace mlir::vortex;
namespace vt = mlir::vortex::vx_tensor;

//===----------------------------------------------------------------------===//
// Scalar bodies
//===----------------------------------------------------------------------===//

namespace {
/// Builds the scalar computation of an elementwise op on the block arguments
/// `args`; `op` supplies attributes and the result element type.
using ScalarFn = Value (*)(OpBuilder &, Location, ValueRange args,
                           Operation *op);
} // namespace

static Type elementTypeOf(Operation *op) {
  return cast<ShapedType>(op->getResult(0).getType()).getElementType();
}

static bool is16BitFloat(Type type) {
  return isa<Float16Type, BFloat16Type>(type);
}

static Value floatConstant(OpBuilder &b, Location loc, Type type,
                           double value) {
  return arith::ConstantOp::create(b, loc, type,
                                   b.getFloatAttr(type, value));
}

/// Runs `compute` on `x` in f32 when `x` is a 16-bit float (one rounding at
/// the end), else in `x`'s own type.
template <typename Fn>
static Value inComputeType(OpBuilder &b, Location loc, Value x, Fn compute) {
  Type type = x.getType();
  if (!is16BitFloat(type))
    return compute(x);
  Value wide = arith::ExtFOp::create(b, loc, b.getF32Type(), x);
  return arith::TruncFOp::create(b, loc, type, compute(wide));
}

template <typename FloatOp, typename IntOp>
static Value binary(OpBuilder &b, Location loc, ValueRange args, Operation *) {
  if (isa<FloatType>(args[0].getType()))
    return FloatOp::create(b, loc, args[0], args[1]);
  return IntOp::create(b, loc, args[0], args[1]);
}

static Value neg(OpBuilder &b, Location loc, ValueRange args, Operation *) {
  Value x = args[0];
  if (isa<FloatType>(x.getType()))
    return arith::NegFOp::create(b, loc, x);
  Value zero = arith::ConstantOp::create(b, loc, x.getType(),
                                         b.getIntegerAttr(x.getType(), 0));
  return arith::SubIOp::create(b, loc, zero, x);
}

template <typename MathOp>
static Value unaryMath(OpBuilder &b, Location loc, ValueRange args, Operation *) {
  return inComputeType(b, loc, args[0],
                       [&](Value x) { return MathOp::create(b, loc, x); });
}

static Value relu(OpBuilder &b, Location loc, ValueRange args, Operation *) {
  Value x = args[0];
  Type type = x.getType();
  if (isa<FloatType>(type))
    return arith::MaximumFOp::create(b, loc, x,
                                     floatConstant(b, loc, type, 0.0));
  Value zero =
      arith::ConstantOp::create(b, loc, type, b.getIntegerAttr(type, 0));
  return arith::MaxSIOp::create(b, loc, x, zero);
}

static Value silu(OpBuilder &b, Location loc, ValueRange args, Operation *) {
  return inComputeType(b, loc, args[0], [&](Value x) -> Value {
    Type type = x.getType();
    // x * sigmoid(x) = x / (1 + exp(-x))
    Value e = math::ExpOp::create(b, loc, arith::NegFOp::create(b, loc, x));
    Value denom =
        arith::AddFOp::create(b, loc, floatConstant(b, loc, type, 1.0), e);
    return arith::DivFOp::create(b, loc, x, denom);
  });
}

static Value gelu(OpBuilder &b, Location loc, ValueRange args, Operation *op) {
  bool useTanh = cast<vt::GeluOp>(op).getTanh();
  return inComputeType(b, loc, args[0], [&](Value x) -> Value {
    Type type = x.getType();
    auto c = [&](double v) { return floatConstant(b, loc, type, v); };
    Value inner;
    if (useTanh) {
      // tanh(sqrt(2/pi) * (x + 0.044715 x^3))
      Value x3 = arith::MulFOp::create(b, loc, arith::MulFOp::create(b, loc, x, x),
                                       x);
      Value poly = arith::AddFOp::create(
          b, loc, x, arith::MulFOp::create(b, loc, c(0.044715), x3));
      inner = math::TanhOp::create(
          b, loc,
          arith::MulFOp::create(
              b, loc, c(std::sqrt(2.0 / M_PI)), poly));
    } else {
      // erf(x / sqrt(2))
      inner = math::ErfOp::create(
          b, loc, arith::MulFOp::create(b, loc, x, c(1.0 / std::sqrt(2.0))));
    }
    Value half = arith::MulFOp::create(b, loc, c(0.5), x);
    return arith::MulFOp::create(b, loc, half,
                                 arith::AddFOp::create(b, loc, c(1.0), inner));
  });
}

static Value castElement(OpBuilder &b, Location loc, ValueRange args, Operation *op) {
  Value x = args[0];
  Type from = x.getType(), to = elementTypeOf(op);
  if (from == to)
    return x;
  auto fromFloat = dyn_cast<FloatType>(from);
  auto toFloat = dyn_cast<FloatType>(to);
  if (fromFloat && toFloat) {
    if (fromFloat.getWidth() < toFloat.getWidth())
      return arith::ExtFOp::create(b, loc, to, x);
    if (fromFloat.getWidth() > toFloat.getWidth())
      return arith::TruncFOp::create(b, loc, to, x);
    // f16 <-> bf16: through f32, exact on the way in.
    Value wide = arith::ExtFOp::create(b, loc, b.getF32Type(), x);
    return arith::TruncFOp::create(b, loc, to, wide);
  }
  if (fromFloat)
    return arith::FPToSIOp::create(b, loc, to, x);
  if (toFloat)
    return arith::SIToFPOp::create(b, loc, to, x);
  if (from.getIntOrFloatBitWidth() < to.getIntOrFloatBitWidth())
    return arith::ExtSIOp::create(b, loc, to, x);
  return arith::TruncIOp::create(b, loc, to, x);
}

//===----------------------------------------------------------------------===//
// Elementwise lowering
//===----------------------------------------------------------------------===//

/// Builds `linalg.generic` over `inputs` into a fresh tensor of `resultType`,
/// with identity maps, computing each element with `fn`.
static Value buildElementwise(OpBuilder &b, Location loc,
                              RankedTensorType resultType, ValueRange inputs,
                              Operation *op, ScalarFn fn) {
  SmallVector<Value> dynamicSizes;
  for (int64_t d = 0; d < resultType.getRank(); ++d) {
    if (!resultType.isDynamicDim(d))
      continue;
    // A result size is dynamic only where every operand's size is.
    dynamicSizes.push_back(tensor::DimOp::create(b, loc, inputs[0], d));
  }
  Value init = tensor::EmptyOp::create(b, loc, resultType.getShape(),
                                       resultType.getElementType(),
                                       dynamicSizes);
  AffineMap identity = b.getMultiDimIdentityMap(resultType.getRank());
  SmallVector<AffineMap> maps(inputs.size() + 1, identity);
  SmallVector<utils::IteratorType> iterators(resultType.getRank(),
                                             utils::IteratorType::parallel);
  auto generic = linalg::GenericOp::create(
      b, loc, TypeRange{resultType}, inputs, ValueRange{init}, maps, iterators,
      [&](OpBuilder &nested, Location nestedLoc, ValueRange args) {
        Value result = fn(nested, nestedLoc, args.drop_back(), op);
        linalg::YieldOp::create(nested, nestedLoc, result);
      });
  return generic.getResult(0);
}

namespace {
template <typename OpTy>
struct ElementwiseLowering : OpConversionPattern<OpTy> {
  ElementwiseLowering(MLIRContext *context, ScalarFn fn)
      : OpConversionPattern<OpTy>(context), fn(fn) {}

  LogicalResult
  matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto resultType = cast<RankedTensorType>(op.getType());
    rewriter.replaceOp(op, buildElementwise(rewriter, op.getLoc(), resultType,
                                            adaptor.getOperands(), op, fn));
    return success();
  }

  ScalarFn fn;
};
} // namespace

template <typename OpTy>
static void addElementwise(RewritePatternSet &patterns, ScalarFn fn) {
  patterns.add<ElementwiseLowering<OpTy>>(patterns.getContext(), fn);
}

//===----------------------------------------------------------------------===//
// Structured lowering helpers
//===----------------------------------------------------------------------===//

/// The size of dimension `d` of `tensor`: an attribute when static.
static OpFoldResult dimSize(OpBuilder &b, Location loc, Value tensor,
                            int64_t d) {
  auto type = cast<RankedTensorType>(tensor.getType());
  if (!type.isDynamicDim(d))
    return b.getIndexAttr(type.getDimSize(d));
  return tensor::DimOp::create(b, loc, tensor, d).getResult();
}

/// A tensor.empty of `elementType` with the given sizes.
static Value emptyTensor(OpBuilder &b, Location loc,
                         ArrayRef<OpFoldResult> sizes, Type elementType) {
  return tensor::EmptyOp::create(b, loc, sizes, elementType);
}

/// The type reductions and contractions accumulate in: f32 for 16-bit
/// floats, the element type otherwise.
static Type accumulatorType(Type elementType) {
  return is16BitFloat(elementType) ? Float32Type::get(elementType.getContext())
                                   : elementType;
}

/// `x` converted to the accumulator type `acc` (a widening for 16-bit
/// floats).
static Value widen(OpBuilder &b, Location loc, Value x, Type acc) {
  return x.getType() == acc ? x : arith::ExtFOp::create(b, loc, acc, x);
}

/// `x` rounded back to `type` from the accumulator type.
static Value narrow(OpBuilder &b, Location loc, Value x, Type type) {
  return x.getType() == type ? x : arith::TruncFOp::create(b, loc, type, x);
}

/// A tensor of `sizes` and `elementType` filled with `value`.
static Value filledTensor(OpBuilder &b, Location loc,
                          ArrayRef<OpFoldResult> sizes, Type elementType,
                          TypedAttr value) {
  Value init = emptyTensor(b, loc, sizes, elementType);
  Value cst = arith::ConstantOp::create(b, loc, elementType, value);
  return linalg::FillOp::create(b, loc, ValueRange{cst}, ValueRange{init})
      .getResult(0);
}

/// The number of elements in `dims` of `tensor`, as a value of float type
/// `type`.
static Value countAsFloat(OpBuilder &b, Location loc, Value tensor,
                          ArrayRef<int64_t> dims, Type type) {
  Value count = arith::ConstantIndexOp::create(b, loc, 1);
  for (int64_t d : dims)
    count = arith::MulIOp::create(
        b, loc, count,
        getValueOrCreateConstantIndexOp(b, loc, dimSize(b, loc, tensor, d)));
  Value asInt = arith::IndexCastOp::create(b, loc, b.getI64Type(), count);
  return arith::SIToFPOp::create(b, loc, type, asInt);
}

/// The map of a loop nest of `rank` loops onto the loops in `kept`.
static AffineMap projection(OpBuilder &b, unsigned rank,
                            ArrayRef<int64_t> kept) {
  SmallVector<AffineExpr> exprs;
  for (int64_t d : kept)
    exprs.push_back(b.getAffineDimExpr(d));
  return AffineMap::get(rank, 0, exprs, b.getContext());
}

/// The dimensions of `rank` not in `removed`.
static SmallVector<int64_t> keptDims(int64_t rank, ArrayRef<int64_t> removed) {
  SmallVector<int64_t> kept;
  for (int64_t d = 0; d < rank; ++d)
    if (!llvm::is_contained(removed, d))
      kept.push_back(d);
  return kept;
}

namespace {
enum class Combiner { Sum, Max, Min };
} // namespace

/// The identity of `combiner` in type `type`.
static TypedAttr combinerIdentity(OpBuilder &b, Combiner combiner, Type type) {
  if (auto floatType = dyn_cast<FloatType>(type)) {
    const llvm::fltSemantics &sem = floatType.getFloatSemantics();
    switch (combiner) {
    case Combiner::Sum:
      return b.getFloatAttr(type, 0.0);
    case Combiner::Max:
      return b.getFloatAttr(type, APFloat::getInf(sem, /*Negative=*/true));
    case Combiner::Min:
      return b.getFloatAttr(type, APFloat::getInf(sem, /*Negative=*/false));
    }
  }
  unsigned width = type.getIntOrFloatBitWidth();
  switch (combiner) {
  case Combiner::Sum:
    return b.getIntegerAttr(type, 0);
  case Combiner::Max:
    return b.getIntegerAttr(type, APInt::getSignedMinValue(width));
  case Combiner::Min:
    return b.getIntegerAttr(type, APInt::getSignedMaxValue(width));
  }
  llvm_unreachable("unknown combiner");
}

static Value combine(OpBuilder &b, Location loc, Combiner combiner, Value x,
                     Value acc) {
  bool isFloat = isa<FloatType>(x.getType());
  switch (combiner) {
  case Combiner::Sum:
    // `contract`: a product summed here (the norms' squares) may become one
    // fma.
    return isFloat ? arith::AddFOp::create(b, loc, x, acc,
                                           arith::FastMathFlags::contract)
                         .getResult()
                   : arith::AddIOp::create(b, loc, x, acc).getResult();
  case Combiner::Max:
    return isFloat ? arith::MaximumFOp::create(b, loc, x, acc).getResult()
                   : arith::MaxSIOp::create(b, loc, x, acc).getResult();
  case Combiner::Min:
    return isFloat ? arith::MinimumFOp::create(b, loc, x, acc).getResult()
                   : arith::MinSIOp::create(b, loc, x, acc).getResult();
  }
  llvm_unreachable("unknown combiner");
}

/// Reduces `input` over `dims` with `combiner` in the accumulator type of its
/// elements, applying `prepare` to each (widened) element first; the extra
/// inputs are read through `extraMaps`, given over the input's dimensions.
/// The result has the kept dimensions, or size-1 dimensions in their place
/// with `keepdims`. The loops run over the kept dimensions first, so that the
/// parallel loops are outermost and map onto GPU threads.
static Value reduce(OpBuilder &b, Location loc, Value input,
                    ArrayRef<int64_t> dims, bool keepdims, Combiner combiner,
                    ValueRange extraInputs, ArrayRef<AffineMap> extraMaps,
                    function_ref<Value(OpBuilder &, Location, ValueRange)>
                        prepare) {
  auto type = cast<RankedTensorType>(input.getType());
  int64_t rank = type.getRank();
  Type acc = accumulatorType(type.getElementType());
  SmallVector<int64_t> kept = keptDims(rank, dims);
  SmallVector<int64_t> reduced = llvm::to_vector(dims);
  llvm::sort(reduced);
  // loopOf[d]: the loop that walks input dimension d.
  SmallVector<int64_t> loopOf(rank);
  for (auto [loop, d] : llvm::enumerate(llvm::concat<int64_t>(kept, reduced)))
    loopOf[d] = loop;
  SmallVector<AffineExpr> inputExprs;
  for (int64_t d = 0; d < rank; ++d)
    inputExprs.push_back(b.getAffineDimExpr(loopOf[d]));
  AffineMap inputMap = AffineMap::get(rank, 0, inputExprs, b.getContext());

  SmallVector<OpFoldResult> sizes;
  SmallVector<AffineExpr> outExprs;
  for (int64_t d = 0; d < rank; ++d) {
    if (!llvm::is_contained(dims, d)) {
      sizes.push_back(dimSize(b, loc, input, d));
      outExprs.push_back(b.getAffineDimExpr(loopOf[d]));
    } else if (keepdims) {
      sizes.push_back(b.getIndexAttr(1));
      outExprs.push_back(b.getAffineConstantExpr(0));
    }
  }
  Value init =
      filledTensor(b, loc, sizes, acc, combinerIdentity(b, combiner, acc));
  SmallVector<Value> inputs{input};
  llvm::append_range(inputs, extraInputs);
  SmallVector<AffineMap> maps{inputMap};
  for (AffineMap map : extraMaps)
    maps.push_back(map.compose(inputMap));
  maps.push_back(AffineMap::get(rank, 0, outExprs, b.getContext()));
  SmallVector<utils::IteratorType> iterators(kept.size(),
                                             utils::IteratorType::parallel);
  iterators.append(reduced.size(), utils::IteratorType::reduction);
  return linalg::GenericOp::create(
             b, loc, TypeRange{init.getType()}, inputs, ValueRange{init}, maps,
             iterators,
             [&](OpBuilder &nb, Location nl, ValueRange args) {
               SmallVector<Value> widened;
               for (Value arg : args.drop_back())
                 widened.push_back(isa<FloatType>(arg.getType())
                                       ? widen(nb, nl, arg, acc)
                                       : arg);
               Value x = prepare ? prepare(nb, nl, widened) : widened[0];
               linalg::YieldOp::create(
                   nb, nl, combine(nb, nl, combiner, x, args.back()));
             })
      .getResult(0);
}

/// An elementwise generic producing a tensor shaped like `like` with element
/// type `elementType`, over `inputs` read through `maps`.
static Value mapRows(OpBuilder &b, Location loc, Value like, Type elementType,
                     ValueRange inputs, ArrayRef<AffineMap> maps,
                     function_ref<Value(OpBuilder &, Location, ValueRange)>
                         body) {
  auto type = cast<RankedTensorType>(like.getType());
  int64_t rank = type.getRank();
  SmallVector<OpFoldResult> sizes;
  for (int64_t d = 0; d < rank; ++d)
    sizes.push_back(dimSize(b, loc, like, d));
  Value init = emptyTensor(b, loc, sizes, elementType);
  SmallVector<AffineMap> allMaps(maps);
  allMaps.push_back(b.getMultiDimIdentityMap(rank));
  return linalg::GenericOp::create(
             b, loc, TypeRange{init.getType()}, inputs, ValueRange{init},
             allMaps,
             SmallVector<utils::IteratorType>(rank,
                                              utils::IteratorType::parallel),
             [&](OpBuilder &nb, Location nl, ValueRange args) {
               linalg::YieldOp::create(nb, nl, body(nb, nl, args.drop_back()));
             })
      .getResult(0);
}

/// A tensor of `sizes` whose element at each index is `input` read through
/// `inputMap` (a projection for broadcasts, a permutation for transposes).
static Value copyThrough(OpBuilder &b, Location loc, Value input,
                         AffineMap inputMap, ArrayRef<OpFoldResult> sizes,
                         Type elementType) {
  unsigned rank = sizes.size();
  Value init = emptyTensor(b, loc, sizes, elementType);
  return linalg::GenericOp::create(
             b, loc, TypeRange{init.getType()}, ValueRange{input},
             ValueRange{init}, {inputMap, b.getMultiDimIdentityMap(rank)},
             SmallVector<utils::IteratorType>(rank,
                                              utils::IteratorType::parallel),
             [](OpBuilder &nb, Location nl, ValueRange args) {
               linalg::YieldOp::create(nb, nl, args[0]);
             })
      .getResult(0);
}

//===----------------------------------------------------------------------===//
// Layout, reductions, normalization, matmul
//===----------------------------------------------------------------------===//

namespace {
struct BroadcastLowering : OpConversionPattern<vt::BroadcastOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(vt::BroadcastOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    RankedTensorType type = op.getType();
    int64_t rank = type.getRank();
    ArrayRef<int64_t> added = op.getDims();
    SmallVector<int64_t> kept = keptDims(rank, added);
    // Result sizes: static ones from the type, dynamic ones from the input
    // for kept dimensions and from the size operands for added ones.
    SmallVector<OpFoldResult> sizes;
    unsigned nextSize = 0, inDim = 0;
    for (int64_t d = 0; d < rank; ++d) {
      bool isAdded = llvm::is_contained(added, d);
      if (!type.isDynamicDim(d))
        sizes.push_back(rewriter.getIndexAttr(type.getDimSize(d)));
      else if (isAdded)
        sizes.push_back(adaptor.getSizes()[nextSize++]);
      else
        sizes.push_back(dimSize(rewriter, loc, adaptor.getInput(), inDim));
      if (!isAdded)
        ++inDim;
    }
    rewriter.replaceOp(op, copyThrough(rewriter, loc, adaptor.getInput(),
                                       projection(rewriter, rank, kept), sizes,
                                       type.getElementType()));
    return success();
  }
};

struct TransposeLowering : OpConversionPattern<vt::TransposeOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(vt::TransposeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    ArrayRef<int64_t> perm = op.getPermutation();
    int64_t rank = perm.size();
    // Loop i walks result dimension i = input dimension perm[i].
    SmallVector<AffineExpr> inExprs(rank);
    for (int64_t i = 0; i < rank; ++i)
      inExprs[perm[i]] = rewriter.getAffineDimExpr(i);
    SmallVector<OpFoldResult> sizes;
    for (int64_t i = 0; i < rank; ++i)
      sizes.push_back(dimSize(rewriter, loc, adaptor.getInput(), perm[i]));
    rewriter.replaceOp(
        op, copyThrough(rewriter, loc, adaptor.getInput(),
                        AffineMap::get(rank, 0, inExprs, rewriter.getContext()),
                        sizes, op.getType().getElementType()));
    return success();
  }
};

struct ReshapeLowering : OpConversionPattern<vt::ReshapeOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(vt::ReshapeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    RankedTensorType type = op.getType();
    SmallVector<Value> sizes;
    unsigned next = 0;
    for (int64_t d = 0; d < type.getRank(); ++d)
      sizes.push_back(type.isDynamicDim(d)
                          ? adaptor.getDynamicDims()[next++]
                          : arith::ConstantIndexOp::create(rewriter, loc,
                                                           type.getDimSize(d))
                                .getResult());
    Value shape = tensor::FromElementsOp::create(
        rewriter, loc,
        RankedTensorType::get({type.getRank()}, rewriter.getIndexType()),
        sizes);
    rewriter.replaceOpWithNewOp<tensor::ReshapeOp>(op, type, adaptor.getInput(),
                                                   shape);
    return success();
  }
};

template <typename OpTy, Combiner combiner, bool mean>
struct ReduceLowering : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  LogicalResult
  matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = adaptor.getInput();
    Type elementType = op.getType().getElementType();
    Value acc = reduce(rewriter, loc, input, op.getDims(), op.getKeepdims(),
                       combiner, {}, {}, nullptr);
    Type accType = cast<RankedTensorType>(acc.getType()).getElementType();
    if (!mean && accType == elementType) {
      rewriter.replaceOp(op, acc);
      return success();
    }
    Value count =
        mean ? countAsFloat(rewriter, loc, input, op.getDims(), accType)
             : Value();
    int64_t rank = cast<RankedTensorType>(acc.getType()).getRank();
    Value result = mapRows(
        rewriter, loc, acc, elementType, ValueRange{acc},
        {rewriter.getMultiDimIdentityMap(rank)},
        [&](OpBuilder &nb, Location nl, ValueRange args) {
          Value v = args[0];
          if (mean)
            v = arith::DivFOp::create(nb, nl, v, count);
          return narrow(nb, nl, v, elementType);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

struct SoftmaxLowering : OpConversionPattern<vt::SoftmaxOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(vt::SoftmaxOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getInput();
    int64_t rank = op.getType().getRank();
    int64_t dim = op.getDim();
    Type elementType = op.getType().getElementType();
    AffineMap identity = rewriter.getMultiDimIdentityMap(rank);
    AffineMap row = projection(rewriter, rank, keptDims(rank, {dim}));
    // max, then sum of exp(x - max), then exp(x - max) / sum.
    Value max = reduce(rewriter, loc, x, {dim}, false, Combiner::Max, {}, {},
                       nullptr);
    // For 16-bit results the exponentials may be approximate (`afn`: on
    // NVIDIA GPUs ex2.approx of x log2(e), relative error below 1e-6 for the
    // arguments x - max <= 0 that matter, far under a bf16 or f16 rounding
    // of the result); f32 and f64 results keep the accurate exp.
    // They are computed as 2^(x log2(e) - max log2(e)), with `contract` so
    // that the multiplication and subtraction become one fma.
    bool approximate = elementType.getIntOrFloatBitWidth() <= 16;
    auto shifted = [approximate](OpBuilder &nb, Location nl,
                                 ValueRange args) -> Value {
      if (!approximate)
        return math::ExpOp::create(
            nb, nl, arith::SubFOp::create(nb, nl, args[0], args[1]));
      auto contract = arith::FastMathFlags::contract;
      Value log2e = arith::ConstantOp::create(
          nb, nl, nb.getFloatAttr(args[0].getType(), M_LOG2E));
      Value scaled = arith::MulFOp::create(nb, nl, args[0], log2e, contract);
      Value shift = arith::MulFOp::create(nb, nl, args[1], log2e, contract);
      return math::Exp2Op::create(
          nb, nl, arith::SubFOp::create(nb, nl, scaled, shift, contract),
          arith::FastMathFlags::afn);
    };
    Value sum = reduce(rewriter, loc, x, {dim}, false, Combiner::Sum,
                       ValueRange{max}, {row}, shifted);
    Type acc = accumulatorType(elementType);
    Value result = mapRows(
        rewriter, loc, x, elementType, ValueRange{x, max, sum},
        {identity, row, row}, [&](OpBuilder &nb, Location nl, ValueRange args) {
          Value e = shifted(nb, nl, {widen(nb, nl, args[0], acc), args[1]});
          // Every element of the row divides by the same sum: `arcp` lets
          // the backends multiply by its reciprocal instead (a correctly
          // rounded division per element costs more than the rest of the
          // element's work on GPUs).
          Value quotient = arith::DivFOp::create(nb, nl, e, args[2],
                                                 arith::FastMathFlags::arcp);
          return narrow(nb, nl, quotient, elementType);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// RMSNorm and LayerNorm over the last dimension.
template <typename OpTy>
struct NormLowering : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  static constexpr bool isLayerNorm = std::is_same_v<OpTy, vt::LayerNormOp>;

  LogicalResult
  matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getInput();
    int64_t rank = op.getType().getRank(), last = rank - 1;
    Type elementType = op.getType().getElementType();
    Type acc = accumulatorType(elementType);
    AffineMap identity = rewriter.getMultiDimIdentityMap(rank);
    AffineMap row = projection(rewriter, rank, keptDims(rank, {last}));
    AffineMap column = projection(rewriter, rank, {last});
    // Means multiply by 1/n, computed once outside the row loops: a
    // correctly rounded division per row costs a GPU row kernel about as much
    // as the rest of a short row's work, and sum (1/n) is within an ulp of
    // sum / n (exact for n a power of two).
    Value n = countAsFloat(rewriter, loc, x, {last}, acc);
    Value inverseN = arith::DivFOp::create(
        rewriter, loc,
        arith::ConstantOp::create(rewriter, loc, acc,
                                  rewriter.getFloatAttr(acc, 1.0)),
        n);
    Value eps = arith::ConstantOp::create(
        rewriter, loc, acc,
        rewriter.getFloatAttr(acc, op.getEpsilon().convertToDouble()));

    // LayerNorm centers on the mean first; RMSNorm does not.
    Value mean;
    if constexpr (isLayerNorm) {
      Value sum = reduce(rewriter, loc, x, {last}, false, Combiner::Sum, {},
                         {}, nullptr);
      mean = mapRows(rewriter, loc, sum, acc, ValueRange{sum},
                     {rewriter.getMultiDimIdentityMap(rank - 1)},
                     [&](OpBuilder &nb, Location nl, ValueRange args) -> Value {
                       return arith::MulFOp::create(nb, nl, args[0],
                                                    inverseN);
                     });
    }
    auto centered = [&](OpBuilder &nb, Location nl, Value v,
                        Value m) -> Value {
      return m ? arith::SubFOp::create(nb, nl, v, m).getResult() : v;
    };
    SmallVector<Value> extra;
    SmallVector<AffineMap> extraMaps;
    if (mean) {
      extra.push_back(mean);
      extraMaps.push_back(row);
    }
    Value squares = reduce(
        rewriter, loc, x, {last}, false, Combiner::Sum, extra, extraMaps,
        [&](OpBuilder &nb, Location nl, ValueRange args) -> Value {
          Value c = centered(nb, nl, args[0], mean ? args[1] : Value());
          return arith::MulFOp::create(nb, nl, c, c,
                                       arith::FastMathFlags::contract);
        });

    SmallVector<Value> inputs{x, squares, adaptor.getWeight()};
    SmallVector<AffineMap> maps{identity, row, column};
    if constexpr (isLayerNorm) {
      inputs.push_back(adaptor.getBias());
      maps.push_back(column);
      inputs.push_back(mean);
      maps.push_back(row);
    }
    Value result = mapRows(
        rewriter, loc, x, elementType, inputs, maps,
        [&](OpBuilder &nb, Location nl, ValueRange args) {
          Value v = widen(nb, nl, args[0], acc);
          Value variance = arith::MulFOp::create(nb, nl, args[1], inverseN);
          Value scale = math::RsqrtOp::create(
              nb, nl, arith::AddFOp::create(nb, nl, variance, eps));
          auto contract = arith::FastMathFlags::contract;
          // LayerNorm: (v - mean) scale as v scale + (-mean scale), one fma
          // per element with the per-row product hoisted out. Its rounding,
          // about ulp(mean) scale, is the order of the error the mean itself
          // carries into v - mean.
          Value normalized;
          if constexpr (isLayerNorm) {
            Value shift = arith::NegFOp::create(
                nb, nl, arith::MulFOp::create(nb, nl, args[4], scale));
            normalized = arith::AddFOp::create(
                nb, nl, arith::MulFOp::create(nb, nl, v, scale, contract),
                shift, contract);
          } else {
            normalized = arith::MulFOp::create(nb, nl, v, scale);
          }
          // normalized w + b with `contract`: one fma per element.
          Value y = arith::MulFOp::create(
              nb, nl, normalized, widen(nb, nl, args[2], acc), contract);
          if constexpr (isLayerNorm)
            y = arith::AddFOp::create(nb, nl, y, widen(nb, nl, args[3], acc),
                                      contract);
          return narrow(nb, nl, y, elementType);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// The contraction of `lhs` and `rhs` into a zero-filled accumulator of
/// `sizes` (the parallel loops, in order) and `acc` elements: one generic
/// whose loop `k` (the last) is the reduction, accumulating 16-bit floats in
/// f32.
static Value contract(OpBuilder &b, Location loc, Value lhs, Value rhs,
                      ArrayRef<AffineExpr> lhsExprs,
                      ArrayRef<AffineExpr> rhsExprs,
                      ArrayRef<AffineExpr> outExprs,
                      ArrayRef<OpFoldResult> sizes, Type acc) {
  unsigned loops = sizes.size() + 1;
  Value init = filledTensor(b, loc, sizes, acc,
                            combinerIdentity(b, Combiner::Sum, acc));
  SmallVector<utils::IteratorType> iterators(loops,
                                             utils::IteratorType::parallel);
  iterators.back() = utils::IteratorType::reduction;
  MLIRContext *ctx = b.getContext();
  return linalg::GenericOp::create(
             b, loc, TypeRange{init.getType()}, ValueRange{lhs, rhs},
             ValueRange{init},
             {AffineMap::get(loops, 0, lhsExprs, ctx),
              AffineMap::get(loops, 0, rhsExprs, ctx),
              AffineMap::get(loops, 0, outExprs, ctx)},
             iterators,
             [&](OpBuilder &nb, Location nl, ValueRange args) {
               Value a = args[0], c = args[1];
               Value sum;
               if (isa<FloatType>(acc)) {
                 Value p = arith::MulFOp::create(nb, nl, widen(nb, nl, a, acc),
                                                 widen(nb, nl, c, acc));
                 sum = arith::AddFOp::create(nb, nl, args[2], p);
               } else {
                 Value p = arith::MulIOp::create(nb, nl, a, c);
                 sum = arith::AddIOp::create(nb, nl, args[2], p);
               }
               linalg::YieldOp::create(nb, nl, sum);
             })
      .getResult(0);
}

/// A SIMT matmul: one generic over batch, m, n (parallel) and k (reduction),
/// accumulating 16-bit floats in f32.
struct MatmulLowering : OpConversionPattern<vt::MatmulOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(vt::MatmulOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value lhs = adaptor.getLhs(), rhs = adaptor.getRhs();
    int64_t lr = cast<RankedTensorType>(lhs.getType()).getRank();
    int64_t rr = cast<RankedTensorType>(rhs.getType()).getRank();
    int64_t batch = lr - 2, m = batch, n = batch + 1, k = batch + 2;
    bool tl = op.getTransposeLhs(), tr = op.getTransposeRhs();
    auto d = [&](int64_t i) { return rewriter.getAffineDimExpr(i); };
    SmallVector<AffineExpr> lhsExprs, rhsExprs, outExprs;
    for (int64_t i = 0; i < batch; ++i) {
      lhsExprs.push_back(d(i));
      outExprs.push_back(d(i));
      if (rr == lr)
        rhsExprs.push_back(d(i));
    }
    lhsExprs.append(tl ? SmallVector<AffineExpr>{d(k), d(m)}
                       : SmallVector<AffineExpr>{d(m), d(k)});
    rhsExprs.append(tr ? SmallVector<AffineExpr>{d(n), d(k)}
                       : SmallVector<AffineExpr>{d(k), d(n)});
    outExprs.append({d(m), d(n)});

    Type elementType = op.getType().getElementType();
    Type acc = accumulatorType(elementType);
    SmallVector<OpFoldResult> sizes;
    for (int64_t i = 0; i < batch; ++i)
      sizes.push_back(dimSize(rewriter, loc, lhs, i));
    sizes.push_back(dimSize(rewriter, loc, lhs, tl ? lr - 1 : lr - 2));
    sizes.push_back(dimSize(rewriter, loc, rhs, tr ? rr - 2 : rr - 1));
    Value product = contract(rewriter, loc, lhs, rhs, lhsExprs, rhsExprs,
                             outExprs, sizes, acc);
    if (acc != elementType)
      product = mapRows(rewriter, loc, product, elementType,
                        ValueRange{product},
                        {rewriter.getMultiDimIdentityMap(lr)},
                        [&](OpBuilder &nb, Location nl, ValueRange args) {
                          return narrow(nb, nl, args[0], elementType);
                        });
    rewriter.replaceOp(op, product);
    return success();
  }
};

/// x · wᵀ + bias as one contraction over the leading dimensions of x, N and
/// K (the weight shared by every leading index, as a matmul with a
/// two-dimensional rhs), into an f32 accumulator for 16-bit floats, then one
/// elementwise op that adds the bias and rounds to the result type: the
/// shape the tensor-core passes take, with the bias in their epilogue. (The
/// leading dimensions stay dimensions rather than being collapsed into one:
/// linalg's reshape propagation would expand them back.)
struct LinearLowering : OpConversionPattern<vt::LinearOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(vt::LinearOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getInput(), w = adaptor.getWeight();
    Value bias = adaptor.getBias();
    RankedTensorType type = op.getType();
    Type elementType = type.getElementType();
    Type acc = accumulatorType(elementType);
    int64_t rank = type.getRank(), n = rank - 1, k = rank;
    MLIRContext *ctx = rewriter.getContext();

    auto d = [&](int64_t i) { return rewriter.getAffineDimExpr(i); };
    SmallVector<AffineExpr> xExprs, outExprs;
    SmallVector<OpFoldResult> sizes;
    for (int64_t i = 0; i < n; ++i) {
      xExprs.push_back(d(i));
      outExprs.push_back(d(i));
      sizes.push_back(dimSize(rewriter, loc, x, i));
    }
    xExprs.push_back(d(k));
    outExprs.push_back(d(n));
    // N as static as the bias makes it.
    sizes.push_back(type.isDynamicDim(n)
                        ? dimSize(rewriter, loc, w, 0)
                        : rewriter.getIndexAttr(type.getDimSize(n)));
    Value product = contract(rewriter, loc, x, w, xExprs, {d(n), d(k)},
                             outExprs, sizes, acc);
    if (bias || acc != elementType) {
      SmallVector<Value> inputs{product};
      SmallVector<AffineMap> maps{rewriter.getMultiDimIdentityMap(rank)};
      if (bias) {
        inputs.push_back(bias);
        maps.push_back(AffineMap::get(rank, 0, {d(n)}, ctx));
      }
      product = mapRows(
          rewriter, loc, product, elementType, inputs, maps,
          [&](OpBuilder &nb, Location nl, ValueRange args) {
            Value v = args[0];
            if (bias) {
              Value b = widen(nb, nl, args[1], acc);
              v = isa<FloatType>(acc)
                      ? arith::AddFOp::create(nb, nl, v, b).getResult()
                      : arith::AddIOp::create(nb, nl, v, b).getResult();
            }
            return narrow(nb, nl, v, elementType);
          });
    }
    if (product.getType() != type)
      product = tensor::CastOp::create(rewriter, loc, type, product);
    rewriter.replaceOp(op, product);
    return success();
  }
};
} // namespace

void mlir::vortex::populateVxTensorToLinalgConversionPatterns(
    RewritePatternSet &patterns) {
  addElementwise<vt::AddOp>(patterns, binary<arith::AddFOp, arith::AddIOp>);
  addElementwise<vt::SubOp>(patterns, binary<arith::SubFOp, arith::SubIOp>);
  addElementwise<vt::MulOp>(patterns, binary<arith::MulFOp, arith::MulIOp>);
  addElementwise<vt::DivOp>(patterns, binary<arith::DivFOp, arith::DivSIOp>);
  addElementwise<vt::MaxOp>(patterns,
                            binary<arith::MaximumFOp, arith::MaxSIOp>);
  addElementwise<vt::MinOp>(patterns,
                            binary<arith::MinimumFOp, arith::MinSIOp>);
  addElementwise<vt::NegOp>(patterns, neg);
  addElementwise<vt::ExpOp>(patterns, unaryMath<math::ExpOp>);
  addElementwise<vt::LogOp>(patterns, unaryMath<math::LogOp>);
  addElementwise<vt::SqrtOp>(patterns, unaryMath<math::SqrtOp>);
  addElementwise<vt::RsqrtOp>(patterns, unaryMath<math::RsqrtOp>);
  addElementwise<vt::TanhOp>(patterns, unaryMath<math::TanhOp>);
  addElementwise<vt::ReluOp>(patterns, relu);
  addElementwise<vt::SiluOp>(patterns, silu);
  addElementwise<vt::GeluOp>(patterns, gelu);
  addElementwise<vt::CastOp>(patterns, castElement);
  MLIRContext *ctx = patterns.getContext();
  patterns.add<BroadcastLowering, TransposeLowering, ReshapeLowering,
               SoftmaxLowering, NormLowering<vt::RMSNormOp>,
               NormLowering<vt::LayerNormOp>, MatmulLowering,
               LinearLowering>(ctx);
  patterns.add<ReduceLowering<vt::ReduceSumOp, Combiner::Sum, false>,
               ReduceLowering<vt::ReduceMaxOp, Combiner::Max, false>,
               ReduceLowering<vt::ReduceMinOp, Combiner::Min, false>,
               ReduceLowering<vt::ReduceMeanOp, Combiner::Sum, true>>(ctx);
}

//===----------------------------------------------------------------------===//
// Pass
//===----------------------------------------------------------------------===//

namespace {
struct ConvertVxTensorToLinalgPass
    : mlir::vortex::impl::ConvertVxTensorToLinalgPassBase<
          ConvertVxTensorToLinalgPass> {
  void runOnOperation() override {
    MLIRContext *context = &getContext();
    ConversionTarget target(*context);
    target.addIllegalDialect<vt::VxTensorDialect>();
    target.addLegalDialect<arith::ArithDialect, linalg::LinalgDialect,
                           math::MathDialect, tensor::TensorDialect>();
    target.markUnknownOpDynamicallyLegal([](Operation *) { return true; });
    RewritePatternSet patterns(context);
    populateVxTensorToLinalgConversionPatterns(patterns);
    if (failed(applyPartialConversion(getOperation(), target,
                                      std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace
