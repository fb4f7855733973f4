//===- DistDialect.cpp - vx.dist dialect and operations -------------------===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//

#include "Vortex/Dialect/Dist/IR/DistDialect.h"
#include "Vortex/Dialect/Dist/IR/DistOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"
#include "llvm/ADT/SmallSet.h"
#include "llvm/Support/CheckedArithmetic.h"

using namespace mlir;
using namespace mlir::vortex::vx_dist;

#include "Vortex/Dialect/Dist/IR/DistDialect.cpp.inc"

void VxDistDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "Vortex/Dialect/Dist/IR/DistOps.cpp.inc"
      >();
}

//===----------------------------------------------------------------------===//
// Grid helpers
//===----------------------------------------------------------------------===//

static std::string dimStr(int64_t size) {
  return ShapedType::isDynamic(size) ? "?" : std::to_string(size);
}

/// Resolves `grid` from `op`, or reports that it is not a shard.grid.
static FailureOr<shard::GridOp> resolveGrid(Operation *op,
                                            FlatSymbolRefAttr grid,
                                            SymbolTableCollection &tables) {
  shard::GridOp gridOp = shard::getGridOrNull(op, grid, tables);
  if (!gridOp)
    return op->emitOpError("refers to ")
           << grid << ", which is not a shard.grid";
  return gridOp;
}

/// Checks the grid axes of a collective and returns the number of devices in
/// each group (ShapedType::kDynamic when the grid leaves it open).
static FailureOr<int64_t> verifyGroup(Operation *op, FlatSymbolRefAttr grid,
                                      ArrayRef<int16_t> axes,
                                      SymbolTableCollection &tables) {
  FailureOr<shard::GridOp> gridOp = resolveGrid(op, grid, tables);
  if (failed(gridOp))
    return failure();
  ArrayRef<int64_t> shape = gridOp->getShape();
  llvm::SmallSet<int16_t, 4> seen;
  for (int16_t axis : axes) {
    if (axis < 0 || axis >= static_cast<int64_t>(shape.size()))
      return op->emitOpError("grid axis ")
             << axis << " is out of range for " << grid << " of rank "
             << shape.size();
    if (!seen.insert(axis).second)
      return op->emitOpError("grid axis ") << axis << " is listed twice";
  }
  // A size too large for int64_t is as unknown as a dynamic one.
  int64_t size = 1;
  auto account = [&](int64_t extent) {
    std::optional<int64_t> product;
    if (!ShapedType::isDynamic(extent) && !ShapedType::isDynamic(size))
      product = llvm::checkedMul(size, extent);
    size = product.value_or(ShapedType::kDynamic);
  };
  if (axes.empty())
    llvm::for_each(shape, account);
  else
    for (int16_t axis : axes)
      account(shape[axis]);
  return size;
}

/// Checks a rank within a group of `groupSize` devices.
static LogicalResult verifyRank(Operation *op, StringRef what, int64_t rank,
                                int64_t groupSize) {
  if (!ShapedType::isDynamic(groupSize) && rank >= groupSize)
    return op->emitOpError()
           << what << " " << rank << " is out of range for a group of "
           << groupSize << " device(s)";
  return success();
}

/// Checks that `init` is the shape of `input` except in `dim`, where `init`
/// is `factor` times `input` (or the reverse when `factor` is negative, the
/// slice of a scatter). `dim` < 0 requires equal shapes.
static LogicalResult verifyCollectiveShapes(Operation *op, ShapedType input,
                                            ShapedType init, int64_t dim,
                                            int64_t groupSize, bool gather) {
  if (input.getRank() != init.getRank())
    return op->emitOpError("input has rank ")
           << input.getRank() << " but init has rank " << init.getRank();
  if (dim >= input.getRank())
    return op->emitOpError("dimension ")
           << dim << " is out of range for rank " << input.getRank();
  for (int64_t d = 0; d < input.getRank(); ++d) {
    int64_t in = input.getDimSize(d), out = init.getDimSize(d);
    if (ShapedType::isDynamic(in) || ShapedType::isDynamic(out))
      continue;
    if (d != dim) {
      if (in != out)
        return op->emitOpError("input dim ")
               << d << " (" << in << ") does not match init dim " << d << " ("
               << out << ")";
      continue;
    }
    if (ShapedType::isDynamic(groupSize))
      continue;
    std::optional<int64_t> expected =
        llvm::checkedMul(gather ? in : out, groupSize);
    int64_t actual = gather ? out : in;
    if (expected && *expected != actual)
      return op->emitOpError()
             << (gather ? "init" : "input") << " dim " << d << " must be "
             << groupSize << " (devices) x " << (gather ? in : out) << " = "
             << *expected << ", got " << actual;
  }
  return success();
}

