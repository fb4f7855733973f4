//===- TensorOps.cpp - vx.tensor operations -------------------------------===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//

#include "Vortex/Dialect/Tensor/IR/TensorOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/OpImplementation.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallSet.h"

using namespace mlir;
using namespace mlir::vortex::vx_tensor;

//===----------------------------------------------------------------------===//
// Shape helpers
//===----------------------------------------------------------------------===//

namespace {
/// Reports an error at `loc` when there is one; inference also runs on
/// speculative paths that have no location and must stay silent. Verifiers
/// set `op`, so that their errors name the operation as emitOpError does.
struct ShapeErrors {
  std::optional<Location> loc;
  Operation *op = nullptr;

  template <typename... Args>
  LogicalResult fail(Args &&...args) const {
    if (op) {
      InFlightDiagnostic diag = op->emitOpError();
      (diag << ... << std::forward<Args>(args));
      return diag;
    }
    return emitOptionalError(loc, std::forward<Args>(args)...);
  }
};
} // namespace

static std::string dimStr(int64_t size) {
  return ShapedType::isDynamic(size) ? "?" : std::to_string(size);
}

/// The more static of two compatible sizes.
static int64_t joinDim(int64_t a, int64_t b) {
  return ShapedType::isDynamic(a) ? b : a;
}

static bool compatibleDims(int64_t a, int64_t b) {
  return ShapedType::isDynamic(a) || ShapedType::isDynamic(b) || a == b;
}

/// Checks that `a` (named `aName`) and `b` (named `bName`) have the same rank
/// and compatible sizes, and returns their join.
static FailureOr<SmallVector<int64_t>> joinShapes(const ShapeErrors &errs,
                                                  ArrayRef<int64_t> a,
                                                  StringRef aName,
                                                  ArrayRef<int64_t> b,
                                                  StringRef bName) {
  if (a.size() != b.size()) {
    (void)errs.fail(aName, " has rank ", a.size(), " but ", bName, " has rank ",
                    b.size());
    return failure();
  }
  SmallVector<int64_t> joined;
  for (auto [i, da, db] : llvm::enumerate(a, b)) {
    if (!compatibleDims(da, db)) {
      (void)errs.fail(aName, " dim ", i, " (", dimStr(da), ") does not match ",
                      bName, " dim ", i, " (", dimStr(db), ")");
      return failure();
    }
    joined.push_back(joinDim(da, db));
  }
  return joined;
}

static FailureOr<RankedTensorType> getRanked(const ShapeErrors &errs, Value v,
                                             StringRef name) {
  auto type = dyn_cast_if_present<RankedTensorType>(v ? v.getType() : Type());
  if (!type) {
    (void)errs.fail(name, " must be a ranked tensor");
    return failure();
  }
  return type;
}

//===----------------------------------------------------------------------===//
// Binary elementwise operations
//===----------------------------------------------------------------------===//

static LogicalResult inferBinary(std::optional<Location> loc, Value lhs,
                                 Value rhs, SmallVectorImpl<Type> &results) {
  ShapeErrors errs{loc};
  auto lhsType = getRanked(errs, lhs, "lhs");
  auto rhsType = getRanked(errs, rhs, "rhs");
  if (failed(lhsType) || failed(rhsType))
    return failure();
  if (lhsType->getElementType() != rhsType->getElementType())
    return errs.fail("operand element types differ: ",
                     lhsType->getElementType(), " vs ",
                     rhsType->getElementType());
  // Elementwise results keep the operands' encoding, as the unary operations
  // do.
  if (lhsType->getEncoding() != rhsType->getEncoding())
    return errs.fail("lhs and rhs have different tensor encodings");
  auto shape = joinShapes(errs, lhsType->getShape(), "lhs",
                          rhsType->getShape(), "rhs");
  if (failed(shape))
    return failure();
  results.push_back(RankedTensorType::get(*shape, lhsType->getElementType(),
                                          lhsType->getEncoding()));
  return success();
}

