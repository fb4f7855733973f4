//===- KernelArtifact.cpp - kernels and launch plans in one file ----------===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//
//
// `vortex-translate --vx-kernel-artifact` compiles a vx module as
// `--vx-to-gpu` does, but instead of lowering the host code to LLVM it
// describes it: each public function becomes a launch plan, a small SSA
// program over index arithmetic, memref descriptors, device allocations and
// kernel launches, which libvortex_runtime.so interprets. The kernels are
// embedded as the binaries `--vx-to-gpu` makes of them. docs/Runtime.md
// describes the file.
//
// The plan is taken after kernel outlining (the front of vx-to-gpu), once
// memref views have been expanded into extract_strided_metadata and
// reinterpret_cast (expand-strided-metadata, which the host lowering of
// vx-to-gpu also runs), so that every descriptor the plan builds is the one
// the compiled host code would build. Host code outside the plan's
// operations is an error: such a function needs a kernel library.
//
//===----------------------------------------------------------------------===//

#include "Vortex/Target/KernelArtifact.h"
#include "Vortex/InitAll.h"
#include "Vortex/Pipelines/Pipelines.h"
#include "Vortex/Target/KernelSignatures.h"

#include "mlir/Conversion/AffineToStandard/AffineToStandard.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/LLVMIR/NVVMDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Dialect/NVGPU/IR/NVGPUDialect.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Matchers.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Tools/mlir-translate/Translation.h"
#include "mlir/Transforms/Passes.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Base64.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/JSON.h"

#include <cmath>

using namespace mlir;

namespace {

/// The artifact format version the runtime checks.
constexpr int kArtifactVersion = 1;

//===----------------------------------------------------------------------===//
// Types as the plan names them
//===----------------------------------------------------------------------===//

/// Element types a plan can hold in memory: those whose size in bytes the
/// runtime knows without a data layout (wide integers in whole 16-byte
/// units, as LLVM lays them out on x86-64).
bool isPlanElement(Type type) {
  if (type.isIndex() || type.isF16() || type.isBF16() || type.isF32() ||
      type.isF64())
    return true;
  auto integer = dyn_cast<IntegerType>(type);
  if (!integer || !integer.isSignless())
    return false;
  unsigned width = integer.getWidth();
  return width == 1 || width == 8 || width == 16 || width == 32 ||
         width == 64 || width % 128 == 0;
}

/// Scalar types a plan computes with: integers up to 64 bits and floats.
bool isPlanScalar(Type type) {
  if (auto integer = dyn_cast<IntegerType>(type))
    return integer.isSignless() && integer.getWidth() <= 64;
  return type.isIndex() || type.isF16() || type.isBF16() || type.isF32() ||
         type.isF64();
}

bool isPlanInteger(Type type) {
  return type.isIndex() || (isa<IntegerType>(type) && isPlanScalar(type));
}

/// f32 and f64: the float types the runtime computes with.
bool isPlanArithFloat(Type type) { return type.isF32() || type.isF64(); }

/// "index", "i32", "f32", ... or "memref<?x?xbf16>": a memref is a
/// descriptor whose sizes are known at run time, so every size reads `?`.
/// Returns "" for a type a plan cannot hold.
std::string planTypeName(Type type) {
  if (auto memref = dyn_cast<MemRefType>(type)) {
    if (!isPlanElement(memref.getElementType()) || memref.getMemorySpace())
      return "";
    std::string name = "memref<";
    for (int64_t i = 0; i < memref.getRank(); ++i)
      name += "?x";
    return name + vortex::kernelElementName(memref.getElementType()) + ">";
  }
  if (!isPlanScalar(type))
    return "";
  return vortex::kernelElementName(type);
}

/// The kernel parameters a value of `type` becomes, as the NVVM lowering
/// passes them (no bare-pointer convention): a memref expands into its
/// descriptor (allocated and aligned pointers, offset, sizes, strides).
void appendParams(Type type, llvm::json::Array &params) {
  if (auto memref = dyn_cast<MemRefType>(type)) {
    params.push_back("ptr");
    params.push_back("ptr");
    for (int64_t i = 0, e = 1 + 2 * memref.getRank(); i < e; ++i)
      params.push_back("i64");
    return;
  }
  params.push_back(type.isIndex() ? std::string("i64")
                                  : vortex::kernelElementName(type));
}

std::string compact(const llvm::json::Value &value) {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << value;
  return text;
}

//===----------------------------------------------------------------------===//
// Plans
//===----------------------------------------------------------------------===//

/// One operation of a plan, printed as a JSON object: "op", then "results"
/// and "types", attributes, "operands", and the regions of scf.if/scf.for.
struct PlanOp {
  std::string name;
  SmallVector<int64_t> results;
  SmallVector<std::string> types;
  SmallVector<std::pair<std::string, llvm::json::Value>> attributes;
  SmallVector<int64_t> operands;
  SmallVector<std::pair<std::string, std::vector<PlanOp>>> regions;