/// The common checks of destination-passing collectives: `input` and `init`
/// are both tensors or both memrefs of one element type, and a result exists
/// exactly for tensors, with the type of `init`.
static LogicalResult verifyDestinationStyle(Operation *op, Type inputType,
                                            Type initType, Value result) {
  bool inputTensor = isa<RankedTensorType>(inputType);
  bool initTensor = isa<RankedTensorType>(initType);
  if (inputTensor != initTensor)
    return op->emitOpError(
        "input and init must both be tensors or both be memrefs");
  Type inElem = cast<ShapedType>(inputType).getElementType();
  Type initElem = cast<ShapedType>(initType).getElementType();
  if (inElem != initElem)
    return op->emitOpError("input element type ")
           << inElem << " differs from init element type " << initElem;
  if (initTensor && (!result || result.getType() != initType))
    return op->emitOpError("on tensors, returns the new value of init, of type ")
           << initType;
  if (!initTensor && result)
    return op->emitOpError(
        "on memrefs, writes init in place and returns nothing");
  return success();
}

//===----------------------------------------------------------------------===//
// Collectives
//===----------------------------------------------------------------------===//

#define VX_DIST_COLLECTIVE_VERIFY(OP)                                          \
  LogicalResult OP::verify() {                                                 \
    return verifyDestinationStyle(*this, getInput().getType(),                 \
                                  getInit().getType(), getResult());           \
  }

VX_DIST_COLLECTIVE_VERIFY(AllReduceOp)
VX_DIST_COLLECTIVE_VERIFY(AllGatherOp)
VX_DIST_COLLECTIVE_VERIFY(ReduceScatterOp)
VX_DIST_COLLECTIVE_VERIFY(BroadcastOp)
#undef VX_DIST_COLLECTIVE_VERIFY

/// Resolves the group of a collective and checks the shapes of its buffers:
/// equal, or related by the group size along `dim` (gathering or scattering).
/// Returns the group size.
template <typename OpTy>
static FailureOr<int64_t> verifyCollective(OpTy op,
                                           SymbolTableCollection &tables,
                                           int64_t dim, bool gather) {
  FailureOr<int64_t> groupSize =
      verifyGroup(op, op.getGridAttr(), op.getGridAxes(), tables);
  if (failed(groupSize) ||
      failed(verifyCollectiveShapes(
          op, cast<ShapedType>(op.getInput().getType()),
          cast<ShapedType>(op.getInit().getType()), dim, *groupSize, gather)))
    return failure();
  return groupSize;
}

LogicalResult AllReduceOp::verifySymbolUses(SymbolTableCollection &tables) {
  return success(succeeded(verifyCollective(*this, tables, -1, false)));
}

LogicalResult AllGatherOp::verifySymbolUses(SymbolTableCollection &tables) {
  return success(succeeded(verifyCollective(*this, tables, getGatherDim(), true)));
}

LogicalResult
ReduceScatterOp::verifySymbolUses(SymbolTableCollection &tables) {
  return success(
      succeeded(verifyCollective(*this, tables, getScatterDim(), false)));
}

LogicalResult BroadcastOp::verifySymbolUses(SymbolTableCollection &tables) {
  FailureOr<int64_t> groupSize = verifyCollective(*this, tables, -1, false);
  if (failed(groupSize))
    return failure();
  return verifyRank(*this, "root", getRoot(), *groupSize);
}

//===----------------------------------------------------------------------===//
// Point to point
//===----------------------------------------------------------------------===//

LogicalResult SendOp::verifySymbolUses(SymbolTableCollection &tables) {
  FailureOr<int64_t> groupSize =
      verifyGroup(*this, getGridAttr(), getGridAxes(), tables);
  if (failed(groupSize))
    return failure();
  return verifyRank(*this, "peer", getPeer(), *groupSize);
}

LogicalResult RecvOp::verify() {
  bool tensor = isa<RankedTensorType>(getInit().getType());
  if (tensor && (!getResult() || getResult().getType() != getInit().getType()))
    return emitOpError("on tensors, returns the received value, of type ")
           << getInit().getType();
  if (!tensor && getResult())
    return emitOpError("on memrefs, writes init in place and returns nothing");
  return success();
}

LogicalResult RecvOp::verifySymbolUses(SymbolTableCollection &tables) {
  FailureOr<int64_t> groupSize =
      verifyGroup(*this, getGridAttr(), getGridAxes(), tables);
  if (failed(groupSize))
    return failure();
  return verifyRank(*this, "peer", getPeer(), *groupSize);
}