/// `%lhs, %rhs : type` when both operands have one type, else
/// `%lhs, %rhs : lhs-type, rhs-type`. The result type is inferred.
static ParseResult parseBinary(OpAsmParser &parser, OperationState &state) {
  OpAsmParser::UnresolvedOperand lhs, rhs;
  Type lhsType, rhsType;
  if (parser.parseOperand(lhs) || parser.parseComma() ||
      parser.parseOperand(rhs) ||
      parser.parseOptionalAttrDict(state.attributes) ||
      parser.parseColonType(lhsType))
    return failure();
  rhsType = lhsType;
  if (succeeded(parser.parseOptionalComma()) && parser.parseType(rhsType))
    return failure();
  if (parser.resolveOperand(lhs, lhsType, state.operands) ||
      parser.resolveOperand(rhs, rhsType, state.operands))
    return failure();
  SmallVector<Type> results;
  if (failed(inferBinary(state.location, state.operands[0], state.operands[1],
                         results)))
    return failure();
  state.addTypes(results);
  return success();
}

static void printBinary(OpAsmPrinter &p, Operation *op) {
  p << ' ' << op->getOperand(0) << ", " << op->getOperand(1);
  p.printOptionalAttrDict(op->getAttrs());
  p << " : " << op->getOperand(0).getType();
  if (op->getOperand(1).getType() != op->getOperand(0).getType())
    p << ", " << op->getOperand(1).getType();
}

#define VX_TENSOR_BINARY_OP(OP)                                                \
  LogicalResult OP::inferReturnTypes(MLIRContext *,                            \
                                     std::optional<Location> loc,              \
                                     Adaptor adaptor,                          \
                                     SmallVectorImpl<Type> &results) {         \
    return inferBinary(loc, adaptor.getLhs(), adaptor.getRhs(), results);      \
  }                                                                            \
  ParseResult OP::parse(OpAsmParser &parser, OperationState &state) {          \
    return parseBinary(parser, state);                                         \
  }                                                                            \
  void OP::print(OpAsmPrinter &p) { printBinary(p, *this); }

VX_TENSOR_BINARY_OP(AddOp)
VX_TENSOR_BINARY_OP(SubOp)
VX_TENSOR_BINARY_OP(MulOp)
VX_TENSOR_BINARY_OP(DivOp)
VX_TENSOR_BINARY_OP(MaxOp)
VX_TENSOR_BINARY_OP(MinOp)
#undef VX_TENSOR_BINARY_OP

//===----------------------------------------------------------------------===//
// CastOp
//===----------------------------------------------------------------------===//

LogicalResult CastOp::verify() {
  ShapeErrors errs{getLoc(), getOperation()};
  return joinShapes(errs, getInput().getType().getShape(), "input",
                    getResult().getType().getShape(), "result");
}

OpFoldResult CastOp::fold(FoldAdaptor) {
  if (getInput().getType() == getResult().getType())
    return getInput();
  return {};
}

//===----------------------------------------------------------------------===//
// BroadcastOp
//===----------------------------------------------------------------------===//

/// Checks that `dims` lists unique dimensions below `rank` in increasing
/// order (when `sorted`), naming the attribute `what` in errors.
static LogicalResult verifyDimList(const ShapeErrors &errs,
                                   ArrayRef<int64_t> dims, int64_t rank,
                                   StringRef what, bool sorted) {
  llvm::SmallSet<int64_t, 4> seen;
  for (auto [i, d] : llvm::enumerate(dims)) {
    if (d < 0 || d >= rank)
      return errs.fail(what, " entry ", d, " is out of range for rank ", rank);
    if (!seen.insert(d).second)
      return errs.fail(what, " repeats dimension ", d);
    if (sorted && i > 0 && dims[i - 1] > d)
      return errs.fail(what, " must be in increasing order");
  }
  return success();
}