  void writeFields(llvm::json::OStream &json) const {
    // Lists take one line, also in operations with regions.
    auto list = [&](StringRef key, auto values) {
      llvm::json::Array array;
      for (const auto &value : values)
        array.push_back(value);
      json.attributeBegin(key);
      json.rawValue(compact(std::move(array)));
      json.attributeEnd();
    };
    json.attribute("op", name);
    if (!results.empty()) {
      list("results", results);
      list("types", types);
    }
    for (const auto &[key, value] : attributes)
      json.attribute(key, value);
    if (!operands.empty())
      list("operands", operands);
  }

  /// Operations without regions take one line each.
  void print(llvm::json::OStream &json) const {
    if (regions.empty()) {
      std::string text;
      llvm::raw_string_ostream os(text);
      llvm::json::OStream line(os);
      line.object([&] { writeFields(line); });
      json.rawValue(text);
      return;
    }
    json.object([&] {
      writeFields(json);
      for (const auto &[key, ops] : regions)
        json.attributeArray(key, [&] {
          for (const PlanOp &op : ops)
            op.print(json);
        });
    });
  }
};

/// The kernels of the outlined module: module name -> kernel name ->
/// argument types.
using KernelTable =
    llvm::StringMap<llvm::MapVector<StringRef, SmallVector<Type>>>;

/// Describes one host function as a plan.
class PlanBuilder {
public:
  PlanBuilder(func::FuncOp func, const KernelTable &kernels,
              SymbolTable &symbols,
              llvm::MapVector<StringRef, bool> &usedModules)
      : func(func), kernels(kernels), symbols(symbols),
        usedModules(usedModules) {}

  LogicalResult build() {
    if (!func.getBody().hasOneBlock())
      return unsupported(func, "a function with more than one block");
    for (BlockArgument argument : func.getArguments()) {
      if (planTypeName(argument.getType()).empty())
        return unsupported(func,
                           "an argument of type " + str(argument.getType()));
      define(argument);
    }
    return translateBlock(func.getBody().front(), body);
  }

  void print(llvm::json::OStream &json) const {
    json.attribute("values", nextId);
    json.attributeArray("plan", [&] {
      for (const PlanOp &op : prologue)
        op.print(json);
      for (const PlanOp &op : body)
        op.print(json);
    });
  }

private:
  LogicalResult unsupported(Operation *op, const Twine &what) {
    return op->emitError() << "cannot be described in a kernel artifact: "
                           << what
                           << "; build a kernel library with "
                              "utils/build_kernel_library.sh instead";
  }

  LogicalResult unknownOp(Operation *op) {
    return unsupported(op, "'" + op->getName().getStringRef() +
                               "' is not an operation a launch plan holds");
  }

  static std::string str(Type type) {
    std::string text;
    llvm::raw_string_ostream os(text);
    os << "'" << type << "'";
    return text;
  }

  int64_t define(Value value) {
    ids[value] = nextId;
    return nextId++;
  }

  /// The id of a value the plan defined; an error for one it did not (a
  /// value whose definition was skipped, such as an async token).
  FailureOr<int64_t> use(Operation *user, Value value) {
    auto it = ids.find(value);
    if (it == ids.end()) {
      (void)unsupported(user, "an operand of type " + str(value.getType()));
      return failure();
    }
    return it->second;
  }

  LogicalResult useAll(Operation *user, ValueRange values,
                       SmallVectorImpl<int64_t> &out) {
    for (Value value : values) {
      FailureOr<int64_t> id = use(user, value);
      if (failed(id))
        return failure();
      out.push_back(*id);
    }
    return success();
  }

  /// An index constant, defined once at the top of the plan.
  int64_t indexConstant(int64_t value) {
    auto [it, inserted] = indexConstants.try_emplace(value, 0);
    if (!inserted)
      return it->second;
    PlanOp op;
    op.name = "arith.constant";
    op.results.push_back(nextId);
    op.types.push_back("index");
    op.attributes.push_back({"value", value});
    prologue.push_back(std::move(op));
    it->second = nextId++;
    return it->second;
  }

  FailureOr<int64_t> useOrConstant(Operation *user, OpFoldResult ofr) {
    if (auto value = dyn_cast<Value>(ofr))
      return use(user, value);
    return indexConstant(cast<IntegerAttr>(cast<Attribute>(ofr)).getInt());
  }

  /// Defines the results of `op` (all of plan types) on `planOp`.
  LogicalResult defineResults(Operation *op, ValueRange results,
                              PlanOp &planOp) {
    for (Value result : results) {
      std::string type = planTypeName(result.getType());
      if (type.empty())
        return unsupported(op, "a result of type " + str(result.getType()));
      planOp.results.push_back(define(result));
      planOp.types.push_back(type);
    }
    return success();
  }