//===----------------------------------------------------------------------===//
// Pipeline stages
//===----------------------------------------------------------------------===//

/// Checks that `axis` exists in the grid and that every stage index in
/// `stages` (named by `names`) is below its size.
static LogicalResult verifyStages(Operation *op, FlatSymbolRefAttr grid,
                                  int64_t axis,
                                  ArrayRef<std::pair<StringRef, int64_t>> stages,
                                  SymbolTableCollection &tables) {
  FailureOr<shard::GridOp> gridOp = resolveGrid(op, grid, tables);
  if (failed(gridOp))
    return failure();
  ArrayRef<int64_t> shape = gridOp->getShape();
  if (axis >= static_cast<int64_t>(shape.size()))
    return op->emitOpError("axis ") << axis << " is out of range for " << grid
                                    << " of rank " << shape.size();
  for (auto [name, index] : stages)
    if (!ShapedType::isDynamic(shape[axis]) && index >= shape[axis])
      return op->emitOpError()
             << name << " " << index << " is out of range: axis " << axis
             << " of " << grid << " has " << dimStr(shape[axis])
             << " stage(s)";
  return success();
}

// Runs after the region's operations and the SingleBlockImplicitTerminator
// check, so the block ends with a vx_dist.yield.
LogicalResult StageOp::verifyRegions() {
  Block &body = getBody().front();
  if (body.getNumArguments() != getOperands().size())
    return emitOpError("region takes ")
           << body.getNumArguments() << " argument(s) but the stage has "
           << getOperands().size() << " operand(s)";
  for (auto [i, arg, operand] :
       llvm::enumerate(body.getArguments(), getOperands()))
    if (arg.getType() != operand.getType())
      return emitOpError("region argument ")
             << i << " has type " << arg.getType() << " but operand " << i
             << " has type " << operand.getType();
  auto yield = cast<YieldOp>(body.getTerminator());
  if (yield.getValues().getTypes() != getResultTypes())
    return emitOpError("region yields (")
               .append(yield.getValues().getTypes())
           << ") but the stage returns (" << getResultTypes() << ")";
  return success();
}

LogicalResult StageOp::verifySymbolUses(SymbolTableCollection &tables) {
  return verifyStages(*this, getGridAttr(), getAxis(), {{"stage", getIndex()}},
                      tables);
}

LogicalResult TransferOp::verify() {
  if (getSource() == getDest())
    return emitOpError("source and dest are both stage ") << getSource();
  return success();
}

// The checks against the stages that produce and use the value run with the
// symbol uses, once every operation, those stages included, has verified.
LogicalResult TransferOp::verifySymbolUses(SymbolTableCollection &tables) {
  if (failed(verifyStages(*this, getGridAttr(), getAxis(),
                          {{"source", getSource()}, {"dest", getDest()}},
                          tables)))
    return failure();
  // Stages of another grid or axis are numbered along another axis.
  auto otherAxis = [&](StageOp stage) {
    return stage.getGrid() != getGrid() || stage.getAxis() != getAxis();
  };
  auto axisError = [&](StageOp stage, StringRef what) {
    InFlightDiagnostic diag = emitOpError("transfers along axis ")
                              << getAxis() << " of " << getGridAttr()
                              << " a value " << what
                              << " a stage along axis " << stage.getAxis()
                              << " of " << stage.getGridAttr();
    return diag;
  };
  if (auto stage = getInput().getDefiningOp<StageOp>()) {
    if (stage.getIndex() != getSource() || otherAxis(stage)) {
      InFlightDiagnostic diag =
          otherAxis(stage) ? axisError(stage, "produced by")
                           : emitOpError("transfers from stage ")
                                 << getSource() << " a value produced by stage "
                                 << stage.getIndex();
      diag.attachNote(stage.getLoc()) << "produced here";
      return diag;
    }
  }
  for (Operation *user : getResult().getUsers()) {
    auto stage = dyn_cast<StageOp>(user);
    if (stage && (stage.getIndex() != getDest() || otherAxis(stage))) {
      InFlightDiagnostic diag =
          otherAxis(stage) ? axisError(stage, "used by")
                           : emitOpError("transfers to stage ")
                                 << getDest() << " a value used by stage "
                                 << stage.getIndex();
      diag.attachNote(stage.getLoc()) << "used here";
      return diag;
    }
  }
  return success();
}

#define GET_OP_CLASSES
#include "Vortex/Dialect/Dist/IR/DistOps.cpp.inc"
