//===- CTDialect.cpp - vx.ct dialect and operations -----------------------===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//

#include "Vortex/Dialect/CT/IR/CTDialect.h"
#include "Vortex/Dialect/CT/IR/CTOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/Interfaces/FunctionInterfaces.h"

using namespace mlir;
using namespace mlir::vortex::vx_ct;

#include "Vortex/Dialect/CT/IR/CTDialect.cpp.inc"

void VxCTDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "Vortex/Dialect/CT/IR/CTOps.cpp.inc"
      >();
}

//===----------------------------------------------------------------------===//
// Discardable attributes
//===----------------------------------------------------------------------===//

LogicalResult VxCTDialect::verifyOperationAttribute(Operation *op,
                                                    NamedAttribute attr) {
  StringRef name = attr.getName().strref();
  if (name == kSecretAttrName)
    return op->emitError("'")
           << kSecretAttrName
           << "' marks function arguments; to make a value secret, use "
              "vx_ct.conceal";
  if (name == kMaxTripCountAttrName) {
    auto count = dyn_cast<IntegerAttr>(attr.getValue());
    if (!count || count.getValue().isNegative())
      return op->emitError("'")
             << name << "' must be a non-negative integer attribute";
    if (op->getNumRegions() == 0)
      return op->emitError("'") << name << "' applies to loops";
    return success();
  }
  if (name == kLoweredSecretParamsAttrName) {
    if (!isa<DenseBoolArrayAttr>(attr.getValue()))
      return op->emitError("'")
             << name << "' must be an array of i1, one per parameter";
    if (!isa<FunctionOpInterface>(op))
      return op->emitError("'") << name << "' applies to functions";
    return success();
  }
  if (name == kKernelSecretsAttrName) {
    auto modules = dyn_cast<DictionaryAttr>(attr.getValue());
    auto isIndexList = [](Attribute a) {
      auto list = dyn_cast_or_null<DenseI64ArrayAttr>(a);
      return list &&
             llvm::all_of(list.asArrayRef(), [](int64_t i) { return i >= 0; });
    };
    auto isKernelEntry = [&](Attribute a) {
      auto entry = dyn_cast<DictionaryAttr>(a);
      return entry && entry.size() == 2 && isIndexList(entry.get("values")) &&
             isIndexList(entry.get("memory"));
    };
    auto isModuleEntry = [&](Attribute a) {
      auto kernels = dyn_cast<DictionaryAttr>(a);
      return kernels && llvm::all_of(kernels, [&](NamedAttribute k) {
               return isKernelEntry(k.getValue());
             });
    };
    if (!modules || !llvm::all_of(modules, [&](NamedAttribute m) {
          return isModuleEntry(m.getValue());
        }))
      return op->emitError("'")
             << name
             << "' must map gpu.module names to kernel names to "
                "{memory = array<i64: ...>, values = array<i64: ...>}";
    return success();
  }
  if (name != kConstantTimeAttrName)
    return op->emitError("unknown vx_ct attribute '") << name << "'";
  if (!isa<UnitAttr>(attr.getValue()))
    return op->emitError("'") << name << "' must be a unit attribute";
  if (!isa<FunctionOpInterface>(op))
    return op->emitError("'")
           << name << "' applies to functions; to mark a region, use "
           << "vx_ct.region";
  return success();
}

LogicalResult VxCTDialect::verifyRegionArgAttribute(Operation *op, unsigned,
                                                    unsigned argIndex,
                                                    NamedAttribute attr) {
  StringRef name = attr.getName().strref();
  if (name != kSecretAttrName)
    return op->emitError("unknown vx_ct argument attribute '") << name << "'";
  if (!isa<UnitAttr>(attr.getValue()))
    return op->emitError("'") << name << "' on argument " << argIndex
                              << " must be a unit attribute";
  if (!isa<FunctionOpInterface>(op))
    return op->emitError("'") << name << "' applies to function arguments only";
  return success();
}

LogicalResult VxCTDialect::verifyRegionResultAttribute(Operation *op, unsigned,
                                                       unsigned resultIndex,
                                                       NamedAttribute attr) {
  // Secrecy of results follows from the computation, never from a mark.
  StringRef name = attr.getName().strref();
  if (name == kSecretAttrName)
    return op->emitError("'")
           << name << "' on result " << resultIndex
           << " is not allowed: it marks function arguments only";
  return op->emitError("unknown vx_ct result attribute '") << name << "'";
}

//===----------------------------------------------------------------------===//
// SelectOp
//===----------------------------------------------------------------------===//

/// `type` when the condition is `i1`, else `condition-type, type`.
static ParseResult parseSelectConditionType(OpAsmParser &parser,
                                            Type &conditionType,
                                            Type &resultType) {
  Type first;
  if (parser.parseType(first))
    return failure();
  if (succeeded(parser.parseOptionalComma())) {
    conditionType = first;
    return parser.parseType(resultType);
  }
  conditionType = parser.getBuilder().getI1Type();
  resultType = first;
  return success();
}

static void printSelectConditionType(OpAsmPrinter &p, Operation *,
                                     Type conditionType, Type resultType) {
  if (!conditionType.isInteger(1))
    p << conditionType << ", ";
  p << resultType;
}

LogicalResult SelectOp::verify() {
  Type cond = getCondition().getType();
  if (cond.isInteger(1))
    return success();
  auto condShaped = cast<ShapedType>(cond);
  auto valueShaped = dyn_cast<ShapedType>(getType());
  auto condVector = dyn_cast<VectorType>(cond);
  if (!valueShaped || valueShaped.getTypeID() != condShaped.getTypeID() ||
      failed(verifyCompatibleShape(condShaped, valueShaped)) ||
      (condVector && condVector.getScalableDims() !=
                         cast<VectorType>(valueShaped).getScalableDims()))
    return emitOpError("condition of type ")
           << cond << " must be i1 or have the shape of the selected type "
           << getType();
  return success();
}

//===----------------------------------------------------------------------===//
// ConcealOp, DeclassifyOp
//===----------------------------------------------------------------------===//

ResultSecrecy ConcealOp::getResultSecrecy() { return ResultSecrecy::Secret; }

ResultSecrecy DeclassifyOp::getResultSecrecy() { return ResultSecrecy::Public; }

//===----------------------------------------------------------------------===//
// RegionOp
//===----------------------------------------------------------------------===//

// The body runs exactly once, then control returns to the op.
void RegionOp::getSuccessorRegions(RegionBranchPoint point,
                                   SmallVectorImpl<RegionSuccessor> &regions) {
  if (point.isParent()) {
    regions.emplace_back(&getBody());
    return;
  }
  regions.emplace_back(getOperation(), getResults());
}

// Runs before the type check of RegionBranchOpInterface, whose message names
// no types.
LogicalResult RegionOp::verify() {
  Block &body = getBody().front();
  if (body.getNumArguments() != 0)
    return emitOpError("region must not have arguments, has ")
           << body.getNumArguments();
  // Another terminator is reported by SingleBlockImplicitTerminator.
  auto yield = body.empty() ? YieldOp() : dyn_cast<YieldOp>(body.back());
  if (!yield)
    return success();
  if (yield.getValues().getTypes() != getResultTypes())
    return emitOpError("region yields (").append(yield.getValues().getTypes())
           << ") but the op returns (" << getResultTypes() << ")";
  return success();
}

#define GET_OP_CLASSES
#include "Vortex/Dialect/CT/IR/CTOps.cpp.inc"