  /// An operation translated one to one: operands, results, attributes.
  LogicalResult simple(
      Operation *op, std::vector<PlanOp> &out,
      SmallVector<std::pair<std::string, llvm::json::Value>> attributes = {}) {
    PlanOp planOp;
    planOp.name = op->getName().getStringRef().str();
    planOp.attributes = std::move(attributes);
    if (failed(useAll(op, op->getOperands(), planOp.operands)) ||
        failed(defineResults(op, op->getResults(), planOp)))
      return failure();
    out.push_back(std::move(planOp));
    return success();
  }

  LogicalResult translateBlock(Block &block, std::vector<PlanOp> &out) {
    for (Operation &op : block)
      if (failed(translate(&op, out)))
        return failure();
    return success();
  }

  LogicalResult translate(Operation *op, std::vector<PlanOp> &out);
  LogicalResult translateArith(Operation *op, std::vector<PlanOp> &out);
  LogicalResult translateConstant(Operation *op, Attribute value,
                                  std::vector<PlanOp> &out);
  LogicalResult translateLaunch(gpu::LaunchFuncOp launch,
                                std::vector<PlanOp> &out);
  LogicalResult translateIf(scf::IfOp ifOp, std::vector<PlanOp> &out);
  LogicalResult translateFor(scf::ForOp forOp, std::vector<PlanOp> &out);
  LogicalResult translateGlobalLoad(memref::LoadOp load,
                                    std::vector<PlanOp> &out);
  LogicalResult translateTensorMap(nvgpu::TmaCreateDescriptorOp create,
                                   std::vector<PlanOp> &out);

