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
