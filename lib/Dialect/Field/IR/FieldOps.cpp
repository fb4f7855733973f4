//===- FieldOps.cpp - vx.field operations ---------------------------------===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//

#include "Vortex/Dialect/Field/IR/FieldOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/OpImplementation.h"

using namespace mlir;
using namespace mlir::vortex::vx_field;

//===----------------------------------------------------------------------===//
// ConstantOp
//===----------------------------------------------------------------------===//

ParseResult ConstantOp::parse(OpAsmParser &parser, OperationState &state) {
  SMLoc loc = parser.getCurrentLocation();
  APInt value;
  Type type;
  if (parseNatural(parser, value, "a field element") ||
      parser.parseOptionalAttrDict(state.attributes) ||
      parser.parseColonType(type))
    return failure();
  ElementAttr attr = buildElement(parser, loc, type, value);
  if (!attr)
    return failure();
  state.getOrAddProperties<Properties>().value = attr;
  state.addTypes(type);
  return success();
}

void ConstantOp::print(OpAsmPrinter &p) {
  p << ' ' << toDecimal(getValue().getInt());
  p.printOptionalAttrDict((*this)->getAttrs(), {"value"});
  p << " : " << getType();
}

OpFoldResult ConstantOp::fold(FoldAdaptor) { return getValue(); }

//===----------------------------------------------------------------------===//
// Folding helpers
//===----------------------------------------------------------------------===//

static ElementAttr asElement(Attribute attr) {
  return dyn_cast_if_present<ElementAttr>(attr);
}

static bool isConstantValue(Attribute attr, uint64_t value) {
  ElementAttr elem = asElement(attr);
  return elem && elem.getInt() == value;
}

/// Folds a unary op whose operand is a constant (or splat) by `fn`.
template <typename Fn>
static OpFoldResult foldUnary(Type type, Attribute operand, Fn fn) {
  ElementAttr a = asElement(operand);
  if (!a)
    return {};
  ModularArithmetic m(getFieldType(type));
  return ElementAttr::get(type, fn(m, a.getInt()));
}

/// Folds a binary op whose operands are constants (or splats) by `fn`.
template <typename Fn>
static OpFoldResult foldBinary(Type type, Attribute lhs, Attribute rhs,
                               Fn fn) {
  ElementAttr a = asElement(lhs), b = asElement(rhs);
  if (!a || !b)
    return {};
  ModularArithmetic m(getFieldType(type));
  return ElementAttr::get(type, fn(m, a.getInt(), b.getInt()));
}

/// The constant `value` of `type`, or null when `type` is a tensor of
/// dynamic shape, which no constant has.
static ElementAttr getElement(Type type, uint64_t value) {
  if (auto tensor = dyn_cast<RankedTensorType>(type);
      tensor && !tensor.hasStaticShape())
    return {};
  ModularArithmetic m(getFieldType(type));
  return ElementAttr::get(type, APInt(m.getWidth(), value));
}

//===----------------------------------------------------------------------===//
// Arithmetic folders
//===----------------------------------------------------------------------===//

OpFoldResult AddOp::fold(FoldAdaptor adaptor) {
  if (isConstantValue(adaptor.getRhs(), 0))
    return getLhs();
  if (isConstantValue(adaptor.getLhs(), 0))
    return getRhs();
  return foldBinary(getType(), adaptor.getLhs(), adaptor.getRhs(),
                    [](const auto &m, const auto &a, const auto &b) { return m.add(a, b); });
}

OpFoldResult SubOp::fold(FoldAdaptor adaptor) {
  if (isConstantValue(adaptor.getRhs(), 0))
    return getLhs();
  if (getLhs() == getRhs())
    return getElement(getType(), 0);
  return foldBinary(getType(), adaptor.getLhs(), adaptor.getRhs(),
                    [](const auto &m, const auto &a, const auto &b) { return m.sub(a, b); });
}