LogicalResult BroadcastOp::verify() {
  ShapeErrors errs{getLoc(), getOperation()};
  RankedTensorType in = getInput().getType(), out = getResult().getType();
  if (in.getElementType() != out.getElementType())
    return emitOpError("element type changes from ")
           << in.getElementType() << " to " << out.getElementType()
           << "; use vx_tensor.cast";
  ArrayRef<int64_t> dims = getDims();
  if (failed(verifyDimList(errs, dims, out.getRank(), "dims", true)))
    return failure();
  if (in.getRank() + static_cast<int64_t>(dims.size()) != out.getRank())
    return emitOpError("adds ")
           << dims.size() << " dimension(s) to an input of rank "
           << in.getRank() << ", which gives rank "
           << in.getRank() + static_cast<int64_t>(dims.size())
           << ", but the result has rank " << out.getRank();
  int64_t numDynamic = llvm::count_if(
      dims, [&](int64_t d) { return out.isDynamicDim(d); });
  if (static_cast<int64_t>(getSizes().size()) != numDynamic)
    return emitOpError("adds ")
           << numDynamic << " dynamic dimension(s) but " << getSizes().size()
           << " size(s) are given";
  int64_t inDim = 0;
  for (int64_t outDim = 0; outDim < out.getRank(); ++outDim) {
    if (llvm::is_contained(dims, outDim))
      continue;
    int64_t a = in.getDimSize(inDim), b = out.getDimSize(outDim);
    if (!compatibleDims(a, b))
      return emitOpError("input dim ")
             << inDim << " (" << dimStr(a) << ") does not match result dim "
             << outDim << " (" << dimStr(b) << ")";
    ++inDim;
  }
  return success();
}

OpFoldResult BroadcastOp::fold(FoldAdaptor) {
  if (getDims().empty() && getInput().getType() == getResult().getType())
    return getInput();
  return {};
}

//===----------------------------------------------------------------------===//
// TransposeOp
//===----------------------------------------------------------------------===//

LogicalResult TransposeOp::inferReturnTypes(MLIRContext *,
                                            std::optional<Location> loc,
                                            Adaptor adaptor,
                                            SmallVectorImpl<Type> &results) {
  ShapeErrors errs{loc};
  auto in = getRanked(errs, adaptor.getInput(), "input");
  if (failed(in))
    return failure();
  ArrayRef<int64_t> perm = adaptor.getPermutation();
  if (static_cast<int64_t>(perm.size()) != in->getRank())
    return errs.fail("permutation has ", perm.size(),
                     " entries but the input has rank ", in->getRank());
  if (failed(verifyDimList(errs, perm, in->getRank(), "permutation", false)))
    return failure();
  SmallVector<int64_t> shape;
  for (int64_t d : perm)
    shape.push_back(in->getDimSize(d));
  results.push_back(RankedTensorType::get(shape, in->getElementType()));
  return success();
}

OpFoldResult TransposeOp::fold(FoldAdaptor) {
  ArrayRef<int64_t> perm = getPermutation();
  auto isIdentity = [](ArrayRef<int64_t> p) {
    return llvm::all_of(llvm::enumerate(p), [](auto it) {
      return static_cast<int64_t>(it.index()) == it.value();
    });
  };
  if (isIdentity(perm))
    return getInput();
  // transpose(transpose(x, p), q) is x when p composed with q is the identity.
  if (auto inner = getInput().getDefiningOp<TransposeOp>()) {
    ArrayRef<int64_t> innerPerm = inner.getPermutation();
    SmallVector<int64_t> composed;
    for (int64_t d : perm)
      composed.push_back(innerPerm[d]);
    if (isIdentity(composed))
      return inner.getInput();
  }
  return {};
}

//===----------------------------------------------------------------------===//
// ReshapeOp
//===----------------------------------------------------------------------===//

LogicalResult ReshapeOp::verify() {
  RankedTensorType in = getInput().getType(), out = getResult().getType();
  if (in.getElementType() != out.getElementType())
    return emitOpError("element type changes from ")
           << in.getElementType() << " to " << out.getElementType()
           << "; use vx_tensor.cast";
  int64_t numDynamic = out.getNumDynamicDims();
  if (static_cast<int64_t>(getDynamicDims().size()) != numDynamic)
    return emitOpError("result has ")
           << numDynamic << " dynamic dimension(s) but "
           << getDynamicDims().size() << " size(s) are given";
  if (in.hasStaticShape() && out.hasStaticShape() &&
      in.getNumElements() != out.getNumElements())
    return emitOpError("input has ")
           << in.getNumElements() << " elements but the result has "
           << out.getNumElements();
  return success();
}

OpFoldResult ReshapeOp::fold(FoldAdaptor) {
  if (!getResult().getType().hasStaticShape())
    return {};
  if (getInput().getType() == getResult().getType())
    return getInput();
  // reshape(reshape(x)) to a static shape is one reshape of x.
  if (auto inner = getInput().getDefiningOp<ReshapeOp>()) {
    getInputMutable().assign(inner.getInput());
    return getResult();
  }
  return {};
}