  func::FuncOp func;
  const KernelTable &kernels;
  SymbolTable &symbols;
  llvm::MapVector<StringRef, bool> &usedModules;
  DenseMap<Value, int64_t> ids;
  std::map<int64_t, int64_t> indexConstants;
  int64_t nextId = 0;
  std::vector<PlanOp> prologue, body;
};

LogicalResult PlanBuilder::translateConstant(Operation *op, Attribute value,
                                             std::vector<PlanOp> &out) {
  Type type = op->getResult(0).getType();
  if (!isPlanScalar(type))
    return unsupported(op, "a constant of type " + str(type));
  // Index constants of the function's entry block join those the plan
  // makes for static offsets, sizes and strides.
  if (type.isIndex() && op->getBlock() == &func.getBody().front()) {
    ids[op->getResult(0)] = indexConstant(cast<IntegerAttr>(value).getInt());
    return success();
  }
  PlanOp planOp;
  planOp.name = "arith.constant";
  if (auto integer = dyn_cast<IntegerAttr>(value)) {
    const APInt &bits = integer.getValue();
    planOp.attributes.push_back({"value", bits.getBitWidth() == 1
                                              ? int64_t(bits.getZExtValue())
                                              : bits.getSExtValue()});
  } else if (auto real = dyn_cast<FloatAttr>(value)) {
    double d = real.getValueAsDouble();
    if (std::isnan(d))
      planOp.attributes.push_back({"value", "nan"});
    else if (std::isinf(d))
      planOp.attributes.push_back({"value", d > 0 ? "inf" : "-inf"});
    else
      planOp.attributes.push_back({"value", d});
  } else {
    return unsupported(op, "a constant that is not a number");
  }
  if (failed(defineResults(op, op->getResults(), planOp)))
    return failure();
  out.push_back(std::move(planOp));
  return success();
}

/// Index and integer arithmetic, comparisons, selects, casts, and the few
/// float operations host code uses to compute kernel parameters.
LogicalResult PlanBuilder::translateArith(Operation *op,
                                          std::vector<PlanOp> &out) {
  auto allOf = [&](function_ref<bool(Type)> predicate) {
    return llvm::all_of(op->getOperandTypes(), predicate) &&
           llvm::all_of(op->getResultTypes(), predicate);
  };
  if (isa<arith::AddIOp, arith::SubIOp, arith::MulIOp, arith::DivSIOp,
          arith::DivUIOp, arith::RemSIOp, arith::RemUIOp, arith::CeilDivSIOp,
          arith::CeilDivUIOp, arith::FloorDivSIOp, arith::MinSIOp,
          arith::MinUIOp, arith::MaxSIOp, arith::MaxUIOp, arith::AndIOp,
          arith::OrIOp, arith::XOrIOp, arith::ShLIOp, arith::ShRSIOp,
          arith::ShRUIOp, arith::IndexCastOp, arith::IndexCastUIOp,
          arith::ExtSIOp, arith::ExtUIOp, arith::TruncIOp>(op)) {
    if (!allOf(isPlanInteger))
      return unsupported(op, "integer arithmetic on " +
                                 str(op->getResult(0).getType()));
    return simple(op, out);
  }
  if (auto cmp = dyn_cast<arith::CmpIOp>(op)) {
    if (!isPlanInteger(cmp.getLhs().getType()))
      return unsupported(op, "a comparison of " + str(cmp.getLhs().getType()));
    return simple(op, out,
                  {{"predicate",
                    arith::stringifyCmpIPredicate(cmp.getPredicate()).str()}});
  }
  if (auto select = dyn_cast<arith::SelectOp>(op)) {
    if (!select.getCondition().getType().isInteger(1) ||
        !isPlanScalar(select.getType()))
      return unsupported(op, "a select of " + str(select.getType()));
    return simple(op, out);
  }
  if (isa<arith::SIToFPOp, arith::UIToFPOp>(op)) {
    if (!isPlanInteger(op->getOperand(0).getType()) ||
        !isPlanArithFloat(op->getResult(0).getType()))
      return unsupported(op,
                         "a conversion to " + str(op->getResult(0).getType()));
    return simple(op, out);
  }
  if (isa<arith::AddFOp, arith::SubFOp, arith::MulFOp, arith::DivFOp,
          arith::NegFOp, arith::ExtFOp, arith::TruncFOp>(op)) {
    if (!allOf(isPlanArithFloat))
      return unsupported(op, "float arithmetic on " +
                                 str(op->getResult(0).getType()));
    return simple(op, out);
  }
  return unknownOp(op);
}

LogicalResult PlanBuilder::translateLaunch(gpu::LaunchFuncOp launch,
                                           std::vector<PlanOp> &out) {
  StringRef moduleName = launch.getKernelModuleName().getValue();
  StringRef kernelName = launch.getKernelName().getValue();
  auto module = kernels.find(moduleName);
  const SmallVector<Type> *parameters = nullptr;
  if (module != kernels.end()) {
    auto kernel = module->second.find(kernelName);
    if (kernel != module->second.end())
      parameters = &kernel->second;
  }
  if (!parameters)
    return unsupported(launch, "the kernel @" + moduleName + "::@" +
                                   kernelName + " is not an outlined kernel");
  ValueRange operands = launch.getKernelOperands();
  if (operands.size() != parameters->size())
    return unsupported(launch, "the launch passes " + Twine(operands.size()) +
                                   " operands to a kernel of " +
                                   Twine(parameters->size()) + " parameters");
  for (auto [operand, parameter] : llvm::zip(operands, *parameters))
    if (operand.getType() != parameter ||
        planTypeName(operand.getType()).empty())
      return unsupported(launch,
                         "a kernel operand of type " + str(operand.getType()));

  PlanOp planOp;
  planOp.name = "gpu.launch_func";
  planOp.attributes.push_back({"module", moduleName.str()});
  planOp.attributes.push_back({"kernel", kernelName.str()});
  auto ids = [&](ValueRange values) -> FailureOr<llvm::json::Array> {
    llvm::json::Array array;
    for (Value value : values) {
      FailureOr<int64_t> id = use(launch, value);
      if (failed(id))
        return failure();
      array.push_back(*id);
    }
    return array;
  };
  FailureOr<llvm::json::Array> grid = ids(
      {launch.getGridSizeX(), launch.getGridSizeY(), launch.getGridSizeZ()});
  FailureOr<llvm::json::Array> block = ids(
      {launch.getBlockSizeX(), launch.getBlockSizeY(), launch.getBlockSizeZ()});
  if (failed(grid) || failed(block))
    return failure();
  planOp.attributes.push_back({"grid", std::move(*grid)});
  planOp.attributes.push_back({"block", std::move(*block)});
  if (launch.hasClusterSize()) {
    FailureOr<llvm::json::Array> cluster =
        ids({launch.getClusterSizeX(), launch.getClusterSizeY(),
             launch.getClusterSizeZ()});
    if (failed(cluster))
      return failure();
    planOp.attributes.push_back({"cluster", std::move(*cluster)});
  }
  if (Value shared = launch.getDynamicSharedMemorySize()) {
    FailureOr<int64_t> id = use(launch, shared);
    if (failed(id))
      return failure();
    planOp.attributes.push_back({"shared", *id});
  }
  if (failed(useAll(launch, operands, planOp.operands)))
    return failure();
  usedModules.insert({moduleName, true});
  out.push_back(std::move(planOp));
  return success();
}

LogicalResult PlanBuilder::translateIf(scf::IfOp ifOp,
                                       std::vector<PlanOp> &out) {
  PlanOp planOp;
  planOp.name = "scf.if";
  FailureOr<int64_t> condition = use(ifOp, ifOp.getCondition());
  if (failed(condition))
    return failure();
  planOp.operands.push_back(*condition);
  for (auto [name, region] :
       {std::pair<const char *, Region *>{"then", &ifOp.getThenRegion()},
        {"else", &ifOp.getElseRegion()}}) {
    std::vector<PlanOp> ops;
    if (!region->empty() && failed(translateBlock(region->front(), ops)))
      return failure();
    planOp.regions.push_back({name, std::move(ops)});
  }
  if (failed(defineResults(ifOp, ifOp.getResults(), planOp)))
    return failure();
  out.push_back(std::move(planOp));
  return success();
}

LogicalResult PlanBuilder::translateFor(scf::ForOp forOp,
                                        std::vector<PlanOp> &out) {
  if (forOp.getUnsignedCmp())
    return unsupported(forOp, "a loop with unsigned bounds");
  PlanOp planOp;
  planOp.name = "scf.for";
  SmallVector<Value> operands = {forOp.getLowerBound(), forOp.getUpperBound(),
                                 forOp.getStep()};
  llvm::append_range(operands, forOp.getInitArgs());
  if (!isPlanInteger(forOp.getInductionVar().getType()) ||
      failed(useAll(forOp, operands, planOp.operands)))
    return failure();
  planOp.attributes.push_back({"induction", define(forOp.getInductionVar())});
  llvm::json::Array iterArgs;
  for (BlockArgument argument : forOp.getRegionIterArgs()) {
    if (planTypeName(argument.getType()).empty())
      return unsupported(forOp, "a loop-carried value of type " +
                                    str(argument.getType()));
    iterArgs.push_back(define(argument));
  }
  planOp.attributes.push_back({"iter_args", std::move(iterArgs)});
  std::vector<PlanOp> ops;
  if (failed(translateBlock(*forOp.getBody(), ops)))
    return failure();
  planOp.regions.push_back({"body", std::move(ops)});
  if (failed(defineResults(forOp, forOp.getResults(), planOp)))
    return failure();
  out.push_back(std::move(planOp));
  return success();
}

/// A load from a constant global at constant indices (the static shapes of
/// reshapes) is that element of the global's initializer.
LogicalResult PlanBuilder::translateGlobalLoad(memref::LoadOp load,
                                               std::vector<PlanOp> &out) {
  auto getGlobal = load.getMemRef().getDefiningOp<memref::GetGlobalOp>();
  auto global = getGlobal
                    ? symbols.lookup<memref::GlobalOp>(getGlobal.getName())
                    : memref::GlobalOp();
  auto initial =
      global && global.getConstant()
          ? dyn_cast_or_null<DenseElementsAttr>(global.getInitialValueAttr())
          : DenseElementsAttr();
  if (!initial)
    return unsupported(load, "a load from memory on the host");
  ArrayRef<int64_t> shape = global.getType().getShape();
  int64_t linear = 0;
  for (auto [index, size] : llvm::zip(load.getIndices(), shape)) {
    APInt value;
    if (!matchPattern(index, m_ConstantInt(&value)))
      return unsupported(load, "a load from a global at a variable index");
    int64_t i = value.getSExtValue();
    if (i < 0 || i >= size)
      return unsupported(load, "a load out of the global's bounds");
    linear = linear * size + i;
  }
  Attribute element =
      initial.isSplat() ? initial.getSplatValue<Attribute>()
                        : *std::next(initial.value_begin<Attribute>(), linear);
  return translateConstant(load, element, out);
}

/// A TMA descriptor of a ranked memref (cast to an unranked one for the op):
/// the runtime encodes it as `convert-nvgpu-to-nvvm`'s host code does
/// (mgpuTensorMapEncodeTiledMemref) and the plan holds its device address,
/// which the host code passes to kernels as an i64.
LogicalResult
PlanBuilder::translateTensorMap(nvgpu::TmaCreateDescriptorOp create,
                                std::vector<PlanOp> &out) {
  auto cast = create.getTensor().getDefiningOp<memref::CastOp>();
  if (!cast || !isa<MemRefType>(cast.getSource().getType()))
    return unsupported(create, "a tensor map of a memref of unknown rank");
  // CUtensorMapDataType, as the lowering picks it for these elements.
  Type element = cast.getSource().getType().getElementType();
  int64_t dataType = element.isBF16()  ? 9
                     : element.isF16() ? 6
                     : element.isF32() ? 7
                     : element.isF64() ? 8
                                       : -1;
  if (dataType < 0)
    return unsupported(create, "a tensor map of " + str(element) + " elements");
  auto map = create.getTensorMap().getType();
  PlanOp planOp;
  planOp.name = "nvgpu.tma.create.descriptor";
  planOp.attributes.push_back({"data_type", dataType});
  planOp.attributes.push_back({"interleave", int64_t(map.getInterleave())});
  planOp.attributes.push_back({"swizzle", int64_t(map.getSwizzle())});
  planOp.attributes.push_back({"l2promo", int64_t(map.getL2promo())});
  planOp.attributes.push_back({"oob", int64_t(map.getOob())});
  SmallVector<Value> operands = {cast.getSource()};
  llvm::append_range(operands, create.getBoxDimensions());
  if (failed(useAll(create, operands, planOp.operands)))
    return failure();
  planOp.results.push_back(define(create.getTensorMap()));
  planOp.types.push_back("i64");
  out.push_back(std::move(planOp));
  return success();
}

LogicalResult PlanBuilder::translate(Operation *op, std::vector<PlanOp> &out) {
  // Async tokens order the work of one function, which the plan runs in
  // order on the caller's stream; waits have nothing left to do.
  if (isa<gpu::WaitOp>(op))
    return success();
  if (auto constant = dyn_cast<arith::ConstantOp>(op))
    return translateConstant(op, constant.getValue(), out);
  if (op->getDialect() && op->getDialect()->getNamespace() == "arith")
    return translateArith(op, out);
  if (auto launch = dyn_cast<gpu::LaunchFuncOp>(op))
    return translateLaunch(launch, out);
  if (auto ifOp = dyn_cast<scf::IfOp>(op))
    return translateIf(ifOp, out);
  if (auto forOp = dyn_cast<scf::ForOp>(op))
    return translateFor(forOp, out);

  if (auto alloc = dyn_cast<gpu::AllocOp>(op)) {
    MemRefType type = alloc.getType();
    if (alloc.getHostShared())
      return unsupported(op, "host-shared memory");
    if (!type.getLayout().isIdentity() || !alloc.getSymbolOperands().empty())
      return unsupported(op, "an allocation with a layout");
    PlanOp planOp;
    planOp.name = "gpu.alloc";
    llvm::json::Array shape;
    for (int64_t size : type.getShape())
      shape.push_back(ShapedType::isDynamic(size) ? int64_t(-1) : size);
    planOp.attributes.push_back({"shape", std::move(shape)});
    if (failed(useAll(op, alloc.getDynamicSizes(), planOp.operands)) ||
        failed(defineResults(op, alloc.getMemref(), planOp)))
      return failure();
    out.push_back(std::move(planOp));
    return success();
  }
  if (auto dealloc = dyn_cast<gpu::DeallocOp>(op)) {
    PlanOp planOp;
    planOp.name = "gpu.dealloc";
    if (failed(useAll(op, dealloc.getMemref(), planOp.operands)))
      return failure();
    out.push_back(std::move(planOp));
    return success();
  }
  if (auto memcpy = dyn_cast<gpu::MemcpyOp>(op)) {
    if (!memcpy.getSrc().getType().getLayout().isIdentity())
      return unsupported(op, "a copy between memrefs with layouts");
    PlanOp planOp;
    planOp.name = "gpu.memcpy";
    if (failed(useAll(op, {memcpy.getDst(), memcpy.getSrc()}, planOp.operands)))
      return failure();
    out.push_back(std::move(planOp));
    return success();
  }
  if (auto memset = dyn_cast<gpu::MemsetOp>(op)) {
    unsigned width = memset.getValue().getType().getIntOrFloatBitWidth();
    if (!memset.getDst().getType().getLayout().isIdentity() ||
        (width != 16 && width != 32))
      return unsupported(op, "a fill other than of 16- or 32-bit values into "
                             "a memref without layout");
    PlanOp planOp;
    planOp.name = "gpu.memset";
    if (failed(
            useAll(op, {memset.getDst(), memset.getValue()}, planOp.operands)))
      return failure();
    out.push_back(std::move(planOp));
    return success();
  }

  if (isa<memref::DimOp, memref::ExtractAlignedPointerAsIndexOp,
          memref::ExtractStridedMetadataOp>(op))
    return simple(op, out);
  if (auto create = dyn_cast<nvgpu::TmaCreateDescriptorOp>(op))
    return translateTensorMap(create, out);
  // The address of a tensor map, as the host code turns it into a kernel
  // parameter: the plan's value already is the address.
  if (isa<UnrealizedConversionCastOp, LLVM::PtrToIntOp>(op) &&
      op->getNumOperands() == 1 && op->getNumResults() == 1 &&
      (isa<nvgpu::TensorMapDescriptorType>(op->getOperand(0).getType()) ||
       (isa<LLVM::LLVMPointerType>(op->getOperand(0).getType()) &&
        op->getResult(0).getType().isInteger(64))) &&
      ids.count(op->getOperand(0))) {
    ids[op->getResult(0)] = ids[op->getOperand(0)];
    return success();
  }
  if (auto cast = dyn_cast<memref::CastOp>(op)) {
    // Read by the tensor-map creations above, from the ranked source.
    if (isa<UnrankedMemRefType>(cast.getType()) &&
        isa<MemRefType>(cast.getSource().getType()) &&
        llvm::all_of(op->getUsers(), [](Operation *user) {
          return isa<nvgpu::TmaCreateDescriptorOp>(user);
        }))
      return success();
    if (!isa<MemRefType>(cast.getSource().getType()) ||
        !isa<MemRefType>(cast.getType()))
      return unsupported(op, "a cast to or from an unranked memref");
    return simple(op, out);
  }
  if (auto reinterpret = dyn_cast<memref::ReinterpretCastOp>(op)) {
    PlanOp planOp;
    planOp.name = "memref.reinterpret_cast";
    FailureOr<int64_t> source = use(op, reinterpret.getSource());
    if (failed(source))
      return failure();
    planOp.operands.push_back(*source);
    SmallVector<OpFoldResult> fields = reinterpret.getMixedOffsets();
    llvm::append_range(fields, reinterpret.getMixedSizes());
    llvm::append_range(fields, reinterpret.getMixedStrides());
    for (OpFoldResult field : fields) {
      FailureOr<int64_t> id = useOrConstant(op, field);
      if (failed(id))
        return failure();
      planOp.operands.push_back(*id);
    }
    if (failed(defineResults(op, reinterpret.getResult(), planOp)))
      return failure();
    out.push_back(std::move(planOp));
    return success();
  }
  if (auto load = dyn_cast<memref::LoadOp>(op))
    return translateGlobalLoad(load, out);
  // Read by the loads above, which become constants.
  if (isa<memref::GetGlobalOp>(op) &&
      llvm::all_of(op->getUsers(),
                   [](Operation *user) { return isa<memref::LoadOp>(user); }))
    return success();

  if (isa<scf::YieldOp, func::ReturnOp>(op))
    return simple(op, out);
  return unknownOp(op);
}

//===----------------------------------------------------------------------===//
// The artifact
//===----------------------------------------------------------------------===//

struct FunctionEntry {
  std::string name;
  llvm::json::Value arguments = nullptr, results = nullptr;
};

/// The signatures of the public functions, taken before lowering.
LogicalResult collectSignatures(ModuleOp module,
                                std::vector<FunctionEntry> &functions) {
  LogicalResult status = success();
  for (auto func : module.getOps<func::FuncOp>()) {
    if (func.isExternal() || !func.isPublic())
      continue;
    std::string text;
    llvm::raw_string_ostream os(text);
    llvm::json::OStream json(os);
    json.object([&] {
      if (failed(vortex::writeKernelSignature(func, json)))
        status = failure();
    });
    llvm::Expected<llvm::json::Value> parsed = llvm::json::parse(text);
    if (!parsed) {
      llvm::consumeError(parsed.takeError());
      return func.emitError("cannot describe the signature");
    }
    llvm::json::Object *object = parsed->getAsObject();
    functions.push_back({func.getSymName().str(),
                         std::move(*object->get("arguments")),
                         std::move(*object->get("results"))});
  }
  if (functions.empty() && succeeded(status))
    return module.emitError("a kernel artifact needs a public function with a "
                            "body; this module has none");
  return status;
}

KernelTable collectKernels(ModuleOp module) {
  KernelTable table;
  for (auto gpuModule : module.getOps<gpu::GPUModuleOp>())
    for (auto kernel : gpuModule.getOps<gpu::GPUFuncOp>())
      if (kernel.isKernel())
        table[gpuModule.getName()][kernel.getName()] =
            llvm::to_vector(kernel.getArgumentTypes());
  return table;
}

StringRef formatName(gpu::CompilationTarget format) {
  switch (format) {
  case gpu::CompilationTarget::Assembly:
    return "ptx";
  case gpu::CompilationTarget::Binary:
    return "cubin";
  case gpu::CompilationTarget::Fatbin:
    return "fatbin";
  case gpu::CompilationTarget::Offload:
    break;
  }
  return "";
}

LogicalResult writeArtifact(ModuleOp module, StringRef optionString,
                            raw_ostream &os) {
  std::unique_ptr<vortex::VxToGpuOptions> options =
      vortex::VxToGpuOptions::createFromString(optionString);
  if (!options)
    return module.emitError("invalid --vx-to-gpu-options '")
           << optionString << "'";

  std::vector<FunctionEntry> functions;
  if (failed(collectSignatures(module, functions)))
    return failure();

  // The front of vx-to-gpu: outlined kernels and host code with launches.
  PassManager front(module.getContext());
  vortex::buildVxToOutlinedGpuPipeline(front, *options);
  if (failed(front.run(module)))
    return failure();
  KernelTable kernels = collectKernels(module);

  // The plans, from a copy whose memref views are expanded as the host
  // lowering expands them.
  OwningOpRef<ModuleOp> host = module.clone();
  PassManager expand(module.getContext());
  OpPassManager &funcs = expand.nest<func::FuncOp>();
  funcs.addPass(memref::createExpandStridedMetadataPass());
  funcs.addPass(createLowerAffinePass());
  funcs.addPass(createCanonicalizerPass());
  funcs.addPass(createCSEPass());
  if (failed(expand.run(*host)))
    return failure();
  SymbolTable symbols(*host);
  llvm::MapVector<StringRef, bool> usedModules;
  std::vector<std::unique_ptr<PlanBuilder>> plans;
  LogicalResult planned = success();
  for (FunctionEntry &entry : functions) {
    auto func = symbols.lookup<func::FuncOp>(entry.name);
    plans.push_back(
        std::make_unique<PlanBuilder>(func, kernels, symbols, usedModules));
    if (failed(plans.back()->build()))
      planned = failure();
  }
  if (failed(planned))
    return failure();

  // The rest of vx-to-gpu compiles the kernels, on the whole module as
  // vx-to-gpu runs it (its constant-time check reads the host code too); the
  // host code it lowers is described by the plans instead.
  PassManager back(module.getContext());
  vortex::buildVxOutlinedGpuToBinaryPipeline(back, *options);
  if (failed(back.run(module)))
    return failure();

  llvm::json::OStream json(os, /*IndentSize=*/2);
  LogicalResult written = success();
  json.object([&] {
    json.attribute("format", "vortex-kernel-artifact");
    json.attribute("version", kArtifactVersion);
    json.attributeObject("target", [&] {
      json.attribute("chip", options->chip);
      json.attribute("features", options->features);
      json.attribute("format", options->format == vortex::BinaryFormat::PTX
                                   ? "isa"
                               : options->format == vortex::BinaryFormat::Cubin
                                   ? "bin"
                                   : "fatbin");
      json.attribute("opt-level", int64_t(options->optLevel));
    });
    json.attributeArray("functions", [&] {
      for (auto [entry, plan] : llvm::zip(functions, plans))
        json.object([&] {
          json.attribute("name", entry.name);
          json.attributeBegin("arguments");
          json.rawValue(compact(entry.arguments));
          json.attributeEnd();
          json.attributeBegin("results");
          json.rawValue(compact(entry.results));
          json.attributeEnd();
          plan->print(json);
        });
    });
    json.attributeArray("modules", [&] {
      for (StringRef name : llvm::make_first_range(usedModules)) {
        auto binary = module.lookupSymbol<gpu::BinaryOp>(name);
        auto object = binary && binary.getObjects().size() == 1
                          ? dyn_cast<gpu::ObjectAttr>(binary.getObjects()[0])
                          : gpu::ObjectAttr();
        StringRef format = object ? formatName(object.getFormat()) : "";
        if (format.empty()) {
          written = module.emitError("kernel module @")
                    << name
                    << " did not compile to one PTX, cubin or fatbin "
                       "object";
          continue;
        }
        json.object([&] {
          json.attribute("name", name);
          json.attribute("format", format);
          if (auto target = dyn_cast<NVVM::NVVMTargetAttr>(object.getTarget()))
            json.attribute("jit-opt-level", int64_t(target.getO()));
          json.attributeArray("kernels", [&] {
            for (const auto &[kernel, types] : kernels.find(name)->second)
              json.object([&] {
                json.attribute("name", kernel);
                llvm::json::Array arguments, params;
                for (Type type : types) {
                  arguments.push_back(planTypeName(type));
                  appendParams(type, params);
                }
                json.attributeBegin("arguments");
                json.rawValue(compact(std::move(arguments)));
                json.attributeEnd();
                json.attributeBegin("params");
                json.rawValue(compact(std::move(params)));
                json.attributeEnd();
              });
          });
          StringRef bytes = object.getObject().getValue();
          if (format == "ptx") {
            json.attribute("encoding", "text");
            json.attribute("binary", bytes);
          } else {
            json.attribute("encoding", "base64");
            json.attribute("binary", llvm::encodeBase64(bytes));
          }
        });
      }
    });
  });
  os << "\n";
  return written;
}

} // namespace

void mlir::vortex::registerKernelArtifactTranslation() {
  static llvm::cl::opt<std::string> gpuOptions(
      "vx-to-gpu-options",
      llvm::cl::desc("Options of vx-to-gpu for --vx-kernel-artifact, e.g. "
                     "'chip=sm_80 format=bin opt-level=2'"),
      llvm::cl::init(""));
  TranslateFromMLIRRegistration(
      "vx-kernel-artifact",
      "Compile a vx module into a kernel artifact: kernel binaries and the "
      "launch plans of its public functions, for libvortex_runtime.so",
      [](ModuleOp module, raw_ostream &os) {
        return writeArtifact(module, gpuOptions, os);
      },
      [](DialectRegistry &registry) { registerAllDialects(registry); });
}
