//===- FieldOps.cpp - vx.field operations ---------------------------------===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//

#include "Vortex/Dialect/Field/IR/FieldOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/TypeUtilities.h"
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
  // Constants exist for prime fields only.
  if (!getFieldType(type))
    return {};
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

OpFoldResult DivOp::fold(FoldAdaptor adaptor) {
  if (isConstantValue(adaptor.getRhs(), 1))
    return getLhs();
  return foldBinary(getType(), adaptor.getLhs(), adaptor.getRhs(),
                    [](const auto &m, const auto &a, const auto &b) {
                      return m.mul(a, m.inv(b));
                    });
}

OpFoldResult DoubleOp::fold(FoldAdaptor adaptor) {
  return foldUnary(getType(), adaptor.getInput(),
                   [](const auto &m, const auto &a) { return m.add(a, a); });
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

//===----------------------------------------------------------------------===//
// Shapes of mixed-type elementwise ops
//===----------------------------------------------------------------------===//

/// The shape of `type` as a ranked tensor, or std::nullopt for a scalar.
static std::optional<ArrayRef<int64_t>> shapeOf(Type type) {
  if (auto tensor = dyn_cast<RankedTensorType>(type))
    return tensor.getShape();
  return std::nullopt;
}

/// Checks that `other` (named `what`) is a scalar when `type` is one, and a
/// tensor of the same shape when `type` is a tensor.
static LogicalResult verifySameShape(Operation *op, Type type, Type other,
                                     StringRef what) {
  if (shapeOf(type) != shapeOf(other))
    return op->emitOpError() << what << " type " << other
                             << " must have the shape of " << type;
  return success();
}

/// The boolean `value` of the shape of `type` (an i1 or a tensor of i1s), or
/// null for a tensor of dynamic shape.
static Attribute getBoolean(Type type, bool value) {
  if (auto tensor = dyn_cast<RankedTensorType>(type)) {
    if (!tensor.hasStaticShape())
      return {};
    return DenseElementsAttr::get(tensor, value);
  }
  return BoolAttr::get(type.getContext(), value);
}

//===----------------------------------------------------------------------===//
// IsZeroOp
//===----------------------------------------------------------------------===//

LogicalResult IsZeroOp::inferReturnTypes(MLIRContext *context,
                                         std::optional<Location>,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &results) {
  Type i1 = IntegerType::get(context, 1);
  if (auto tensor = dyn_cast<RankedTensorType>(adaptor.getInput().getType()))
    results.push_back(RankedTensorType::get(tensor.getShape(), i1));
  else
    results.push_back(i1);
  return success();
}

OpFoldResult IsZeroOp::fold(FoldAdaptor adaptor) {
  if (ElementAttr a = asElement(adaptor.getInput()))
    return getBoolean(getType(), a.getInt().isZero());
  return {};
}

//===----------------------------------------------------------------------===//
// SelectOp
//===----------------------------------------------------------------------===//

LogicalResult SelectOp::verify() {
  // A scalar condition picks a whole tensor; a tensor condition picks each
  // element.
  Type condition = getCondition().getType();
  if (isa<RankedTensorType>(condition))
    return verifySameShape(*this, getType(), condition, "condition");
  return success();
}

OpFoldResult SelectOp::fold(FoldAdaptor adaptor) {
  if (getTrueValue() == getFalseValue())
    return getTrueValue();
  if (auto condition = dyn_cast_if_present<BoolAttr>(adaptor.getCondition()))
    return condition.getValue() ? getTrueValue() : getFalseValue();
  if (auto condition =
          dyn_cast_if_present<SplatElementsAttr>(adaptor.getCondition()))
    return condition.getSplatValue<bool>() ? getTrueValue() : getFalseValue();
  return {};
}

//===----------------------------------------------------------------------===//
// PowCtOp
//===----------------------------------------------------------------------===//

LogicalResult PowCtOp::verify() {
  return verifySameShape(*this, getType(), getExponent().getType(),
                         "exponent");
}

//===----------------------------------------------------------------------===//
// ToMontOp, FromMontOp
//===----------------------------------------------------------------------===//

/// Checks a change of representation from `from` to `to`.
static LogicalResult verifyRepresentationChange(Operation *op, Type input,
                                                Type result,
                                                Representation from,
                                                Representation to) {
  if (failed(verifySameShape(op, input, result, "result")))
    return failure();
  PrimeFieldType in = getFieldType(input), out = getFieldType(result);
  if (in.getModulus() != out.getModulus())
    return op->emitOpError("operand and result must have the same modulus, "
                           "got ")
           << in << " and " << out;
  if (in.getRepresentation() != from)
    return op->emitOpError("operand must be in ")
           << stringifyRepresentation(from) << " form, got " << in;
  if (out.getRepresentation() != to)
    return op->emitOpError("result must be in ")
           << stringifyRepresentation(to) << " form, got " << out;
  return success();
}

/// Folds a change of representation: the value of a constant stays, and a
/// change undone right away disappears.
template <typename InverseOp>
static OpFoldResult foldRepresentationChange(Value input, Type type,
                                             Attribute operand) {
  if (auto inverse = input.getDefiningOp<InverseOp>();
      inverse && inverse.getInput().getType() == type)
    return inverse.getInput();
  if (ElementAttr a = asElement(operand))
    return ElementAttr::get(type, a.getInt());
  return {};
}

LogicalResult ToMontOp::verify() {
  return verifyRepresentationChange(*this, getInput().getType(), getType(),
                                    Representation::canonical,
                                    Representation::montgomery);
}

OpFoldResult ToMontOp::fold(FoldAdaptor adaptor) {
  return foldRepresentationChange<FromMontOp>(getInput(), getType(),
                                              adaptor.getInput());
}

LogicalResult FromMontOp::verify() {
  return verifyRepresentationChange(*this, getInput().getType(), getType(),
                                    Representation::montgomery,
                                    Representation::canonical);
}

OpFoldResult FromMontOp::fold(FoldAdaptor adaptor) {
  return foldRepresentationChange<ToMontOp>(getInput(), getType(),
                                            adaptor.getInput());
}

//===----------------------------------------------------------------------===//
// ToIntOp, FromIntOp
//===----------------------------------------------------------------------===//

static unsigned intWidth(Type type) {
  return getElementTypeOrSelf(type).getIntOrFloatBitWidth();
}

LogicalResult ToIntOp::verify() {
  if (failed(verifySameShape(*this, getInput().getType(), getType(),
                             "result")))
    return failure();
  PrimeFieldType field = getFieldType(getInput().getType());
  if (intWidth(getType()) < field.getModulusBitWidth())
    return emitOpError("result integer of ")
           << intWidth(getType()) << " bits cannot hold the "
           << field.getModulusBitWidth() << "-bit values of " << field;
  return success();
}

OpFoldResult ToIntOp::fold(FoldAdaptor adaptor) {
  ElementAttr a = asElement(adaptor.getInput());
  if (!a)
    return {};
  APInt value = a.getInt().zextOrTrunc(intWidth(getType()));
  if (auto tensor = dyn_cast<RankedTensorType>(getType()))
    return DenseElementsAttr::get(tensor, value);
  return IntegerAttr::get(getType(), value);
}

LogicalResult FromIntOp::verify() {
  if (failed(verifySameShape(*this, getInput().getType(), getType(),
                             "result")))
    return failure();
  PrimeFieldType field = getFieldType(getType());
  if (intWidth(getInput().getType()) > field.getStorageBitWidth())
    return emitOpError("operand integer of ")
           << intWidth(getInput().getType())
           << " bits is wider than the storage of " << field << " ("
           << field.getStorageBitWidth() << " bits)";
  return success();
}

OpFoldResult FromIntOp::fold(FoldAdaptor adaptor) {
  if (auto tensor = dyn_cast<RankedTensorType>(getType());
      tensor && !tensor.hasStaticShape())
    return {};
  APInt value;
  if (auto attr = dyn_cast_if_present<IntegerAttr>(adaptor.getInput()))
    value = attr.getValue();
  else if (auto attr =
               dyn_cast_if_present<SplatElementsAttr>(adaptor.getInput()))
    value = attr.getSplatValue<APInt>();
  else
    return {};
  PrimeFieldType field = getFieldType(getType());
  APInt p = field.getModulusValue();
  unsigned width = std::max(value.getBitWidth(), p.getBitWidth());
  APInt reduced = value.zext(width).urem(p.zext(width));
  return ElementAttr::get(getType(), reduced.trunc(p.getBitWidth()));
}

//===----------------------------------------------------------------------===//
// FrobeniusOp
//===----------------------------------------------------------------------===//

LogicalResult FrobeniusOp::verify() {
  if (!isa<ExtensionFieldType>(getAnyFieldType(getType())))
    return emitOpError("applies to extension fields, got ") << getType();
  if (getPower() < 1)
    return emitOpError("power must be at least 1, got ") << getPower();
  return success();
}

OpFoldResult FrobeniusOp::fold(FoldAdaptor) {
  // a^(p^d) = a in a field of p^d elements.
  auto ext = cast<ExtensionFieldType>(getAnyFieldType(getType()));
  if (getPower() % ext.getTotalDegree() == 0)
    return getInput();
  return {};
}

//===----------------------------------------------------------------------===//
// BatchInvOp
//===----------------------------------------------------------------------===//

LogicalResult BatchInvOp::verify() {
  if (getType().getRank() != 1)
    return emitOpError("inverts one-dimensional tensors, got ") << getType();
  return success();
}

//===----------------------------------------------------------------------===//
// BitcastOp
//===----------------------------------------------------------------------===//

LogicalResult BitcastOp::verify() {
  Type input = getInput().getType(), result = getType();
  if (failed(verifySameShape(*this, input, result, "result")))
    return failure();
  Type from = getAnyFieldType(input), to = getAnyFieldType(result);
  if (bool(from) == bool(to))
    return emitOpError("casts between field elements and integers, got ")
           << input << " to " << result;
  Type field = from ? from : to;
  Type integer = from ? result : input;
  unsigned storage =
      isa<ExtensionFieldType>(field)
          ? cast<ExtensionFieldType>(field).getStorageBitWidth()
          : cast<PrimeFieldType>(field).getStorageBitWidth();
  if (intWidth(integer) != storage)
    return emitOpError("integer type must be i")
           << storage << ", the storage of " << field << ", got "
           << getElementTypeOrSelf(integer);
  return success();
}

OpFoldResult BitcastOp::fold(FoldAdaptor) {
  // bitcast(bitcast(x)) = x
  if (auto inner = getInput().getDefiningOp<BitcastOp>();
      inner && inner.getInput().getType() == getType())
    return inner.getInput();
  return {};
}

#define GET_OP_CLASSES
#include "Vortex/Dialect/Field/IR/FieldOps.cpp.inc"