//===----------------------------------------------------------------------===//
// Reductions
//===----------------------------------------------------------------------===//

static LogicalResult inferReduce(std::optional<Location> loc, Value input,
                                 ArrayRef<int64_t> dims, bool keepdims,
                                 SmallVectorImpl<Type> &results) {
  ShapeErrors errs{loc};
  auto in = getRanked(errs, input, "input");
  if (failed(in))
    return failure();
  if (dims.empty())
    return errs.fail("dims must name at least one dimension");
  if (failed(verifyDimList(errs, dims, in->getRank(), "dims", false)))
    return failure();
  SmallVector<int64_t> shape;
  for (int64_t d = 0; d < in->getRank(); ++d) {
    if (!llvm::is_contained(dims, d))
      shape.push_back(in->getDimSize(d));
    else if (keepdims)
      shape.push_back(1);
  }
  results.push_back(RankedTensorType::get(shape, in->getElementType()));
  return success();
}

#define VX_TENSOR_REDUCE_OP(OP)                                                \
  LogicalResult OP::inferReturnTypes(MLIRContext *,                            \
                                     std::optional<Location> loc,              \
                                     Adaptor adaptor,                          \
                                     SmallVectorImpl<Type> &results) {         \
    return inferReduce(loc, adaptor.getInput(), adaptor.getDims(),             \
                       adaptor.getKeepdims(), results);                        \
  }

VX_TENSOR_REDUCE_OP(ReduceSumOp)
VX_TENSOR_REDUCE_OP(ReduceMaxOp)
VX_TENSOR_REDUCE_OP(ReduceMinOp)
VX_TENSOR_REDUCE_OP(ReduceMeanOp)
#undef VX_TENSOR_REDUCE_OP

//===----------------------------------------------------------------------===//
// Normalization
//===----------------------------------------------------------------------===//

LogicalResult SoftmaxOp::verify() {
  int64_t rank = getInput().getType().getRank();
  if (static_cast<int64_t>(getDim()) >= rank)
    return emitOpError("dim ") << getDim() << " is out of range for rank "
                               << rank;
  return success();
}

/// Checks that `param` (named `name`) is a 1-D tensor whose size matches the
/// last dimension of `input`.
static LogicalResult verifyNormParam(const ShapeErrors &errs,
                                     RankedTensorType input, Value param,
                                     StringRef name) {
  auto type = getRanked(errs, param, name);
  if (failed(type))
    return failure();
  if (type->getElementType() != input.getElementType())
    return errs.fail(name, " element type ", type->getElementType(),
                     " differs from the input's ", input.getElementType());
  if (type->getRank() != 1)
    return errs.fail(name, " must be 1-D, has rank ", type->getRank());
  int64_t last = input.getRank() - 1;
  if (!compatibleDims(type->getDimSize(0), input.getDimSize(last)))
    return errs.fail(name, " size (", dimStr(type->getDimSize(0)),
                     ") does not match the normalized input dim ", last, " (",
                     dimStr(input.getDimSize(last)), ")");
  return success();
}

static FailureOr<RankedTensorType> getNormInput(const ShapeErrors &errs,
                                                Value input) {
  auto in = getRanked(errs, input, "input");
  if (failed(in))
    return failure();
  if (in->getRank() == 0) {
    (void)errs.fail("input must have rank >= 1");
    return failure();
  }
  return in;
}

LogicalResult RMSNormOp::inferReturnTypes(MLIRContext *,
                                          std::optional<Location> loc,
                                          Adaptor adaptor,
                                          SmallVectorImpl<Type> &results) {
  ShapeErrors errs{loc};
  auto in = getNormInput(errs, adaptor.getInput());
  if (failed(in) ||
      failed(verifyNormParam(errs, *in, adaptor.getWeight(), "weight")))
    return failure();
  results.push_back(*in);
  return success();
}