OpFoldResult MulOp::fold(FoldAdaptor adaptor) {
  if (isConstantValue(adaptor.getRhs(), 1))
    return getLhs();
  if (isConstantValue(adaptor.getLhs(), 1))
    return getRhs();
  if (isConstantValue(adaptor.getRhs(), 0) ||
      isConstantValue(adaptor.getLhs(), 0))
    return getElement(getType(), 0);
  return foldBinary(getType(), adaptor.getLhs(), adaptor.getRhs(),
                    [](const auto &m, const auto &a, const auto &b) { return m.mul(a, b); });
}

OpFoldResult NegOp::fold(FoldAdaptor adaptor) {
  // neg(neg(x)) = x
  if (auto inner = getInput().getDefiningOp<NegOp>())
    return inner.getInput();
  return foldUnary(getType(), adaptor.getInput(),
                   [](const auto &m, const auto &a) { return m.neg(a); });
}

OpFoldResult SquareOp::fold(FoldAdaptor adaptor) {
  return foldUnary(getType(), adaptor.getInput(),
                   [](const auto &m, const auto &a) { return m.mul(a, a); });
}

OpFoldResult InvOp::fold(FoldAdaptor adaptor) {
  return foldUnary(getType(), adaptor.getInput(),
                   [](const auto &m, const auto &a) { return m.inv(a); });
}

//===----------------------------------------------------------------------===//
// PowOp
//===----------------------------------------------------------------------===//

ParseResult PowOp::parse(OpAsmParser &parser, OperationState &state) {
  OpAsmParser::UnresolvedOperand input;
  APInt exponent;
  Type type;
  if (parser.parseOperand(input) || parser.parseComma() ||
      parseNatural(parser, exponent, "an exponent") ||
      parser.parseOptionalAttrDict(state.attributes) ||
      parser.parseColonType(type) ||
      parser.resolveOperand(input, type, state.operands))
    return failure();
  unsigned width = exponent.getActiveBits() + 1;
  state.getOrAddProperties<Properties>().exponent = IntegerAttr::get(
      IntegerType::get(parser.getContext(), width), exponent.zextOrTrunc(width));
  state.addTypes(type);
  return success();
}

void PowOp::print(OpAsmPrinter &p) {
  p << ' ' << getInput() << ", " << toDecimal(getExponent());
  p.printOptionalAttrDict((*this)->getAttrs(), {"exponent"});
  p << " : " << getType();
}

LogicalResult PowOp::verify() {
  if (getExponent().isNegative())
    return emitOpError("exponent must not be negative");
  return success();
}

OpFoldResult PowOp::fold(FoldAdaptor adaptor) {
  APInt e = getExponent();
  if (e.isZero())
    return getElement(getType(), 1);
  if (e.isOne())
    return getInput();
  return foldUnary(getType(), adaptor.getInput(),
                   [&](const auto &m, const auto &a) { return m.pow(a, e); });
}

//===----------------------------------------------------------------------===//
// EqOp
//===----------------------------------------------------------------------===//

LogicalResult EqOp::inferReturnTypes(MLIRContext *context,
                                     std::optional<Location>, Adaptor adaptor,
                                     SmallVectorImpl<Type> &results) {
  Type i1 = IntegerType::get(context, 1);
  Type lhs = adaptor.getLhs().getType();
  if (auto tensor = dyn_cast<RankedTensorType>(lhs))
    results.push_back(RankedTensorType::get(tensor.getShape(), i1));
  else
    results.push_back(i1);
  return success();
}

OpFoldResult EqOp::fold(FoldAdaptor adaptor) {
  Type type = getType();
  auto boolean = [&](bool value) -> Attribute {
    if (auto tensor = dyn_cast<RankedTensorType>(type)) {
      if (!tensor.hasStaticShape())
        return {};
      return DenseElementsAttr::get(tensor, value);
    }
    return BoolAttr::get(getContext(), value);
  };
  if (getLhs() == getRhs())
    return boolean(true);
  ElementAttr a = asElement(adaptor.getLhs()), b = asElement(adaptor.getRhs());
  if (a && b)
    return boolean(a.getInt() == b.getInt());
  return {};
}

#define GET_OP_CLASSES
#include "Vortex/Dialect/Field/IR/FieldOps.cpp.inc"