LogicalResult LayerNormOp::inferReturnTypes(MLIRContext *,
                                            std::optional<Location> loc,
                                            Adaptor adaptor,
                                            SmallVectorImpl<Type> &results) {
  ShapeErrors errs{loc};
  auto in = getNormInput(errs, adaptor.getInput());
  if (failed(in) ||
      failed(verifyNormParam(errs, *in, adaptor.getWeight(), "weight")) ||
      failed(verifyNormParam(errs, *in, adaptor.getBias(), "bias")))
    return failure();
  // Both agree with a dynamic input dimension; they must also agree with each
  // other.
  auto weightType = cast<RankedTensorType>(adaptor.getWeight().getType());
  auto biasType = cast<RankedTensorType>(adaptor.getBias().getType());
  int64_t w = weightType.getDimSize(0), b = biasType.getDimSize(0);
  if (!compatibleDims(w, b))
    return errs.fail("bias size (", dimStr(b), ") does not match weight size (",
                     dimStr(w), ")");
  results.push_back(*in);
  return success();
}

//===----------------------------------------------------------------------===//
// MatmulOp
//===----------------------------------------------------------------------===//

LogicalResult MatmulOp::inferReturnTypes(MLIRContext *,
                                         std::optional<Location> loc,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &results) {
  ShapeErrors errs{loc};
  auto lhs = getRanked(errs, adaptor.getLhs(), "lhs");
  auto rhs = getRanked(errs, adaptor.getRhs(), "rhs");
  if (failed(lhs) || failed(rhs))
    return failure();
  if (lhs->getElementType() != rhs->getElementType())
    return errs.fail("operand element types differ: ", lhs->getElementType(),
                     " vs ", rhs->getElementType());
  int64_t lr = lhs->getRank(), rr = rhs->getRank();
  if (lr < 2)
    return errs.fail("lhs must have rank >= 2, has rank ", lr);
  if (rr < 2)
    return errs.fail("rhs must have rank >= 2, has rank ", rr);
  if (rr != 2 && rr != lr)
    return errs.fail("rhs must be 2-D or have the rank of lhs (", lr,
                     "), has rank ", rr);

  SmallVector<int64_t> shape;
  for (int64_t d = 0; d < lr - 2; ++d) {
    int64_t a = lhs->getDimSize(d);
    int64_t b = rr == lr ? rhs->getDimSize(d) : a;
    if (!compatibleDims(a, b))
      return errs.fail("batch dim ", d, " differs: lhs has ", dimStr(a),
                       ", rhs has ", dimStr(b));
    shape.push_back(joinDim(a, b));
  }
  bool tl = adaptor.getTransposeLhs(), tr = adaptor.getTransposeRhs();
  int64_t mDim = tl ? lr - 1 : lr - 2, kDim = tl ? lr - 2 : lr - 1;
  int64_t kDimR = tr ? rr - 1 : rr - 2, nDim = tr ? rr - 2 : rr - 1;
  int64_t k = lhs->getDimSize(kDim), kr = rhs->getDimSize(kDimR);
  if (!compatibleDims(k, kr))
    return errs.fail("contracting dimensions differ: lhs dim ", kDim, " is ",
                     dimStr(k), " but rhs dim ", kDimR, " is ", dimStr(kr));
  shape.push_back(lhs->getDimSize(mDim));
  shape.push_back(rhs->getDimSize(nDim));
  results.push_back(RankedTensorType::get(shape, lhs->getElementType()));
  return success();
}

//===----------------------------------------------------------------------===//
// LinearOp
//===----------------------------------------------------------------------===//

LogicalResult LinearOp::inferReturnTypes(MLIRContext *,
                                         std::optional<Location> loc,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &results) {
  ShapeErrors errs{loc};
  auto x = getRanked(errs, adaptor.getInput(), "input");
  auto w = getRanked(errs, adaptor.getWeight(), "weight");
  if (failed(x) || failed(w))
    return failure();
  Type element = x->getElementType();
  if (w->getElementType() != element)
    return errs.fail("weight element type ", w->getElementType(),
                     " differs from the input's ", element);
  if (x->getRank() < 1)
    return errs.fail("input must have rank >= 1 ([..., K]), has rank 0");
  if (w->getRank() != 2)
    return errs.fail("weight must have rank 2 ([N, K]), has rank ",
                     w->getRank());
  int64_t k = x->getDimSize(x->getRank() - 1), kw = w->getDimSize(1);
  if (!compatibleDims(k, kw))
    return errs.fail("contracting dimensions differ: input dim ",
                     x->getRank() - 1, " is ", dimStr(k),
                     " but weight dim 1 is ", dimStr(kw));
  int64_t n = w->getDimSize(0);
  if (Value biasValue = adaptor.getBias()) {
    auto bias = getRanked(errs, biasValue, "bias");
    if (failed(bias))
      return failure();
    if (bias->getElementType() != element)
      return errs.fail("bias element type ", bias->getElementType(),
                       " differs from the input's ", element);
    if (bias->getRank() != 1)
      return errs.fail("bias must have rank 1 ([N]), has rank ",
                       bias->getRank());
    if (!compatibleDims(bias->getDimSize(0), n))
      return errs.fail("bias has ", dimStr(bias->getDimSize(0)),
                       " elements but weight dim 0 (N) is ", dimStr(n));
    n = joinDim(n, bias->getDimSize(0));
  }
  SmallVector<int64_t> shape(x->getShape().drop_back());
  shape.push_back(n);
  results.push_back(RankedTensorType::get(shape, element));
  return success();
}

//===----------------------------------------------------------------------===//
// AttentionOp
//===----------------------------------------------------------------------===//

LogicalResult AttentionOp::inferReturnTypes(MLIRContext *,
                                            std::optional<Location> loc,
                                            Adaptor adaptor,
                                            SmallVectorImpl<Type> &results) {
  ShapeErrors errs{loc};
  auto q = getRanked(errs, adaptor.getQuery(), "query");
  auto k = getRanked(errs, adaptor.getKey(), "key");
  auto v = getRanked(errs, adaptor.getValue(), "value");
  if (failed(q) || failed(k) || failed(v))
    return failure();
  for (auto [type, name] : {std::pair(*q, "query"), std::pair(*k, "key"),
                            std::pair(*v, "value")}) {
    if (type.getRank() != 4)
      return errs.fail(name,
                       " must have rank 4 ([batch, heads, sequence, head_dim]), "
                       "has rank ",
                       type.getRank());
    if (type.getElementType() != q->getElementType())
      return errs.fail(name, " element type ", type.getElementType(),
                       " differs from the query's ", q->getElementType());
  }
  auto check = [&](RankedTensorType a, StringRef an, int64_t ad,
                   RankedTensorType b, StringRef bn, int64_t bd,
                   StringRef what) -> LogicalResult {
    if (compatibleDims(a.getDimSize(ad), b.getDimSize(bd)))
      return success();
    return errs.fail(what, " differs: ", an, " dim ", ad, " is ",
                     dimStr(a.getDimSize(ad)), " but ", bn, " dim ", bd,
                     " is ", dimStr(b.getDimSize(bd)));
  };
  if (failed(check(*q, "query", 0, *k, "key", 0, "batch")) ||
      failed(check(*q, "query", 0, *v, "value", 0, "batch")) ||
      failed(check(*k, "key", 0, *v, "value", 0, "batch")) ||
      failed(check(*k, "key", 1, *v, "value", 1, "key/value heads")) ||
      failed(check(*k, "key", 2, *v, "value", 2, "key/value sequence")) ||
      failed(check(*q, "query", 3, *k, "key", 3, "head_dim")))
    return failure();
  int64_t hq = q->getDimSize(1), hkv = joinDim(k->getDimSize(1), v->getDimSize(1));
  if (!ShapedType::isDynamic(hq) && !ShapedType::isDynamic(hkv) &&
      (hkv == 0 || hq % hkv != 0))
    return errs.fail("query heads (", hq,
                     ") must be a multiple of key/value heads (", hkv, ")");
  if (std::optional<APFloat> scale = adaptor.getScale())
    if (!scale->isFiniteNonZero() || scale->isNegative())
      return errs.fail("scale must be positive and finite");
  int64_t batch = joinDim(joinDim(q->getDimSize(0), k->getDimSize(0)),
                          v->getDimSize(0));
  results.push_back(RankedTensorType::get(
      {batch, hq, q->getDimSize(2), v->getDimSize(3)}, q->getElementType()));
  return success();
}

#define GET_OP_CLASSES
#include "Vortex/Dialect/Tensor/IR/TensorOps.cpp.inc"
