//===- GpuRowKernels.cpp - fused single-pass row kernels ------------------===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//
//
// Fuses a run of linalg ops on buffers that all iterate over the same rows --
// reductions over the innermost dimension, per-row scalar ops and
// elementwise ops over the rows -- into one gpu.launch in which a group of
// threads owns each row. Softmax, RMSNorm, LayerNorm and row reductions all
// take this shape after convert-vx-tensor-to-linalg and bufferization.
//
// Five code shapes, chosen per launch from the row length (groups that read
// each row once, row sums and maxima, stream past the registers):
//  * cached: each thread loads its slice of the row once, with vector loads,
//    and keeps it in registers for every later stage of the group, so the row
//    is read from memory once and written once;
//  * clustered: rows too long for the registers of a 512-thread block are
//    split over the 512-thread blocks of a thread-block cluster (sm_90),
//    each caching its part; the blocks send their partial reductions into
//    each other's shared memory with cp.async.bulk and wait on an mbarrier;
//  * shared: 16-bit rows past the registers of a 512-thread block (one, or
//    a cluster) that keeps its part of the row in shared memory, copied
//    with cp.async at the start and read back by every op: the kernel then
//    needs few registers and three blocks share a multiprocessor;
//  * staged: rows too long for the registers of one block but short enough
//    for its shared memory are copied there with cp.async (sm_80), each
//    thread copying and later reading only its own vectors; blocks loop over
//    rows, and the shared memory is a ring that also holds the first steps
//    of the block's next row, so the next row's read overlaps this row's
//    reductions and writes;
//  * streaming: for rows too long for the registers, each stage loops over
//    the row again (the second read mostly hits L2).
// Groups reading at most one column vector (softmax, RMSNorm) prefer
// clusters to staging; LayerNorm takes clusters of two, then staging, then
// larger clusters.
// Reductions combine within a thread, across a warp with gpu.subgroup_reduce
// and across warps through shared memory. Buffers that only carry values
// between the fused ops (the row statistics) live in registers and their
// allocations disappear.
//
//===----------------------------------------------------------------------===//

#include "RowReductions.h"
#include "Vortex/Transforms/Passes.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/LLVMIR/NVVMDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/NVGPU/IR/NVGPUDialect.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Interfaces/ValueBoundsOpInterface.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/TypeSwitch.h"

namespace mlir::vortex {
#define GEN_PASS_DEF_VXGPUROWKERNELSPASS
#include "Vortex/Transforms/Passes.h.inc"
} // namespace mlir::vortex

using namespace mlir;
using namespace mlir::vortex;

namespace {

/// How an op of a row group reads one of its operands.
enum class Access {
  Row,    // (rows..., k): the row itself
  Scalar, // (rows...): one value per row
  Column, // (k): one vector shared by all rows (weights, bias)
};

/// The role of an op in a row group.
enum class Kind { Fill, Reduce, Map, PerRow };

struct GroupOp {
  Operation *op;
  Kind kind;
  // Accesses of the generic's operands, in operand order.
  SmallVector<Access> accesses;
  // For reductions: the combining op and its kind.
  Operation *combiner = nullptr;
  gpu::AllReduceOperation reduceKind = gpu::AllReduceOperation::ADD;
};

struct RowGroup {
  SmallVector<GroupOp> ops;
  // The rank of the iteration space of the reductions and maps.
  unsigned rank = 0;
  // Row and inner dimension sizes, as (buffer, dim) variables, from the
  // first reduction.
  linalg::GenericOp anchor;
  // Buffers that only carry values between the group's ops, in the order
  // the group meets them (iterated when the fallback clones them).
  llvm::SmallSetVector<Value, 4> internal;
};

/// A code shape for one launch.
struct Config {
  int64_t threads;   // threads per row and block
  int64_t chunks;    // vectors per thread (cached); 0 = streaming
  int64_t rowsPerBlock;
  int64_t cluster = 1; // blocks per row, one thread-block cluster
  // When positive, at most this many blocks, each looping over the rows
  // block, block + grid, ... (streaming kernels).
  int64_t gridLimit = 0;
  // Streaming over copies of the rows in shared memory (needs gridLimit and
  // no cluster): a ring of at most this many streaming steps.
  int64_t stageSteps = 0;
  // The rows are known to hold at least this many elements (the length for
  // a static one; past the shape before this one in a dynamic dispatch):
  // cached chunks below it need no masks.
  int64_t minLength = 0;
  // Cached rows of the staged buffers kept in shared memory (cp.async at
  // the start) instead of registers.
  bool sharedRow = false;
  // Blocks per multiprocessor that the kernel must allow (nvvm.minctasm
  // when more than one).
  int64_t blocksPerSM = 1;
  // Cached rows loaded with an L2 evict-last cache policy.
  bool evictLast = false;
  // Cached shape whose passes each load their chunks again instead of
  // keeping the row in registers: the first read of a row input keeps it in
  // L1 (evict-last), the last lets it go (evict-first). Fewer registers,
  // more blocks per multiprocessor; needs a group that can stream.
  bool reload = false;
};

} // namespace

/// `combiner` applied to `lhs` and `rhs`.
static Value combine(OpBuilder &b, Location loc, Operation *combiner,
                     Value lhs, Value rhs) {
  IRMapping mapping;
  mapping.map(combiner->getOperand(0), lhs);
  mapping.map(combiner->getOperand(1), rhs);
  return b.clone(*combiner, mapping)->getResult(0);
}

/// `(a + b - 1) / b` for index values.
static Value ceilDiv(OpBuilder &b, Location loc, Value a, int64_t divisor) {
  Value d = arith::ConstantIndexOp::create(b, loc, divisor);
  Value biased = arith::AddIOp::create(
      b, loc, a, arith::ConstantIndexOp::create(b, loc, divisor - 1));
  return arith::DivUIOp::create(b, loc, biased, d);
}

/// The bytes of one element of each of `buffers` (memrefs), summed.
static int64_t getBytesPerElement(ArrayRef<Value> buffers) {
  int64_t bytes = 0;
  for (Value buffer : buffers)
    bytes += cast<MemRefType>(buffer.getType()).getElementTypeBitWidth() / 8;
  return bytes;
}

/// The distinct column vectors (weights, biases) the group reads, in order
/// of first use.
static SmallVector<Value> getColumnBuffers(const RowGroup &group) {
  SmallVector<Value> columns;
  for (const GroupOp &entry : group.ops)
    if (entry.kind != Kind::Fill)
      for (auto [access, operand] :
           llvm::zip(entry.accesses, entry.op->getOperands()))
        if (access == Access::Column && !llvm::is_contained(columns, operand))
          columns.push_back(operand);
  return columns;
}

/// The memref operand and dimension that gives the size of loop `loop`.
static std::optional<std::pair<Value, int64_t>>
getLoopSource(linalg::GenericOp op, unsigned loop) {
  for (OpOperand &operand : op->getOpOperands()) {
    AffineMap map = op.getMatchingIndexingMap(&operand);
    for (auto [i, expr] : llvm::enumerate(map.getResults()))
      if (auto dim = dyn_cast<AffineDimExpr>(expr);
          dim && dim.getPosition() == loop)
        return std::make_pair(operand.get(), int64_t(i));
  }
  return std::nullopt;
}

/// Whether the loop sizes of `op` equal `sizes`, as far as the value bounds
/// analysis can prove.
static bool hasLoopSizes(linalg::GenericOp op,
                         ArrayRef<std::pair<Value, int64_t>> sizes) {
  if (op.getNumLoops() != sizes.size())
    return false;
  for (unsigned loop = 0; loop < sizes.size(); ++loop) {
    auto source = getLoopSource(op, loop);
    if (!source)
      return false;
    if (*source == sizes[loop])
      continue;
    FailureOr<bool> equal = ValueBoundsConstraintSet::areEqual(
        {source->first, source->second}, {sizes[loop].first,
                                          sizes[loop].second});
    if (failed(equal) || !*equal)
      return false;
  }
  return true;
}

/// Whether `type` is a memref of plain numbers with the identity layout.
static bool isPlainBuffer(Type type, unsigned rank) {
  auto memref = dyn_cast<MemRefType>(type);
  return memref && memref.getRank() == rank && memref.getLayout().isIdentity() &&
         memref.getElementType().isIntOrFloat() &&
         memref.getElementTypeBitWidth() % 8 == 0 &&
         memref.getElementTypeBitWidth() <= 64;
}

/// How `op` (with `rank` loops of which the last is the inner one) reads
/// `operand`, or nullopt when it is none of the supported accesses.
static std::optional<Access> classify(linalg::GenericOp op, OpOperand &operand,
                                      unsigned rank) {
  AffineMap map = op.getMatchingIndexingMap(&operand);
  MLIRContext *ctx = op.getContext();
  unsigned loops = op.getNumLoops();
  Type type = operand.get().getType();
  if (loops == rank && map == AffineMap::getMultiDimIdentityMap(rank, ctx) &&
      isPlainBuffer(type, rank))
    return Access::Row;
  SmallVector<AffineExpr> rowDims;
  for (unsigned d = 0; d + 1 < rank; ++d)
    rowDims.push_back(getAffineDimExpr(d, ctx));
  if (map == AffineMap::get(loops, 0, rowDims, ctx) &&
      isPlainBuffer(type, rank - 1))
    return Access::Scalar;
  if (loops == rank && map.getNumResults() == 1 &&
      map.getResult(0) == getAffineDimExpr(rank - 1, ctx) &&
      isPlainBuffer(type, 1))
    return Access::Column;
  return std::nullopt;
}

/// The group role of `op` in a group of `rank`, with its accesses.
static std::optional<GroupOp> classifyOp(Operation *op, unsigned rank) {
  auto generic = dyn_cast<linalg::GenericOp>(op);
  if (!generic || !generic.hasPureBufferSemantics() ||
      generic.getNumDpsInits() != 1 || generic.hasIndexSemantics())
    return std::nullopt;
  GroupOp entry{op, Kind::Map, {}, nullptr, {}};
  unsigned loops = generic.getNumLoops();
  auto iterators = generic.getIteratorTypesArray();
  bool innerReduction =
      loops == rank && iterators.back() == utils::IteratorType::reduction &&
      generic.getNumReductionLoops() == 1;
  if (innerReduction) {
    entry.kind = Kind::Reduce;
    auto kind = getCombiner(generic, entry.combiner);
    Type acc = generic.getRegionOutputArgs().front().getType();
    // Cross-lane exchanges move 32-bit words.
    if (!kind || acc.getIntOrFloatBitWidth() > 32)
      return std::nullopt;
    entry.reduceKind = *kind;
  } else if (generic.getNumParallelLoops() == loops &&
             (loops == rank || loops == rank - 1)) {
    entry.kind = loops == rank ? Kind::Map : Kind::PerRow;
    if (!generic.getRegionOutputArgs().front().use_empty())
      return std::nullopt;
  } else {
    return std::nullopt;
  }
  for (OpOperand &operand : generic->getOpOperands()) {
    auto access = classify(generic, operand, rank);
    if (!access)
      return std::nullopt;
    entry.accesses.push_back(*access);
  }
  // Outputs: reductions write per row, maps the row, per-row ops per row.
  Access out = entry.accesses.back();
  if ((entry.kind == Kind::Map) != (out == Access::Row) || out == Access::Column)
    return std::nullopt;
  if (entry.kind == Kind::PerRow &&
      llvm::any_of(entry.accesses, [](Access a) { return a != Access::Scalar; }))
    return std::nullopt;
  return entry;
}

/// Ops that may sit between the ops of a group: they neither read nor write
/// buffers, so the group's launch can move past them.
static bool isTransparent(Operation *op) {
  if (isa<memref::AllocOp, memref::DimOp>(op))
    return true;
  return op->getNumRegions() == 0 && isMemoryEffectFree(op);
}

/// Collects the group that starts with the reduction `first`.
static std::optional<RowGroup> collectGroup(linalg::GenericOp first,
                                            DenseSet<Operation *> &taken) {
  RowGroup group;
  group.rank = first.getNumLoops();
  if (group.rank < 2)
    return std::nullopt;
  auto head = classifyOp(first, group.rank);
  if (!head || head->kind != Kind::Reduce)
    return std::nullopt;
  SmallVector<std::pair<Value, int64_t>> sizes;
  for (unsigned loop = 0; loop < group.rank; ++loop) {
    auto source = getLoopSource(first, loop);
    if (!source)
      return std::nullopt;
    sizes.push_back(*source);
  }
  group.anchor = first;
  // Fills just before the reduction (of its accumulator, typically).
  auto isRowFill = [&](Operation *op) {
    auto fill = dyn_cast<linalg::FillOp>(op);
    return fill && fill.hasPureBufferSemantics() && !taken.contains(op) &&
           isPlainBuffer(fill.getOutputs()[0].getType(), group.rank - 1);
  };
  SmallVector<GroupOp> fills;
  for (Operation *op = first->getPrevNode(); op; op = op->getPrevNode()) {
    if (isRowFill(op))
      fills.push_back({op, Kind::Fill, {}, nullptr, {}});
    else if (!isTransparent(op))
      break;
  }
  group.ops.append(fills.rbegin(), fills.rend());
  group.ops.push_back(*head);
  for (Operation *op = first->getNextNode(); op; op = op->getNextNode()) {
    if (taken.contains(op))
      break;
    if (isa<linalg::FillOp>(op)) {
      if (!isRowFill(op))
        break;
      group.ops.push_back({op, Kind::Fill, {}, nullptr, {}});
      continue;
    }
    if (isa<linalg::GenericOp>(op)) {
      auto entry = classifyOp(op, group.rank);
      auto generic = cast<linalg::GenericOp>(op);
      SmallVector<std::pair<Value, int64_t>> expected(sizes);
      if (entry && entry->kind == Kind::PerRow)
        expected.pop_back();
      if (!entry || !hasLoopSizes(generic, expected))
        break;
      group.ops.push_back(*entry);
      continue;
    }
    if (isTransparent(op))
      continue;
    break;
  }
  // A trailing fill initializes something outside the group.
  while (group.ops.back().kind == Kind::Fill)
    group.ops.pop_back();

  // The buffers the group writes that nothing else reads: row statistics.
  DenseSet<Operation *> members;
  for (GroupOp &entry : group.ops)
    members.insert(entry.op);
  for (GroupOp &entry : group.ops) {
    Value out = entry.kind == Kind::Fill
                    ? cast<linalg::FillOp>(entry.op).getOutputs()[0]
                    : cast<linalg::GenericOp>(entry.op).getDpsInits()[0];
    auto alloc = out.getDefiningOp<memref::AllocOp>();
    if (!alloc || alloc->getBlock() != first->getBlock())
      continue;
    bool onlyGroup = llvm::all_of(out.getUsers(), [&](Operation *user) {
      return members.contains(user) || isa<memref::DeallocOp>(user);
    });
    if (onlyGroup)
      group.internal.insert(out);
  }
  // A fill joins the kernel when its buffer is internal or a later op of the
  // group overwrites every element of it; otherwise it stays an op of its
  // own, before the launch, and the group reads what it wrote.
  SmallVector<GroupOp> kept;
  for (auto [i, entry] : llvm::enumerate(group.ops)) {
    if (entry.kind == Kind::Fill) {
      Value buffer = cast<linalg::FillOp>(entry.op).getOutputs()[0];
      bool overwritten = llvm::any_of(
          ArrayRef(group.ops).drop_front(i + 1), [&](const GroupOp &later) {
            return later.kind != Kind::Fill && later.kind != Kind::Map &&
                   cast<linalg::GenericOp>(later.op).getDpsInits()[0] ==
                       buffer;
          });
      if (!group.internal.contains(buffer) && !overwritten)
        continue;
    }
    kept.push_back(entry);
  }
  group.ops = std::move(kept);
  for (GroupOp &entry : group.ops)
    taken.insert(entry.op);
  return group;
}

/// Calls `fn` with each op of the group and each buffer it reads by rows
/// (an input it reads twice, twice).
static void forEachRowRead(const RowGroup &group,
                           function_ref<void(const GroupOp &, Value)> fn) {
  for (const GroupOp &entry : group.ops) {
    if (entry.kind == Kind::Fill)
      continue;
    auto generic = cast<linalg::GenericOp>(entry.op);
    for (auto [i, operand] : llvm::enumerate(generic.getDpsInputs()))
      if (entry.accesses[i] == Access::Row)
        fn(entry, operand);
  }
}

namespace {

/// Emits the kernel of one row group for one configuration.
class RowKernelEmitter {
public:
  RowKernelEmitter(const RowGroup &group, int64_t lanes, Value rows,
                   ArrayRef<Value> rowSizes, Value length,
                   ArrayRef<Value> stagedBuffers)
      : group(group), lanes(lanes), rows(rows), rowSizes(rowSizes),
        length(length), stagedBuffers(stagedBuffers) {}

  /// Row elements per iteration of a streaming loop of `threads` threads.
  int64_t getStepElements(int64_t threads) const {
    return threads * lanes * streamUnroll;
  }

  void emit(OpBuilder &b, Location loc, const Config &config);

private:
  Value constant(OpBuilder &b, Location loc, int64_t v) {
    return arith::ConstantIndexOp::create(b, loc, v);
  }
  Value getChunkStart(OpBuilder &b, Location loc, Value chunk);
  Value isChunkValid(OpBuilder &b, Location loc, Value start);
  /// A vector of `buffer` at `indices`: row vectors with the kernel's L2
  /// policy when it has one, any with the L1 eviction priority `l1`.
  Value loadVector(OpBuilder &b, Location loc, VectorType type, Value buffer,
                   ValueRange indices, Access access, StringRef l1 = {});
  Value loadChunk(OpBuilder &b, Location loc, Value buffer, Access access,
                  Value start, Value valid, StringRef l1 = {});
  void storeChunk(OpBuilder &b, Location loc, Value vector, Value buffer,
                  Value start, Value valid);
  Value getScalar(OpBuilder &b, Location loc, Value buffer);
  void storeScalar(OpBuilder &b, Location loc, Value value, Value buffer);
  void prefetch(OpBuilder &b, Location loc, const GroupOp &entry,
                int64_t slot, Value start, Value valid);
  SmallVector<Value> getRowIndices(OpBuilder &b, Location loc, Value row);
  SmallVector<Value> getStepChunks(OpBuilder &b, Location loc, Value step);
  void copyChunk(OpBuilder &b, Location loc, Value buffer,
                 ArrayRef<Value> ivs, Value start, Value place, Value valid);
  Value getRingPlace(OpBuilder &b, Location loc, Value step);
  void copyNextRows(OpBuilder &b, Location loc, ArrayRef<Value> buffers,
                    Value step, ArrayRef<Value> starts);
  SmallVector<Value> computeLanes(OpBuilder &b, Location loc,
                                  const GroupOp &entry, int64_t slot);
  SmallVector<Value> forEachChunk(
      OpBuilder &b, Location loc, const GroupOp &entry, ValueRange init,
      function_ref<SmallVector<Value>(OpBuilder &, Location, int64_t, Value,
                                      Value, Value, ValueRange)>
          fn);
  Value reduceAcrossThreads(OpBuilder &b, Location loc, const GroupOp &entry,
                            Value value, unsigned stage);
  Value reduceAcrossCluster(OpBuilder &b, Location loc, const GroupOp &entry,
                            Value value, unsigned stage);
  Value getExchangeAddress(OpBuilder &b, Location loc, unsigned stage,
                           int64_t offset);
  void initClusterExchange(OpBuilder &b, Location loc, unsigned stages);
  void preloadColumns(OpBuilder &b, Location loc);
  /// Whether cached chunk `slot` lies inside every row (rows hold at least
  /// `minLength` elements): its loads need no branch, its reductions no
  /// mask.
  bool isChunkInsideRows(int64_t slot) const {
    return config.chunks && (slot + 1) * config.threads * config.cluster *
                                    lanes <=
                                config.minLength;
  }
  /// The L1 eviction priority of `entry`'s loads of row input `buffer` in
  /// a reloading kernel: kept for the passes after the first read, let go
  /// at the last.
  StringRef getReloadPriority(Value buffer, const GroupOp &entry) const {
    if (!config.reload)
      return {};
    auto [first, last] = rowReaders.lookup(buffer);
    if (first == last)
      return {};
    return &entry == last ? "evict_first" : "evict_last";
  }
  void emitReduce(OpBuilder &b, Location loc, const GroupOp &entry,
                  unsigned stage);
  void emitMap(OpBuilder &b, Location loc, const GroupOp &entry);
  void emitPerRow(OpBuilder &b, Location loc, const GroupOp &entry);

  const RowGroup &group;
  int64_t lanes;
  Value rows;
  ArrayRef<Value> rowSizes;
  Value length;
  // Row inputs a staged kernel copies to shared memory.
  ArrayRef<Value> stagedBuffers;
  // Chunks per iteration of a streaming loop.
  static constexpr int64_t streamUnroll = 4;

  Config config;
  gpu::LaunchOp launch;
  Value lane, rowInBlock, rowIndex, rowValid, warp, warpLane;
  SmallVector<Value> rowIvs;
  // Per-row values in registers, by the buffer that holds them.
  DenseMap<Value, Value> scalars;
  // Row slices in registers, by buffer, one vector per chunk (streaming:
  // per chunk of the current iteration).
  DenseMap<Value, SmallVector<Value>> cache;
  // The column vectors (weights, biases) of the chunks of the current pass
  // or streaming iteration, by buffer, loaded ahead of their use.
  DenseMap<Value, SmallVector<Value>> columns;
  // Cached rows: the group's column vectors of the first chunks (as many
  // as `preloadColumnBytes` per thread hold), loaded at the start of the
  // kernel with the row's first loads.
  DenseMap<Value, SmallVector<Value>> preloaded;
  int64_t slotCount = 0;
  SmallVector<Value> shared;
  // Per reduction, the one-element buffer each block of a cluster shares.
  // Clusters: the address (i64) of the dynamic shared memory where each
  // reduction's partial results meet, the block's rank in its cluster, and
  // whether the block has waited for the cluster's barrier initialization.
  Value exchange;
  Value clusterRank;
  // With `config.evictLast`: the L2 cache policy (a 64-bit descriptor) of
  // the row loads, created at the start of the kernel.
  Value rowPolicy;
  bool clusterJoined = false;
  // Staged kernels: each staged buffer's ring of row copies in shared
  // memory, the same ring in address space 3 for vector loads (the vector
  // lowering in kernels knows no GPU address space attributes), and the op
  // after whose pass the next rows' copies of each are issued. The ring
  // holds `ringSteps` streaming steps: the row being computed (`rowSteps`)
  // and the first `aheadSteps` of the block's next row. Global step g of the
  // block (row k, step s: g = k * rowSteps + s) lives in ring step g mod
  // ringSteps, laid out as the row's step (staged kernels run without
  // clusters); `ringBase` is where the current row starts, `ringShift` what
  // the current streaming step adds to a chunk's start in the row. The
  // block's next two rows: the last pass copies their steps into the places
  // it frees.
  DenseMap<Value, Value> stagedViews, stagedLoadViews;
  DenseMap<Value, const GroupOp *> lastReader;
  // Reloading kernels: the first and the last op that reads each row input.
  DenseMap<Value, std::pair<const GroupOp *, const GroupOp *>> rowReaders;
  Value rowSteps, aheadSteps, ringSteps, ringBase, ringShift;
  SmallVector<Value> nextRowIvs, secondRowIvs;
  // Shared rows: each chunk's place in the block's copy.
  SmallVector<Value> sharedPlaces;
  Value nextRowValid, secondRowValid;
};

} // namespace

Value RowKernelEmitter::getChunkStart(OpBuilder &b, Location loc,
                                      Value chunk) {
  // Thread `lane` owns vectors lane, lane + T, lane + 2T, ... of its row,
  // T the threads of the row (over all blocks of its cluster).
  Value vectorIndex = arith::AddIOp::create(
      b, loc,
      arith::MulIOp::create(
          b, loc, chunk,
          constant(b, loc, config.threads * config.cluster)),
      lane);
  return arith::MulIOp::create(b, loc, vectorIndex, constant(b, loc, lanes));
}

Value RowKernelEmitter::isChunkValid(OpBuilder &b, Location loc, Value start) {
  // The row length is a multiple of the lane count (checked on the host).
  Value inRow = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ult, start,
                                      length);
  return arith::AndIOp::create(b, loc, inRow, rowValid);
}

void RowKernelEmitter::preloadColumns(OpBuilder &b, Location loc) {
  // The column vectors (weights, biases) of the first chunks of cached rows
  // are loaded before the row's reductions, not after them where their op
  // first uses them: their L2 latency then overlaps the row's own loads
  // instead of following the block's barrier (or the cluster's exchange).
  // Up to `preloadColumnBytes` per thread, the first chunks' (more
  // lengthens the registers' live ranges past what the longer rows afford);
  // the later chunks' are loaded at their use or ahead of it. H100 against
  // torch.compile: bf16 LayerNorm 65536x1024 1.000x -> 1.012x; bf16
  // RMSNorm 2048x32768 on clusters of two 0.979x -> 0.994x; f32 rows of
  // 16384, four of eight chunks' (RMSNorm) or two (LayerNorm), 0.992x ->
  // 0.993x and 0.986x -> 0.988x. Not for rows kept in shared memory or
  // reloaded, whose point is few registers (LayerNorm's preloaded weight
  // and bias spill a reloading kernel at four blocks per multiprocessor).
  constexpr int64_t preloadColumnBytes = 64;
  preloaded.clear();
  if (!config.chunks || config.sharedRow || config.reload)
    return;
  SmallVector<Value> operands = getColumnBuffers(group);
  if (operands.empty())
    return;
  int64_t count = std::min<int64_t>(
      config.chunks,
      preloadColumnBytes / (lanes * getBytesPerElement(operands)));
  for (int64_t c = 0; c < count; ++c) {
    Value start = getChunkStart(b, loc, constant(b, loc, c));
    Value mask = isChunkInsideRows(c) ? Value() : isChunkValid(b, loc, start);
    for (Value operand : operands)
      preloaded[operand].push_back(
          loadChunk(b, loc, operand, Access::Column, start, mask));
  }
}

/// `type` (16, 8 or 4 bytes) loaded from `buffer` at `indices` with the L1
/// eviction priority `l1` (`ld.global.L1::evict_last`; none when empty)
/// and the L2 cache policy `policy` (`ld.global.L2::cache_hint`; none when
/// null). Inline PTX: LLVM 22's NVPTX back end has no intrinsic or metadata
/// for a load with an eviction priority or a cache policy, and the NVVM
/// dialect no op for one.
static Value loadWithHints(OpBuilder &b, Location loc, VectorType type,
                           Value buffer, ValueRange indices, StringRef l1,
                           Value policy) {
  auto memrefType = cast<MemRefType>(buffer.getType());
  int64_t elementBytes = memrefType.getElementTypeBitWidth() / 8;
  int64_t words = type.getNumElements() * elementBytes / 4;
  // The element's global address: the aligned pointer (cast to the global
  // address space once per buffer) plus the strided byte offset.
  auto meta = memref::ExtractStridedMetadataOp::create(b, loc, buffer);
  Value linear = meta.getOffset();
  for (auto [index, stride] : llvm::zip(indices, meta.getStrides()))
    linear = arith::AddIOp::create(
        b, loc, linear, arith::MulIOp::create(b, loc, index, stride));
  Type i64 = b.getI64Type();
  Value bytes = arith::IndexCastOp::create(
      b, loc, i64,
      arith::MulIOp::create(
          b, loc, linear, arith::ConstantIndexOp::create(b, loc, elementBytes)));
  Value base = arith::IndexCastUIOp::create(
      b, loc, i64,
      memref::ExtractAlignedPointerAsIndexOp::create(b, loc, buffer));
  auto generic = LLVM::LLVMPointerType::get(b.getContext());
  auto global = LLVM::LLVMPointerType::get(b.getContext(), 1);
  Value address = LLVM::GEPOp::create(
      b, loc, global, b.getI8Type(),
      LLVM::AddrSpaceCastOp::create(
          b, loc, global, LLVM::IntToPtrOp::create(b, loc, generic, base)),
      ValueRange{bytes});
  // {$0, ..., $words-1} <- [$words], policy $words+1.
  std::string registers, constraints;
  for (int64_t i = 0; i < words; ++i) {
    registers += (i ? ", $" : "$") + std::to_string(i);
    constraints += "=r,";
  }
  std::string shape = words == 1 ? "" : ".v" + std::to_string(words);
  std::string text =
      "ld.global" + (l1.empty() ? "" : ".L1::" + l1.str()) +
      (policy ? ".L2::cache_hint" : "") + shape + ".b32 " +
      (words == 1 ? registers : "{" + registers + "}") + ", [$" +
      std::to_string(words) + "]" +
      (policy ? ", $" + std::to_string(words + 1) : "") + ";";
  SmallVector<Value> operands{address};
  constraints += "l";
  if (policy) {
    operands.push_back(policy);
    constraints += ",l";
  }
  Type i32 = b.getI32Type();
  Type result =
      words == 1 ? i32
                 : LLVM::LLVMStructType::getLiteral(
                       b.getContext(), SmallVector<Type>(words, i32));
  // Without side effects: LLVM may schedule it like a load (the kernel
  // never writes what another thread of it reads).
  Value loaded =
      LLVM::InlineAsmOp::create(b, loc, result, operands, text, constraints,
                                /*has_side_effects=*/false,
                                /*is_align_stack=*/false,
                                LLVM::tailcallkind::TailCallKind::None,
                                LLVM::AsmDialectAttr(), ArrayAttr())
          .getResult(0);
  SmallVector<Value> parts;
  for (int64_t i = 0; i < words; ++i)
    parts.push_back(words == 1 ? loaded
                               : LLVM::ExtractValueOp::create(b, loc, loaded, i)
                                     .getResult());
  Value vector = vector::FromElementsOp::create(
      b, loc, VectorType::get({words}, i32), parts);
  return vector::BitCastOp::create(b, loc, type, vector);
}

Value RowKernelEmitter::loadVector(OpBuilder &b, Location loc,
                                   VectorType type, Value buffer,
                                   ValueRange indices, Access access,
                                   StringRef l1) {
  int64_t bytes = type.getNumElements() *
                  type.getElementType().getIntOrFloatBitWidth() / 8;
  Value policy = access == Access::Row ? rowPolicy : Value();
  if ((policy || !l1.empty()) && bytes % 4 == 0)
    return loadWithHints(b, loc, type, buffer, indices, l1, policy);
  return vector::LoadOp::create(b, loc, type, buffer, indices,
                                /*nontemporal=*/false, llvm::MaybeAlign(bytes));
}

Value RowKernelEmitter::loadChunk(OpBuilder &b, Location loc, Value buffer,
                                  Access access, Value start, Value valid,
                                  StringRef l1) {
  auto type = cast<MemRefType>(buffer.getType());
  auto vectorType = VectorType::get({lanes}, type.getElementType());
  SmallVector<Value> indices;
  if (access == Access::Row)
    indices.append(rowIvs.begin(), rowIvs.end());
  // Without `valid`, the chunk lies inside the row (threads past the last
  // row read row 0): no branch.
  if (!config.chunks || !valid) {
    // Streaming: every thread loads, from the row's first vector when its
    // chunk lies past the row. Without a branch, the loads of an iteration
    // are all in flight at once; what invalid chunks compute is masked out
    // or not stored.
    indices.push_back(valid ? arith::SelectOp::create(b, loc, valid, start,
                                                      constant(b, loc, 0))
                                  .getResult()
                            : start);
    return loadVector(b, loc, vectorType, buffer, indices, access, l1);
  }
  indices.push_back(start);
  auto branch = scf::IfOp::create(
      b, loc, valid,
      [&](OpBuilder &t, Location l) {
        scf::YieldOp::create(
            t, l, loadVector(t, l, vectorType, buffer, indices, access, l1));
      },
      [&](OpBuilder &e, Location l) {
        Value zero = arith::ConstantOp::create(
            e, l, vectorType, e.getZeroAttr(vectorType));
        scf::YieldOp::create(e, l, zero);
      });
  return branch.getResult(0);
}

void RowKernelEmitter::storeChunk(OpBuilder &b, Location loc, Value vector,
                                  Value buffer, Value start, Value valid) {
  auto type = cast<MemRefType>(buffer.getType());
  int64_t bytes = lanes * type.getElementTypeBitWidth() / 8;
  SmallVector<Value> indices(rowIvs.begin(), rowIvs.end());
  indices.push_back(start);
  scf::IfOp::create(b, loc, valid, [&](OpBuilder &t, Location l) {
    vector::StoreOp::create(t, l, vector, buffer, indices,
                            /*nontemporal=*/false, llvm::MaybeAlign(bytes));
    scf::YieldOp::create(t, l);
  });
}

Value RowKernelEmitter::getScalar(OpBuilder &b, Location loc, Value buffer) {
  auto it = scalars.find(buffer);
  assert(it != scalars.end() && "row value read before it is loaded");
  return it->second;
}

void RowKernelEmitter::storeScalar(OpBuilder &b, Location loc, Value value,
                                   Value buffer) {
  scalars[buffer] = value;
  if (group.internal.contains(buffer))
    return;
  Value first = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, lane,
                                      constant(b, loc, 0));
  Value store = arith::AndIOp::create(b, loc, first, rowValid);
  scf::IfOp::create(b, loc, store, [&](OpBuilder &t, Location l) {
    memref::StoreOp::create(t, l, value, buffer, rowIvs);
    scf::YieldOp::create(t, l);
  });
}

void RowKernelEmitter::prefetch(OpBuilder &b, Location loc,
                                const GroupOp &entry, int64_t slot,
                                Value start, Value valid) {
  auto generic = cast<linalg::GenericOp>(entry.op);
  for (auto [i, operand] : llvm::enumerate(generic.getDpsInputs())) {
    if (entry.accesses[i] != Access::Row)
      continue;
    SmallVector<Value> &slots = cache[operand];
    slots.resize(slotCount);
    auto view = stagedLoadViews.find(operand);
    if (config.sharedRow && view != stagedLoadViews.end()) {
      // Read again from shared memory by every op.
      auto type = cast<MemRefType>(view->second.getType());
      int64_t bytes = lanes * type.getElementTypeBitWidth() / 8;
      slots[slot] = vector::LoadOp::create(
          b, loc, VectorType::get({lanes}, type.getElementType()),
          view->second, ValueRange{sharedPlaces[slot]},
          /*nontemporal=*/false, llvm::MaybeAlign(bytes));
      continue;
    }
    if (slots[slot])
      continue;
    if (view == stagedLoadViews.end()) {
      slots[slot] = loadChunk(b, loc, operand, Access::Row, start, valid,
                              getReloadPriority(operand, entry));
      continue;
    }
    // The thread's own copy; past the row, whatever its slot holds (the
    // results are masked out or not stored).
    auto type = cast<MemRefType>(view->second.getType());
    int64_t bytes = lanes * type.getElementTypeBitWidth() / 8;
    slots[slot] = vector::LoadOp::create(
        b, loc, VectorType::get({lanes}, type.getElementType()), view->second,
        ValueRange{arith::AddIOp::create(b, loc, start, ringShift)},
        /*nontemporal=*/false, llvm::MaybeAlign(bytes));
  }
}

SmallVector<Value> RowKernelEmitter::getRowIndices(OpBuilder &b, Location loc,
                                                   Value row) {
  SmallVector<Value> ivs(rowSizes.size());
  Value linear = row;
  for (int d = rowSizes.size() - 1; d >= 0; --d) {
    ivs[d] = d == 0 ? linear
                    : arith::RemUIOp::create(b, loc, linear, rowSizes[d])
                          .getResult();
    if (d > 0)
      linear = arith::DivUIOp::create(b, loc, linear, rowSizes[d]);
  }
  return ivs;
}

SmallVector<Value> RowKernelEmitter::getStepChunks(OpBuilder &b, Location loc,
                                                   Value step) {
  Value first = arith::MulIOp::create(b, loc, step,
                                      constant(b, loc, streamUnroll));
  SmallVector<Value> chunks;
  for (int64_t u = 0; u < streamUnroll; ++u)
    chunks.push_back(arith::AddIOp::create(b, loc, first, constant(b, loc, u)));
  return chunks;
}

void RowKernelEmitter::copyChunk(OpBuilder &b, Location loc, Value buffer,
                                 ArrayRef<Value> ivs, Value start, Value place,
                                 Value valid) {
  SmallVector<Value> indices(ivs);
  indices.push_back(start);
  Value view = stagedViews.lookup(buffer);
  // 16-byte copies go around L1 (cp.async.cg); PTX has that for no other
  // size.
  bool bypassL1 =
      lanes * cast<MemRefType>(view.getType()).getElementTypeBitWidth() ==
      128;
  scf::IfOp::create(b, loc, valid, [&](OpBuilder &t, Location l) {
    nvgpu::DeviceAsyncCopyOp::create(
        t, l, nvgpu::DeviceAsyncTokenType::get(t.getContext()), view,
        ValueRange{place}, buffer, indices, t.getIndexAttr(lanes),
        /*srcElements=*/Value(), bypassL1 ? t.getUnitAttr() : UnitAttr());
    scf::YieldOp::create(t, l);
  });
}

Value RowKernelEmitter::getRingPlace(OpBuilder &b, Location loc, Value step) {
  // (ringBase + step) mod ringSteps, both below ringSteps.
  Value place = arith::AddIOp::create(b, loc, ringBase, step);
  Value wraps = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::uge, place,
                                      ringSteps);
  return arith::SelectOp::create(
      b, loc, wraps, arith::SubIOp::create(b, loc, place, ringSteps), place);
}

void RowKernelEmitter::copyNextRows(OpBuilder &b, Location loc,
                                    ArrayRef<Value> buffers, Value step,
                                    ArrayRef<Value> starts) {
  // Step s of this row frees ring step g mod W (g = k R + s, W = R + A): it
  // takes global step g + W, which is step s + A of the next row while
  // s < R - A, else step s + A - R of the one after.
  int64_t stepElements = getStepElements(config.threads);
  Value firstOfSecond =
      arith::SubIOp::create(b, loc, rowSteps, aheadSteps);
  Value second = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::uge, step,
                                       firstOfSecond);
  SmallVector<Value> ivs;
  for (auto [next, after] : llvm::zip(nextRowIvs, secondRowIvs))
    ivs.push_back(arith::SelectOp::create(b, loc, second, after, next));
  Value rowOk =
      arith::SelectOp::create(b, loc, second, secondRowValid, nextRowValid);
  Value sourceStep = arith::SelectOp::create(
      b, loc, second, arith::SubIOp::create(b, loc, aheadSteps, rowSteps),
      aheadSteps);
  Value offset = arith::MulIOp::create(b, loc, sourceStep,
                                       constant(b, loc, stepElements));
  for (Value start : starts) {
    Value source = arith::AddIOp::create(b, loc, start, offset);
    Value valid = arith::AndIOp::create(
        b, loc, rowOk,
        arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ult, source,
                              length));
    Value place = arith::AddIOp::create(b, loc, start, ringShift);
    for (Value buffer : buffers)
      copyChunk(b, loc, buffer, ivs, source, place, valid);
  }
  // The copies of the next row end a group: the next row waits for every
  // group but the last.
  Value last = arith::CmpIOp::create(
      b, loc, arith::CmpIPredicate::eq,
      arith::AddIOp::create(b, loc, step, constant(b, loc, 1)), firstOfSecond);
  scf::IfOp::create(b, loc, last, [&](OpBuilder &t, Location l) {
    NVVM::CpAsyncCommitGroupOp::create(t, l);
    scf::YieldOp::create(t, l);
  });
}

SmallVector<Value> RowKernelEmitter::computeLanes(OpBuilder &b, Location loc,
                                                  const GroupOp &entry,
                                                  int64_t slot) {
  auto generic = cast<linalg::GenericOp>(entry.op);
  // The chunk of each input, as a vector.
  SmallVector<Value> inputs;
  for (auto [i, operand] : llvm::enumerate(generic.getDpsInputs())) {
    Access access = entry.accesses[i];
    if (access == Access::Scalar)
      inputs.push_back(getScalar(b, loc, operand));
    else if (access == Access::Row)
      inputs.push_back(cache[operand][slot]);
    else
      inputs.push_back(columns[operand][slot]);
  }
  // The body, once per lane.
  Block &body = generic.getRegion().front();
  SmallVector<Value> results;
  for (int64_t l = 0; l < lanes; ++l) {
    IRMapping mapping;
    for (auto [i, arg] : llvm::enumerate(generic.getRegionInputArgs())) {
      Value in = inputs[i];
      if (isa<VectorType>(in.getType()))
        in = vector::ExtractOp::create(b, loc, in, l);
      mapping.map(arg, in);
    }
    for (Operation &inner : body.without_terminator()) {
      if (&inner == entry.combiner)
        continue;
      b.clone(inner, mapping);
    }
    Value result;
    if (entry.combiner) {
      Value acc = generic.getRegionOutputArgs().front();
      Value f = entry.combiner->getOperand(0) == acc
                    ? entry.combiner->getOperand(1)
                    : entry.combiner->getOperand(0);
      result = mapping.lookupOrDefault(f);
    } else {
      result = mapping.lookupOrDefault(body.getTerminator()->getOperand(0));
    }
    results.push_back(result);
  }
  return results;
}

Value RowKernelEmitter::reduceAcrossThreads(OpBuilder &b, Location loc,
                                            const GroupOp &entry, Value value,
                                            unsigned stage) {
  auto kind = entry.reduceKind;
  if (config.threads <= 32) {
    std::optional<uint32_t> cluster;
    if (config.threads < 32)
      cluster = config.threads;
    return gpu::SubgroupReduceOp::create(b, loc, value, kind,
                                         /*uniform=*/false, cluster);
  }
  Value warpTotal = gpu::SubgroupReduceOp::create(b, loc, value, kind,
                                                  /*uniform=*/false);
  Value buffer = shared[stage];
  Value first = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq,
                                      warpLane, constant(b, loc, 0));
  scf::IfOp::create(b, loc, first, [&](OpBuilder &t, Location l) {
    memref::StoreOp::create(t, l, warpTotal, buffer, ValueRange{warp});
    scf::YieldOp::create(t, l);
  });
  gpu::BarrierOp::create(b, loc);
  // The warps of this thread's row, when a block holds several rows.
  int64_t warps = config.threads / 32;
  Value firstWarp = arith::MulIOp::create(b, loc, rowInBlock,
                                          constant(b, loc, warps));
  Value total;
  for (int64_t w = 0; w < warps; ++w) {
    Value index =
        arith::AddIOp::create(b, loc, firstWarp, constant(b, loc, w));
    Value part = memref::LoadOp::create(b, loc, buffer, ValueRange{index});
    total = w ? combine(b, loc, entry.combiner, total, part) : part;
  }
  if (config.cluster > 1)
    return reduceAcrossCluster(b, loc, entry, total, stage);
  return total;
}

// Per reduction, the blocks of a cluster exchange their totals through
// dynamic shared memory laid out as `stage` x (cluster 16-byte receive
// slots, a 16-byte send slot, an 8-byte mbarrier, padding to 16 bytes).
static int64_t getExchangeStride(int64_t cluster) { return 16 * cluster + 32; }
static int64_t getSendOffset(int64_t cluster) { return 16 * cluster; }
static int64_t getBarrierOffset(int64_t cluster) { return 16 * cluster + 16; }

Value RowKernelEmitter::getExchangeAddress(OpBuilder &b, Location loc,
                                           unsigned stage, int64_t offset) {
  Value address = arith::AddIOp::create(
      b, loc, exchange,
      arith::ConstantIntOp::create(
          b, loc, b.getI64Type(),
          stage * getExchangeStride(config.cluster) + offset));
  return LLVM::IntToPtrOp::create(
      b, loc, LLVM::LLVMPointerType::get(b.getContext(), 3), address);
}

void RowKernelEmitter::initClusterExchange(OpBuilder &b, Location loc,
                                           unsigned stages) {
  // The first thread initializes one mbarrier per reduction (one arrival:
  // its own, with the bytes the other blocks will send); the cluster's
  // blocks copy into each other's only once every block has arrived here
  // (the wait comes before the first exchange, so the row's loads run in
  // between).
  Value first = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq,
                                      launch.getThreadIds().x,
                                      constant(b, loc, 0));
  scf::IfOp::create(b, loc, first, [&](OpBuilder &t, Location l) {
    for (unsigned stage = 0; stage < stages; ++stage)
      NVVM::MBarrierInitOp::create(
          t, l,
          getExchangeAddress(t, l, stage, getBarrierOffset(config.cluster)),
          arith::ConstantIntOp::create(t, l, t.getI32Type(), 1), Value());
    NVVM::FenceMbarrierInitOp::create(t, l);
    scf::YieldOp::create(t, l);
  });
  NVVM::ClusterArriveRelaxedOp::create(b, loc, b.getUnitAttr());
  clusterJoined = false;
}

Value RowKernelEmitter::reduceAcrossCluster(OpBuilder &b, Location loc,
                                            const GroupOp &entry, Value value,
                                            unsigned stage) {
  // The first thread of each block writes the block's total to its send
  // slot and copies it (cp.async.bulk, 16 bytes) into receive slot `rank`
  // of every other block, completing bytes on that block's mbarrier; every
  // thread waits for its block's mbarrier and combines the totals in rank
  // order, so every block computes the same value. No cluster-wide memory
  // barrier: a release at cluster scope costs a MEMBAR.ALL.GPU, which waits
  // for the block's outstanding global memory operations.
  if (!clusterJoined) {
    NVVM::ClusterWaitOp::create(b, loc, b.getUnitAttr());
    clusterJoined = true;
  }
  MLIRContext *ctx = b.getContext();
  Type i32 = b.getI32Type();
  int64_t cluster = config.cluster;
  Value send = getExchangeAddress(b, loc, stage, getSendOffset(cluster));
  Value barrier =
      getExchangeAddress(b, loc, stage, getBarrierOffset(cluster));
  Value first = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq,
                                      launch.getThreadIds().x,
                                      constant(b, loc, 0));
  Value rank32 = arith::IndexCastUIOp::create(b, loc, i32, clusterRank);
  scf::IfOp::create(b, loc, first, [&](OpBuilder &t, Location l) {
    LLVM::StoreOp::create(t, l, value, send);
    // The copy reads the slot through the async proxy.
    NVVM::FenceProxyOp::create(
        t, l, NVVM::ProxyKindAttr::get(ctx, NVVM::ProxyKind::async_shared),
        NVVM::SharedSpaceAttr::get(ctx, NVVM::SharedSpace::shared_cta));
    NVVM::MBarrierArriveExpectTxOp::create(
        t, l, Type(), barrier,
        arith::ConstantIntOp::create(t, l, i32, 16 * (cluster - 1)),
        NVVM::MemScopeKind::CTA, /*relaxed=*/false, Value());
    auto address32 = [&](Value pointer) -> Value {
      return LLVM::PtrToIntOp::create(t, l, i32, pointer);
    };
    // The receive slot of this block in every block.
    Value slot = getExchangeAddress(t, l, stage, 0);
    slot = LLVM::AddOp::create(
        t, l, address32(slot),
        arith::MulIOp::create(t, l, rank32,
                              arith::ConstantIntOp::create(t, l, i32, 16)));
    Value from = address32(send), mbar = address32(barrier);
    for (int64_t r = 0; r < cluster; ++r) {
      Value peer = arith::ConstantIntOp::create(t, l, i32, r);
      Value other = arith::CmpIOp::create(t, l, arith::CmpIPredicate::ne, peer,
                                          rank32);
      scf::IfOp::create(t, l, other, [&](OpBuilder &u, Location ul) {
        LLVM::InlineAsmOp::create(
            u, ul, TypeRange(), ValueRange{slot, from, mbar, peer},
            "{\n\t.reg .b32 d, m;\n\t"
            "mapa.shared::cluster.u32 d, $0, $3;\n\t"
            "mapa.shared::cluster.u32 m, $2, $3;\n\t"
            "cp.async.bulk.shared::cluster.shared::cta.mbarrier::complete_tx::"
            "bytes [d], [$1], 16, [m];\n\t}",
            "r,r,r,r", /*has_side_effects=*/true, /*is_align_stack=*/false,
            LLVM::tailcallkind::TailCallKind::None,
            LLVM::AsmDialectAttr::get(ctx, LLVM::AsmDialect::AD_ATT),
            /*operand_attrs=*/ArrayAttr());
        scf::YieldOp::create(u, ul);
      });
    }
    scf::YieldOp::create(t, l);
  });
  // Each mbarrier completes one phase, in the one row of the cluster.
  NVVM::MBarrierTryWaitParityOp::create(
      b, loc, barrier, arith::ConstantIntOp::create(b, loc, i32, 0),
      arith::ConstantIntOp::create(b, loc, i32, 10000000));
  Value total;
  for (int64_t r = 0; r < cluster; ++r) {
    Value received = LLVM::LoadOp::create(
        b, loc, value.getType(), getExchangeAddress(b, loc, stage, 16 * r));
    Value own = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq,
                                      clusterRank, constant(b, loc, r));
    Value part = arith::SelectOp::create(b, loc, own, value, received);
    total = r ? combine(b, loc, entry.combiner, total, part) : part;
  }
  return total;
}

void RowKernelEmitter::emitReduce(OpBuilder &b, Location loc,
                                  const GroupOp &entry, unsigned stage) {
  auto generic = cast<linalg::GenericOp>(entry.op);
  Type accType = generic.getRegionOutputArgs().front().getType();
  Value identity = arith::ConstantOp::create(
      b, loc, getIdentity(b, entry.reduceKind, accType));
  // One accumulator per lane, folded together at the end.
  SmallVector<Value> accs(lanes, identity);
  accs = forEachChunk(
      b, loc, entry, accs,
      [&](OpBuilder &cb, Location l, int64_t slot, Value, Value, Value mask,
          ValueRange iter) {
        SmallVector<Value> values = computeLanes(cb, l, entry, slot);
        SmallVector<Value> next;
        for (auto [value, acc] : llvm::zip(values, iter)) {
          Value masked =
              mask ? arith::SelectOp::create(cb, l, mask, value, identity)
                         .getResult()
                   : value;
          // The first chunk of a cached row starts the accumulator (adding
          // +0.0 is not folded away).
          next.push_back(acc == identity
                             ? masked
                             : combine(cb, l, entry.combiner, masked, acc));
        }
        return next;
      });
  // Pairwise, for a short dependence chain.
  while (accs.size() > 1) {
    SmallVector<Value> half;
    for (size_t i = 0; i + 1 < accs.size(); i += 2)
      half.push_back(combine(b, loc, entry.combiner, accs[i], accs[i + 1]));
    if (accs.size() % 2)
      half.push_back(accs.back());
    accs = std::move(half);
  }
  Value total = reduceAcrossThreads(b, loc, entry, accs.front(), stage);
  Value out = generic.getDpsInits()[0];
  Value init = getScalar(b, loc, out);
  // The output's initial value is the combiner's accumulator operand.
  Value acc = generic.getRegionOutputArgs().front();
  Value result = entry.combiner->getOperand(0) == acc
                     ? combine(b, loc, entry.combiner, init, total)
                     : combine(b, loc, entry.combiner, total, init);
  storeScalar(b, loc, result, out);
}

void RowKernelEmitter::emitMap(OpBuilder &b, Location loc,
                               const GroupOp &entry) {
  auto generic = cast<linalg::GenericOp>(entry.op);
  Value out = generic.getDpsInits()[0];
  auto outType = cast<MemRefType>(out.getType());
  auto vectorType = VectorType::get({lanes}, outType.getElementType());
  bool internal = group.internal.contains(out);
  forEachChunk(b, loc, entry, {},
               [&](OpBuilder &cb, Location l, int64_t slot, Value start,
                   Value valid, Value, ValueRange) {
                 SmallVector<Value> values =
                     computeLanes(cb, l, entry, slot);
                 Value packed =
                     vector::FromElementsOp::create(cb, l, vectorType, values);
                 SmallVector<Value> &slots = cache[out];
                 slots.resize(slotCount);
                 slots[slot] = packed;
                 if (!internal)
                   storeChunk(cb, l, packed, out, start, valid);
                 return SmallVector<Value>();
               });
}

SmallVector<Value> RowKernelEmitter::forEachChunk(
    OpBuilder &b, Location loc, const GroupOp &entry, ValueRange init,
    function_ref<SmallVector<Value>(OpBuilder &, Location, int64_t, Value,
                                    Value, Value, ValueRange)>
        fn) {
  // Streaming iterations issue their loads first, then compute, so that a
  // thread has all its loads in flight before it waits for the first.
  // Cached rows load chunk by chunk, each guarded by its own branch: on the
  // H100 this measured faster for 512-thread rows than loading every chunk
  // first (16384-element bf16 softmax about 85% of copy bandwidth against
  // 75%).
  // Staged buffers that this op reads last in a row: after its read of a
  // vector, the thread copies the next row's vector into the same place.
  SmallVector<Value> copiesNext;
  for (Value buffer : stagedBuffers)
    if (config.stageSteps && lastReader.lookup(buffer) == &entry)
      copiesNext.push_back(buffer);
  // `inRow`: every chunk lies inside the row.
  // Column vectors are loaded `columnsAhead` chunks before their use: a
  // store of an earlier chunk's results would otherwise keep the load (and
  // its L2 latency) behind it. Streaming iterations load those of two
  // chunks ahead (all four spilled registers of the 1024-thread kernels),
  // clustered rows as many as 32 bytes per thread allow (64 spilled),
  // cached rows on 256 to 512 threads one chunk ahead (H100 against
  // torch.compile, f32 rows of 16384: RMSNorm 0.985x -> 0.992x, LayerNorm
  // 0.978x -> 0.986x; bf16 LayerNorm of 32768 1.275x -> 1.293x); the other
  // cached rows load them at their use (one chunk ahead spilled the
  // 1024-thread bf16 kernels and cost their LayerNorm 5 points of copy
  // bandwidth on the H100).
  auto generic = cast<linalg::GenericOp>(entry.op);
  SmallVector<Value> columnInputs;
  int64_t columnBytes = 0;
  for (auto [i, operand] : llvm::enumerate(generic.getDpsInputs()))
    if (entry.accesses[i] == Access::Column &&
        !llvm::is_contained(columnInputs, operand)) {
      columnInputs.push_back(operand);
      columnBytes += lanes *
                     cast<MemRefType>(operand.getType()).getElementTypeBitWidth() /
                     8;
    }
  int64_t columnsAhead = 0;
  if (!config.chunks)
    columnsAhead = 2;
  else if (config.cluster > 1)
    columnsAhead = std::max<int64_t>(1, 32 / std::max<int64_t>(1, columnBytes));
  else if (config.threads >= 256 && config.threads <= 512)
    columnsAhead = 1;
  auto run = [&](OpBuilder &cb, Location l, Value step, ArrayRef<Value> chunks,
                 ValueRange iter, bool inRow) {
    bool loadsFirst = !config.chunks || config.reload;
    // `valids`: the chunk is in a row and inside it (what stores need);
    // `masks`: whether it lies inside the row, null when it does for every
    // thread (loads need no branch, reductions no mask).
    SmallVector<Value> starts, valids, masks;
    for (auto [slot, chunk] : llvm::enumerate(chunks)) {
      starts.push_back(getChunkStart(cb, l, chunk));
      bool inside = inRow || isChunkInsideRows(slot);
      valids.push_back(inside ? rowValid
                              : isChunkValid(cb, l, starts.back()));
      masks.push_back(inside ? Value() : valids.back());
      if (loadsFirst)
        prefetch(cb, l, entry, slot, starts.back(), masks.back());
    }
    columns.clear();
    auto loadColumns = [&](size_t slot) {
      if (slot >= chunks.size())
        return;
      for (Value operand : columnInputs) {
        SmallVector<Value> &slots = columns[operand];
        slots.resize(chunks.size());
        auto early = preloaded.find(operand);
        slots[slot] = early != preloaded.end() && slot < early->second.size()
                          ? early->second[slot]
                          : loadChunk(cb, l, operand, Access::Column,
                                      starts[slot], masks[slot]);
      }
    };
    for (int64_t slot = 0; slot < columnsAhead; ++slot)
      loadColumns(slot);
    SmallVector<Value> values(iter);
    for (auto [slot, chunk] : llvm::enumerate(chunks)) {
      if (!loadsFirst)
        prefetch(cb, l, entry, slot, starts[slot], masks[slot]);
      loadColumns(slot + columnsAhead);
      values = fn(cb, l, slot, starts[slot], valids[slot], masks[slot], values);
    }
    if (!copiesNext.empty())
      copyNextRows(cb, l, copiesNext, step, starts);
    return values;
  };
  if (config.chunks) {
    SmallVector<Value> chunks;
    for (int64_t c = 0; c < config.chunks; ++c)
      chunks.push_back(constant(b, loc, c));
    if (config.reload)
      cache.clear();
    return run(b, loc, Value(), chunks, init, /*inRow=*/false);
  }
  // Streaming: `slotCount` chunks per iteration, nothing kept across. The
  // iterations that lie inside the row for every thread need no masks; at
  // most one more takes the end of the row.
  int64_t stepElements = getStepElements(config.threads);
  Value whole = arith::DivUIOp::create(b, loc, length,
                                       constant(b, loc, stepElements));
  Value steps = ceilDiv(b, loc, length, stepElements);
  // LLVM would fully unroll a loop of a known trip count (a static row
  // length); the straight-line code then holds more of the row than its
  // registers allow, and ptxas issues the loads a few at a time (H100, bf16
  // row sum 1024x65536 static: 0.90x torch.compile against 1.01x rolled).
  // Each iteration already holds `streamUnroll` chunks in flight.
  auto noUnroll = LLVM::LoopAnnotationAttr::get(
      b.getContext(), /*disableNonforced=*/nullptr, /*vectorize=*/nullptr,
      /*interleave=*/nullptr,
      LLVM::LoopUnrollAttr::get(b.getContext(), /*disable=*/b.getBoolAttr(true),
                                /*count=*/nullptr, /*runtimeDisable=*/nullptr,
                                /*full=*/nullptr, /*followupUnrolled=*/nullptr,
                                /*followupRemainder=*/nullptr,
                                /*followupAll=*/nullptr),
      /*unrollAndJam=*/nullptr, /*licm=*/nullptr, /*distribute=*/nullptr,
      /*pipeline=*/nullptr, /*peeled=*/nullptr, /*unswitch=*/nullptr,
      /*mustProgress=*/nullptr, /*isVectorized=*/nullptr,
      /*startLoc=*/nullptr, /*endLoc=*/nullptr, /*parallelAccesses=*/{});
  auto makeLoop = [&](Value lower, Value upper, ValueRange init, bool inRow) {
    auto loop = scf::ForOp::create(
        b, loc, lower, upper, constant(b, loc, 1), init,
        [&](OpBuilder &lb, Location l, Value step, ValueRange iter) {
          cache.clear();
          if (config.stageSteps)
            ringShift = arith::MulIOp::create(
                lb, l,
                arith::SubIOp::create(lb, l, getRingPlace(lb, l, step), step),
                constant(lb, l, stepElements));
          scf::YieldOp::create(
              lb, l,
              run(lb, l, step, getStepChunks(lb, l, step), iter, inRow));
          cache.clear();
        });
    loop->setAttr(LLVM::LoopAnnotationAttr::getMnemonic(), noUnroll);
    return loop;
  };
  scf::ForOp inside = makeLoop(constant(b, loc, 0), whole, init, true);
  scf::ForOp loop = makeLoop(whole, steps, inside.getResults(), false);
  // The copies of the row after next that this op's pass issued form one
  // group.
  if (!copiesNext.empty())
    NVVM::CpAsyncCommitGroupOp::create(b, loc);
  return SmallVector<Value>(loop.getResults());
}

void RowKernelEmitter::emitPerRow(OpBuilder &b, Location loc,
                                  const GroupOp &entry) {
  auto generic = cast<linalg::GenericOp>(entry.op);
  IRMapping mapping;
  for (auto [arg, operand] :
       llvm::zip(generic.getRegionInputArgs(), generic.getDpsInputs()))
    mapping.map(arg, getScalar(b, loc, operand));
  Block &body = generic.getRegion().front();
  for (Operation &inner : body.without_terminator())
    b.clone(inner, mapping);
  storeScalar(b, loc,
              mapping.lookupOrDefault(body.getTerminator()->getOperand(0)),
              generic.getDpsInits()[0]);
}

void RowKernelEmitter::emit(OpBuilder &b, Location loc, const Config &c) {
  config = c;
  slotCount = config.chunks ? config.chunks : streamUnroll;
  scalars.clear();
  cache.clear();
  shared.clear();
  exchange = Value();
  rowPolicy = Value();
  stagedViews.clear();
  stagedLoadViews.clear();
  lastReader.clear();
  rowReaders.clear();
  sharedPlaces.clear();
  Value one = constant(b, loc, 1);
  Value perBlock = constant(b, loc, config.rowsPerBlock);
  Value blocks = ceilDiv(b, loc, rows, config.rowsPerBlock);
  // A grid of at most `gridLimit` blocks that loop over the rows: as few
  // rounds of rows as that many blocks need, and the fewest blocks that
  // take them in as many rounds, so that every block takes as many rows
  // (give or take one) and none is left with a last row to itself. H100
  // against torch.compile, from `min(rows, gridLimit)` blocks: f32 row max
  // 270x65536 0.965x -> 1.020x, row sum 512x131072 0.997x -> 1.005x,
  // 1024x65536 0.996x -> 1.001x; f32 softmax 140x262144 0.909x -> 0.989x,
  // LayerNorm 0.688x -> 0.769x; bf16 RMSNorm 133x524288 0.794x -> 0.921x.
  if (config.gridLimit) {
    Value rounds = arith::CeilDivUIOp::create(
        b, loc, blocks, constant(b, loc, config.gridLimit));
    blocks = arith::CeilDivUIOp::create(b, loc, blocks, rounds);
  }
  if (config.cluster > 1)
    blocks = arith::MulIOp::create(b, loc, blocks,
                                   constant(b, loc, config.cluster));
  Value threads = constant(b, loc, config.threads * config.rowsPerBlock);
  SmallVector<Type> workgroup;
  auto space = gpu::AddressSpaceAttr::get(b.getContext(),
                                          gpu::AddressSpace::Workgroup);
  // Per reduction, a buffer of `size` accumulators in shared memory.
  auto addBuffers = [&](int64_t size) {
    for (const GroupOp &entry : group.ops)
      if (entry.kind == Kind::Reduce)
        workgroup.push_back(MemRefType::get(
            {size},
            cast<linalg::GenericOp>(entry.op)
                .getRegionOutputArgs()
                .front()
                .getType(),
            MemRefLayoutAttrInterface{}, space));
  };
  // The warps' partial results.
  if (config.threads > 32)
    addBuffers(32);
  Value clusterSize =
      config.cluster > 1 ? constant(b, loc, config.cluster) : Value();
  // Staged kernels: a ring of each staged buffer's rows in dynamic shared
  // memory, whole streaming steps: the row (which the host's dispatch fits
  // in `stageSteps`) and as much of the next row as the rest holds, at most
  // all of it.
  Value ringElements, sharedBytes;
  if (config.stageSteps) {
    int64_t step = getStepElements(config.threads);
    rowSteps = ceilDiv(b, loc, length, step);
    aheadSteps = arith::MinUIOp::create(
        b, loc,
        arith::SubIOp::create(b, loc, constant(b, loc, config.stageSteps),
                              rowSteps),
        rowSteps);
    ringSteps = arith::AddIOp::create(b, loc, rowSteps, aheadSteps);
    ringElements =
        arith::MulIOp::create(b, loc, ringSteps, constant(b, loc, step));
    sharedBytes = arith::IndexCastOp::create(
        b, loc, b.getI32Type(),
        arith::MulIOp::create(
            b, loc, ringElements,
            constant(b, loc, getBytesPerElement(stagedBuffers))));
  }
  // Clusters: where the blocks' totals meet (staged kernels run without).
  unsigned reductions = llvm::count_if(
      group.ops, [](const GroupOp &entry) { return entry.kind == Kind::Reduce; });
  // Shared rows: the block's part of the row after the exchange slots.
  int64_t exchangeBytes =
      config.cluster > 1 ? reductions * getExchangeStride(config.cluster) : 0;
  int64_t rowElements = config.chunks * config.threads * lanes;
  if (config.cluster > 1 || config.sharedRow)
    sharedBytes = arith::ConstantIntOp::create(
        b, loc, b.getI32Type(),
        exchangeBytes +
            (config.sharedRow
                 ? rowElements * getBytesPerElement(stagedBuffers)
                 : 0));
  launch = gpu::LaunchOp::create(
      b, loc, blocks, one, one, threads, one, one,
      /*dynamicSharedMemorySize=*/sharedBytes,
      /*asyncTokenType=*/nullptr,
      /*asyncDependencies=*/{}, workgroup, /*privateAttributions=*/{},
      clusterSize, clusterSize ? one : Value(), clusterSize ? one : Value());
  // Blocks that cache their rows in registers take as many as ptxas wants,
  // which for 512-thread blocks often leaves room for only one block per
  // multiprocessor: nothing then overlaps one block's reductions with
  // another's loads (bf16 LayerNorm on rows of 16384: 69 registers, 75% of
  // copy bandwidth). Ask for at least 1024 resident threads.
  int64_t blockThreads = config.threads * config.rowsPerBlock;
  if (config.blocksPerSM > 1)
    launch->setAttr("nvvm.minctasm",
                    b.getI32IntegerAttr(int32_t(config.blocksPerSM)));
  else if (config.chunks && blockThreads >= 512 && blockThreads < 1024)
    launch->setAttr("nvvm.minctasm",
                    b.getI32IntegerAttr(int32_t(1024 / blockThreads)));
  // MLIR 22's builder leaves out the six cluster id and size arguments of
  // the body, which the op's accessors expect after the twelve block and
  // thread ones.
  Block &body = launch.getBody().front();
  if (clusterSize && body.getNumArguments() == 12 + workgroup.size())
    for (unsigned i = 0; i < 6; ++i)
      body.insertArgument(12 + i, b.getIndexType(), loc);
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToStart(&body);
  for (Value arg : launch.getWorkgroupAttributions())
    shared.push_back(arg);

  if (config.evictLast)
    rowPolicy = LLVM::InlineAsmOp::create(
                    b, loc, b.getI64Type(), ValueRange{},
                    "createpolicy.fractional.L2::evict_last.b64 $0, 1.0;",
                    "=l", /*has_side_effects=*/false,
                    /*is_align_stack=*/false,
                    LLVM::tailcallkind::TailCallKind::None,
                    LLVM::AsmDialectAttr(), ArrayAttr())
                    .getResult(0);
  Value tid = launch.getThreadIds().x;
  Value width = constant(b, loc, config.threads);
  Value block = launch.getBlockIds().x;
  lane = arith::RemUIOp::create(b, loc, tid, width);
  Value localLane = lane;
  // The launch's dynamic shared memory, as bytes (staged rows, cluster
  // exchanges).
  auto getDynamicShared = [&]() -> Value {
    return gpu::DynamicSharedMemoryOp::create(
        b, loc,
        MemRefType::get({ShapedType::kDynamic}, b.getI8Type(),
                        MemRefLayoutAttrInterface{}, space));
  };
  // Each staged buffer's copy of `elements` elements in the dynamic shared
  // memory, from byte `offset` on, one after the other.
  auto addStagedViews = [&](Value offset, Value elements) {
    Value raw = getDynamicShared();
    for (Value buffer : stagedBuffers) {
      Type element = cast<MemRefType>(buffer.getType()).getElementType();
      stagedViews[buffer] = memref::ViewOp::create(
          b, loc,
          MemRefType::get({ShapedType::kDynamic}, element,
                          MemRefLayoutAttrInterface{}, space),
          raw, offset, ValueRange{elements});
      stagedLoadViews[buffer] = memref::MemorySpaceCastOp::create(
          b, loc,
          MemRefType::get({ShapedType::kDynamic}, element,
                          MemRefLayoutAttrInterface{},
                          b.getI64IntegerAttr(static_cast<int64_t>(
                              NVVM::NVVMMemorySpace::Shared))),
          stagedViews[buffer]);
      offset = arith::AddIOp::create(
          b, loc, offset,
          arith::MulIOp::create(
              b, loc, elements,
              constant(b, loc, element.getIntOrFloatBitWidth() / 8)));
    }
  };
  if (config.stageSteps) {
    addStagedViews(constant(b, loc, 0), ringElements);
    forEachRowRead(group, [&](const GroupOp &entry, Value operand) {
      if (stagedViews.count(operand))
        lastReader[operand] = &entry;
    });
  }
  if (config.reload)
    forEachRowRead(group, [&](const GroupOp &entry, Value operand) {
      if (group.internal.contains(operand))
        return;
      auto &readers = rowReaders[operand];
      if (!readers.first)
        readers.first = &entry;
      readers.second = &entry;
    });
  if (config.cluster > 1) {
    // Blocks of a cluster are consecutive; block `rank` of the cluster holds
    // the row's threads rank * T ... (rank + 1) * T - 1.
    Value size = constant(b, loc, config.cluster);
    clusterRank = arith::RemUIOp::create(b, loc, block, size);
    block = arith::DivUIOp::create(b, loc, block, size);
    lane = arith::AddIOp::create(
        b, loc, arith::MulIOp::create(b, loc, clusterRank, width), lane);
    exchange = arith::IndexCastUIOp::create(
        b, loc, b.getI64Type(),
        memref::ExtractAlignedPointerAsIndexOp::create(b, loc,
                                                       getDynamicShared()));
    initClusterExchange(b, loc, reductions);
  }
  if (config.sharedRow)
    addStagedViews(constant(b, loc, exchangeBytes),
                   constant(b, loc, rowElements));
  warp = arith::DivUIOp::create(b, loc, tid, constant(b, loc, 32));
  warpLane = arith::RemUIOp::create(b, loc, tid, constant(b, loc, 32));
  rowInBlock = arith::DivUIOp::create(b, loc, tid, width);
  rowIndex = arith::AddIOp::create(
      b, loc, arith::MulIOp::create(b, loc, block, perBlock), rowInBlock);
  // A persistent grid: each block takes rows block, block + grid, ...
  scf::ForOp rowLoop;
  Value grid = launch.getGridSize().x;
  // The row `ahead` rows of the block after `row`: whether there is one,
  // and its indices (row 0's when there is none).
  auto getLaterRow = [&](Value row, int64_t ahead,
                         SmallVector<Value> &ivs) -> Value {
    Value later = arith::AddIOp::create(
        b, loc, row,
        arith::MulIOp::create(b, loc, grid, constant(b, loc, ahead)));
    Value valid =
        arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ult, later, rows);
    ivs = getRowIndices(
        b, loc,
        arith::SelectOp::create(b, loc, valid, later, constant(b, loc, 0)));
    return valid;
  };
  if (config.stageSteps) {
    // Every thread copies its vectors of the block's first row (the grid
    // has at most one block per row) to ring steps 0 ... R - 1, then those
    // of the first A steps of its next row to steps R ... R + A - 1: one
    // group each.
    int64_t step = getStepElements(config.threads);
    auto copySteps = [&](ArrayRef<Value> ivs, Value rowOk, Value steps,
                         Value placeOffset) {
      auto loop = scf::ForOp::create(
          b, loc, constant(b, loc, 0), steps, one, ValueRange{},
          [&](OpBuilder &lb, Location l, Value i, ValueRange) {
            for (Value chunk : getStepChunks(lb, l, i)) {
              Value start = getChunkStart(lb, l, chunk);
              Value valid = arith::AndIOp::create(
                  lb, l, rowOk,
                  arith::CmpIOp::create(lb, l, arith::CmpIPredicate::ult,
                                        start, length));
              Value place = arith::AddIOp::create(lb, l, start, placeOffset);
              for (Value buffer : stagedBuffers)
                copyChunk(lb, l, buffer, ivs, start, place, valid);
            }
            scf::YieldOp::create(lb, l);
          });
      b.setInsertionPointAfter(loop);
      NVVM::CpAsyncCommitGroupOp::create(b, loc);
    };
    Value yes = arith::ConstantIntOp::create(b, loc, 1, 1);
    copySteps(getRowIndices(b, loc, rowIndex), yes, rowSteps,
              constant(b, loc, 0));
    SmallVector<Value> nextIvs;
    Value nextOk = getLaterRow(rowIndex, 1, nextIvs);
    copySteps(nextIvs, nextOk, aheadSteps,
              arith::MulIOp::create(b, loc, rowSteps, constant(b, loc, step)));
  }
  if (config.gridLimit) {
    SmallVector<Value> init;
    if (config.stageSteps)
      init.push_back(constant(b, loc, 0));
    rowLoop = scf::ForOp::create(b, loc, rowIndex, rows, grid, init);
    b.setInsertionPointToStart(rowLoop.getBody());
    rowIndex = rowLoop.getInductionVar();
    if (config.stageSteps)
      ringBase = rowLoop.getRegionIterArg(0);
  }
  if (config.stageSteps) {
    nextRowValid = getLaterRow(rowIndex, 1, nextRowIvs);
    secondRowValid = getLaterRow(rowIndex, 2, secondRowIvs);
    // This row's copies, issued by this thread, have landed: every group
    // but the last, which holds the first steps of the row after next.
    NVVM::CpAsyncWaitGroupOp::create(b, loc, 1);
  }
  // Inside the persistent loop every row index is below `rows`.
  rowValid = rowLoop ? arith::ConstantIntOp::create(b, loc, 1, 1).getResult()
                     : arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ult,
                                             rowIndex, rows)
                           .getResult();
  // Threads past the last row compute on row 0 and store nothing, so that
  // every thread takes part in the exchanges.
  Value safeRow = arith::SelectOp::create(b, loc, rowValid, rowIndex,
                                          constant(b, loc, 0));
  rowIvs = getRowIndices(b, loc, safeRow);
  if (config.sharedRow) {
    // Each thread copies its vectors of the row to its places in shared
    // memory (chunk c of local thread t at (c T + t) lanes) and waits for
    // them; it alone reads them.
    for (int64_t c = 0; c < config.chunks; ++c) {
      Value start = getChunkStart(b, loc, constant(b, loc, c));
      Value valid = isChunkValid(b, loc, start);
      Value place = arith::MulIOp::create(
          b, loc,
          arith::AddIOp::create(b, loc, constant(b, loc, c * config.threads),
                                localLane),
          constant(b, loc, lanes));
      sharedPlaces.push_back(place);
      for (Value buffer : stagedBuffers)
        copyChunk(b, loc, buffer, rowIvs, start, place, valid);
    }
    NVVM::CpAsyncCommitGroupOp::create(b, loc);
    NVVM::CpAsyncWaitGroupOp::create(b, loc, 0);
  }

  preloadColumns(b, loc);

  // Per-row values the group reads before (or without) writing them come
  // from memory, before any thread stores.
  DenseSet<Value> written;
  for (const GroupOp &entry : group.ops) {
    if (entry.kind == Kind::Fill) {
      auto fill = cast<linalg::FillOp>(entry.op);
      written.insert(fill.getOutputs()[0]);
      scalars[fill.getOutputs()[0]] = fill.getInputs()[0];
      continue;
    }
    auto generic = cast<linalg::GenericOp>(entry.op);
    for (auto [i, operand] : llvm::enumerate(generic->getOperands())) {
      bool isInit = i + 1 == generic->getNumOperands();
      if (entry.accesses[i] != Access::Scalar || written.contains(operand) ||
          scalars.count(operand))
        continue;
      if (isInit && entry.kind != Kind::Reduce)
        continue;
      scalars[operand] = memref::LoadOp::create(b, loc, operand, rowIvs);
    }
    written.insert(generic.getDpsInits()[0]);
  }

  unsigned stage = 0;
  for (const GroupOp &entry : group.ops) {
    switch (entry.kind) {
    case Kind::Fill:
      break;
    case Kind::Reduce:
      emitReduce(b, loc, entry, stage++);
      break;
    case Kind::Map:
      emitMap(b, loc, entry);
      break;
    case Kind::PerRow:
      emitPerRow(b, loc, entry);
      break;
    }
  }
  if (rowLoop) {
    // The next row's exchanges reuse the shared buffers.
    gpu::BarrierOp::create(b, loc);
    if (config.stageSteps)
      scf::YieldOp::create(b, loc, getRingPlace(b, loc, rowSteps));
    b.setInsertionPointAfter(rowLoop);
  }
  // No block leaves while a copy from its shared memory may be in flight:
  // each block arrives only after its last exchange has received every
  // other block's copy.
  if (config.cluster > 1) {
    NVVM::ClusterArriveRelaxedOp::create(b, loc, b.getUnitAttr());
    NVVM::ClusterWaitOp::create(b, loc, b.getUnitAttr());
  }
  gpu::TerminatorOp::create(b, loc);
}

namespace {
struct VxGpuRowKernelsPass
    : mlir::vortex::impl::VxGpuRowKernelsPassBase<VxGpuRowKernelsPass> {
  using Base::Base;

  void runOnOperation() override {
    if (cluster != 1 && cluster != 2 && cluster != 4 && cluster != 8) {
      getOperation()->emitError("cluster must be 1, 2, 4 or 8, got ")
          << static_cast<int64_t>(cluster);
      return signalPassFailure();
    }
    if (smCount < 1) {
      getOperation()->emitError("sm-count must be positive, got ")
          << static_cast<int64_t>(smCount);
      return signalPassFailure();
    }
    if (stageBytes < 0) {
      getOperation()->emitError("stage-bytes must not be negative, got ")
          << static_cast<int64_t>(stageBytes);
      return signalPassFailure();
    }
    SmallVector<RowGroup> groups;
    DenseSet<Operation *> taken;
    getOperation().walk([&](linalg::GenericOp op) {
      if (taken.contains(op))
        return;
      if (auto group = collectGroup(op, taken))
        groups.push_back(std::move(*group));
    });
    IRRewriter rewriter(&getContext());
    for (RowGroup &group : groups)
      rewrite(rewriter, group);
  }

  /// The bytes of the widest element the group moves by vectors.
  static int64_t getWidestElement(const RowGroup &group) {
    int64_t widest = 1;
    for (const GroupOp &entry : group.ops) {
      if (entry.kind == Kind::Fill)
        continue;
      for (auto [access, operand] :
           llvm::zip(entry.accesses, entry.op->getOperands()))
        if (access != Access::Scalar)
          widest = std::max<int64_t>(
              widest,
              cast<MemRefType>(operand.getType()).getElementTypeBitWidth() / 8);
    }
    return widest;
  }

  /// Whether a row group can run without re-reading a value it keeps only
  /// in registers.
  static bool canStream(const RowGroup &group) {
    for (const GroupOp &entry : group.ops)
      if (entry.kind != Kind::Fill)
        for (auto [access, operand] :
             llvm::zip(entry.accesses, entry.op->getOperands()))
          if (access == Access::Row && group.internal.contains(operand) &&
              operand != entry.op->getOperands().back())
            return false;
    return true;
  }

  /// The row inputs of the group read from outside it, in order of first
  /// use, and whether an op reads one of them after another op did.
  static std::pair<SmallVector<Value>, bool>
  getRowInputs(const RowGroup &group) {
    llvm::MapVector<Value, Operation *> inputs; // and the op that reads first
    bool reread = false;
    forEachRowRead(group, [&](const GroupOp &entry, Value operand) {
      if (!group.internal.contains(operand))
        reread |= inputs.try_emplace(operand, entry.op).first->second !=
                  entry.op;
    });
    SmallVector<Value> buffers;
    for (auto [buffer, reader] : inputs)
      buffers.push_back(buffer);
    return {buffers, reread};
  }

  /// Whether an op of the group writes one of its row inputs `inputs`
  /// (which a kernel that reads them again would then read back).
  static bool writesRowInput(const RowGroup &group, ArrayRef<Value> inputs) {
    return llvm::any_of(group.ops, [&](const GroupOp &entry) {
      return entry.kind != Kind::Fill &&
             llvm::is_contained(
                 inputs, cast<linalg::GenericOp>(entry.op).getDpsInits()[0]);
    });
  }

  /// The row inputs a staged kernel copies to shared memory; none when no
  /// input is read twice (streaming then reads every row once), the group
  /// writes one of them, or a copy would not be 4, 8 or 16 bytes.
  static SmallVector<Value> getStagedBuffers(const RowGroup &group,
                                             ArrayRef<Value> inputs,
                                             bool reread, int64_t lanes) {
    if (!reread || writesRowInput(group, inputs))
      return {};
    for (Value buffer : inputs) {
      int64_t bytes =
          lanes * cast<MemRefType>(buffer.getType()).getElementTypeBitWidth() /
          8;
      if (bytes != 4 && bytes != 8 && bytes != 16)
        return {};
    }
    return SmallVector<Value>(inputs);
  }

  void rewrite(IRRewriter &rewriter, RowGroup &group) {
    linalg::GenericOp anchor = group.anchor;
    Operation *last = group.ops.back().op;
    Location loc = anchor.getLoc();
    // Sizes of the rows and of the inner dimension, from buffers that stay.
    SmallVector<std::pair<Value, int64_t>> sources;
    for (unsigned loop = 0; loop < group.rank; ++loop) {
      for (OpOperand &operand : anchor->getOpOperands()) {
        if (group.internal.contains(operand.get()))
          continue;
        AffineMap map = anchor.getMatchingIndexingMap(&operand);
        for (auto [i, expr] : llvm::enumerate(map.getResults()))
          if (auto d = dyn_cast<AffineDimExpr>(expr);
              d && d.getPosition() == loop && sources.size() == loop)
            sources.push_back({operand.get(), int64_t(i)});
      }
      if (sources.size() != loop + 1)
        return;
    }
    rewriter.setInsertionPointAfter(last);
    SmallVector<Value> sizes;
    for (auto [buffer, dim] : sources) {
      int64_t size = cast<MemRefType>(buffer.getType()).getDimSize(dim);
      sizes.push_back(
          ShapedType::isDynamic(size)
              ? Value(memref::DimOp::create(rewriter, loc, buffer, dim))
              : Value(arith::ConstantIndexOp::create(rewriter, loc, size)));
    }
    Value length = sizes.back();
    SmallVector<Value> rowSizes(sizes.begin(), sizes.end() - 1);
    Value rows = arith::ConstantIndexOp::create(rewriter, loc, 1);
    for (Value size : rowSizes)
      rows = arith::MulIOp::create(rewriter, loc, rows, size);

    int64_t lanes = std::max<int64_t>(1, width / getWidestElement(group));
    // Vector accesses need aligned buffers and rows.
    Value zero = arith::ConstantIndexOp::create(rewriter, loc, 0);
    Value aligned = arith::CmpIOp::create(
        rewriter, loc, arith::CmpIPredicate::eq,
        arith::RemUIOp::create(
            rewriter, loc, length,
            arith::ConstantIndexOp::create(rewriter, loc, lanes)),
        zero);
    // No launch for no rows (a grid of zero blocks is an error), nor for
    // empty rows (threads load from the row's start whatever their chunk).
    for (Value size : {rows, length})
      aligned = arith::AndIOp::create(
          rewriter, loc, aligned,
          arith::CmpIOp::create(rewriter, loc, arith::CmpIPredicate::ugt, size,
                                zero));
    DenseSet<Value> checked;
    for (const GroupOp &entry : group.ops) {
      if (entry.kind == Kind::Fill)
        continue;
      for (auto [access, operand] :
           llvm::zip(entry.accesses, entry.op->getOperands())) {
        if (access == Access::Scalar || group.internal.contains(operand) ||
            !checked.insert(operand).second)
          continue;
        int64_t bytes =
            lanes * cast<MemRefType>(operand.getType()).getElementTypeBitWidth() /
            8;
        Value address = memref::ExtractAlignedPointerAsIndexOp::create(
            rewriter, loc, operand);
        Value low = arith::RemUIOp::create(
            rewriter, loc, address,
            arith::ConstantIndexOp::create(rewriter, loc, bytes));
        aligned = arith::AndIOp::create(
            rewriter, loc, aligned,
            arith::CmpIOp::create(rewriter, loc, arith::CmpIPredicate::eq, low,
                                  zero));
      }
    }

    // Configurations from short to long rows: cached ones hold `perThread`
    // elements of each row operand per thread (rows of at most `shortRow`
    // elements two vectors per thread: H100, rows of 1024, bf16 on 64
    // threads and f32 on 128 read 0.1-1.6% faster than on 32 threads with
    // four and eight vectors); the streaming one takes every longer row.
    constexpr int64_t shortRow = 1024;
    int64_t maxChunks = std::max<int64_t>(1, perThread / lanes);
    // Short rows share blocks of 256 threads, 128 when the group reads
    // column vectors (H100, rows of 1024: bf16 LayerNorm 0.3-1.3% faster,
    // row sums 1.6% slower on 128).
    int64_t columnInputs = getColumnBuffers(group).size();
    int64_t blockThreads = columnInputs ? 128 : 256;
    auto makeConfig = [&](int64_t threads, int64_t chunks) {
      return std::make_pair(
          threads * lanes * chunks,
          Config{threads, chunks,
                 std::max<int64_t>(1, blockThreads / threads)});
    };
    SmallVector<std::pair<int64_t, Config>> configs;
    bool stream = canStream(group);
    auto [inputs, reread] = getRowInputs(group);
    // Rows of 16-bit elements that the group reads once (row sums and
    // maxima) and that a 512-thread block does not hold stream on
    // 1024-thread blocks, a block per row and no persistent loop, rather
    // than being cached in 1024-thread blocks up to 32768 elements (H100
    // against torch.compile, 10 interleaved rounds: bf16 row sum 2048x32768
    // 1.001x -> 1.014x, 1024x65536 1.002x -> 1.015x, row max 1024x65536
    // 1.025x -> 1.038x). f32 rows of 65536 lose 6% without the persistent
    // loop (0.997x -> 0.940x) and keep it.
    bool streamsPast512 =
        stream && !reread && getWidestElement(group) <= 2;
    // Rows past the registers of a block, up to `stage-bytes` of shared
    // memory: staged, 1024 threads, a block per multiprocessor.
    SmallVector<Value> staged;
    if (stream && stageBytes > 0)
      staged = getStagedBuffers(group, inputs, reread, lanes);
    RowKernelEmitter emitter(group, lanes, rows, rowSizes, length, staged);
    std::optional<std::pair<int64_t, Config>> stagedConfig;
    if (!staged.empty()) {
      int64_t step = emitter.getStepElements(1024);
      int64_t limit =
          stageBytes / (step * getBytesPerElement(staged)) * step;
      if (limit > 1024 * lanes * maxChunks)
        stagedConfig = {limit, Config{1024, 0, 1, 1, smCount,
                                      limit / step}};
    }
    // Rows past a 512-thread block's registers, split over a cluster of
    // 512-thread blocks, each caching as much per thread as a lone block
    // does, on clusters of 2, 4 and 8 blocks. Two such blocks share a
    // multiprocessor, so one's loads overlap the other's reductions, which
    // a lone 1024-thread block holding the same row cannot (H100, rows of
    // 32768, fraction of copy bandwidth: bf16 softmax 98% on clusters of
    // two against 92%, f32 RMSNorm 98% against 90-95%, f32 LayerNorm 96%
    // against 85%; docs/performance.md). Rows read once (row sums and
    // maxima) stream at copy speed.
    SmallVector<std::pair<int64_t, Config>> clustered;
    if (reread)
      for (int64_t size = 2; size <= cluster; size *= 2) {
        auto config = makeConfig(512, maxChunks);
        config.first *= size;
        config.second.cluster = size;
        clustered.push_back(config);
      }
    // Past one block's registers, in order of preference: clusters first
    // for groups that read at most one column vector (softmax, RMSNorm);
    // for those that read more (LayerNorm's weight and bias), clusters of
    // two, then staging, then larger clusters (bf16 LayerNorm of 65536: 88%
    // staged against 84% on clusters of four).
    SmallVector<std::pair<int64_t, Config>> longer(clustered);
    if (stagedConfig)
      longer.insert(longer.begin() + (columnInputs > 1
                                          ? std::min<size_t>(1, longer.size())
                                          : longer.size()),
                    *stagedConfig);
    // Rows the group reads again whose vectors are narrower than the
    // registers hold well (16-bit: 32 elements per thread) take shapes that
    // keep each block's part of the row in shared memory instead: 512
    // threads, the part copied with cp.async at the start and read back by
    // every op, three blocks per multiprocessor (ptxas keeps them to 42
    // registers), on a cluster of 2 to `cluster` blocks, and for groups
    // that read more than one column vector (LayerNorm) also on one block.
    // Each replaces the shape in registers of the same length or goes
    // before the first longer one (H100, fraction of copy: bf16 1024x65536
    // on clusters of two, softmax 98.0% against 92.1% on clusters of four
    // in registers, RMSNorm 96.2% against 94.5%, LayerNorm 94.5% against
    // 88.8% staged; bf16 2048x32768 on one block, LayerNorm 94.1% against
    // 91.7% on a cluster of two in registers, but RMSNorm 95.3% against
    // 97.6%).
    if (!staged.empty()) {
      int64_t vectorBytes = lanes * getBytesPerElement(staged);
      int64_t chunks = 1;
      while (3 * 512 * vectorBytes * chunks * 2 <= stageBytes)
        chunks *= 2;
      if (chunks > maxChunks)
        for (int64_t size = columnInputs > 1 ? 1 : 2;
             size <= cluster; size *= 2) {
          Config config{512, chunks, 1, size};
          config.sharedRow = true;
          config.blocksPerSM = std::min<int64_t>(
              2048 / 512, stageBytes / (512 * vectorBytes * chunks));
          std::pair<int64_t, Config> entry{512 * lanes * chunks * size,
                                           config};
          auto *at = llvm::find_if(longer, [&](auto &other) {
            return other.first >= entry.first;
          });
          if (at != longer.end() && at->first == entry.first)
            *at = entry;
          else
            longer.insert(at, entry);
        }
    }
    // Rows that 128 threads would hold in more than four vectors each (f32
    // rows of 4096) spread over 512 threads with fewer vectors; for groups
    // that re-read the row, three such blocks per multiprocessor (H100, f32
    // 16384x4096 against torch.compile, from 256 threads with four vectors,
    // three runs: RMSNorm +0.1-0.6%, LayerNorm +0.4-1.2%, softmax +0.3-1.2%;
    // on two blocks LayerNorm fell to 0.93x; row sum 0.979x -> 0.997x and
    // row max 0.982x -> 1.002x from 128 threads with eight). With
    // `l2-evict-last`, groups that can stream reload the row in each pass
    // (L1 evict-last, then evict-first) with the L2 evict-last policy
    // instead of keeping it in registers (32 registers against 35-40; H100,
    // f32 16384x4096 against torch.compile, medians of 10-12 interleaved
    // rounds on two machines: RMSNorm 0.999-1.000x -> 1.003-1.004x,
    // LayerNorm 1.003-1.004x -> 1.006-1.007x, softmax 1.011-1.013x ->
    // 1.011-1.012x, and the slowest round of the three 0.994x -> 1.001x;
    // reloading without the policy 0.995-0.998x, on four blocks per
    // multiprocessor 0.998-1.008x).
    bool spreadShort = maxChunks > 4;
    // Rows longer than `shortRow` aim at four vectors per thread in groups
    // that read the row again, two in groups that read it once (row sums
    // and maxima), which keep nothing for a second pass: twice the threads
    // with half the vectors each read the row faster (H100, against
    // torch.compile, medians of 5 interleaved rounds in each of two runs,
    // from four vectors: f32 row sum 32768x2048 0.985x -> 0.993-0.994x,
    // row max 0.989-0.990x -> 0.998-0.999x, bf16 row sum 8192x8192
    // 0.980-0.983x -> 0.995-0.997x, row max 0.997-1.000x -> 1.009-1.011x,
    // row sum 16384x4096 1.058-1.064x -> 1.066-1.080x; for the re-read
    // groups, two vectors were 0.2-0.4% slower at f32 2048).
    int64_t vectorTarget = std::min<int64_t>(reread ? 4 : 2, maxChunks);
    // Rows read once that fill at most 11/16 of the two-vector shape of
    // `threads` (most of its threads' second vectors empty) take half the
    // threads with three vectors instead: the shape, and the longest row
    // it takes. H100 against torch.compile, f32 row sum and max of 5120 on
    // 1024 threads with two vectors 0.969x and 0.966x, on 512 with three
    // 0.997x and 1.001x; of 5632 (69% full) 0.988x and 0.989x on two
    // vectors, 0.998x and 1.001x on three; of 6144 (75%) within 0.2%.
    auto getSparse =
        [&](int64_t threads) -> std::optional<std::pair<int64_t, Config>> {
      if (reread || maxChunks < 3 || threads < 8)
        return std::nullopt;
      auto config = makeConfig(threads / 2, 3);
      config.first = threads * 2 * lanes * 11 / 16;
      return config;
    };
    // The fewest threads, a power of two from 4 to `most`, that hold
    // `vectors` in `target` vectors each.
    auto getFewestThreads = [](int64_t vectors, int64_t target,
                               int64_t most) {
      int64_t threads = 4;
      while (threads < most && threads * target < vectors)
        threads *= 2;
      return threads;
    };
    auto makeSpreadShort = [&]() {
      auto config = makeConfig(512, 128 * maxChunks / 512);
      if (reread) {
        config.second.blocksPerSM = 3;
        config.second.reload = l2EvictLast && canStream(group) &&
                               !writesRowInput(group, inputs);
      }
      return config;
    };
    if (std::optional<int64_t> n = getConstantIntValue(length)) {
      // A known length: the fewest threads that hold the row in about
      // `vectorTarget` vectors each, two up to `shortRow` elements (at least
      // 4 threads, at most 1024).
      int64_t vectors = std::max<int64_t>(1, (*n + lanes - 1) / lanes);
      int64_t target =
          *n <= shortRow ? std::min<int64_t>(2, maxChunks) : vectorTarget;
      int64_t threads = getFewestThreads(vectors, target, 1024);
      int64_t chunks = (vectors + threads - 1) / threads;
      // A row that would need a 1024-thread block takes 512 threads with
      // more vectors when they hold it, as a dynamic length does (f32 rows
      // of 8193 to 16384, 16-bit rows read once of 8193 to 16384);
      // otherwise a cluster when it has one.
      if (threads == 1024 && (!clustered.empty() || streamsPast512) &&
          (vectors + 511) / 512 <= maxChunks) {
        threads = 512;
        chunks = (vectors + 511) / 512;
      }
      if (auto sparse = getSparse(threads);
          sparse && *n > shortRow && chunks == 2 && *n <= sparse->first) {
        threads /= 2;
        chunks = 3;
      }
      // Rows that would take 256 threads with four vectors take the shape
      // of a dynamic length of 4096 instead (f32 rows of 3073 to 4096; H100,
      // static f32 16384x4096 against torch.compile: row sum 0.988x and row
      // max 0.992x on 256 threads, 0.997x and 1.001x on 512 with two).
      // Rows of 2049 to 3072 keep 256 threads with three vectors, which
      // they fill: 21845x3072 RMSNorm 1.001x, LayerNorm 1.041x, softmax
      // 1.41x, against 0.985x, 0.992x, 1.30x on 512 threads with two.
      auto spread = makeSpreadShort();
      if (spreadShort && threads == 256 && chunks == 4 &&
          *n <= spread.first) {
        configs.push_back(spread);
        stream = false;
      } else if (chunks <= maxChunks &&
                 (threads < 1024 || (clustered.empty() && !streamsPast512))) {
        configs.push_back(makeConfig(threads, chunks));
        stream = false;
      } else {
        for (auto &config : longer)
          if (config.first >= *n) {
            configs.push_back(config);
            stream = false;
            break;
          }
      }
      // The vectors that lie inside the row load without a branch and
      // reduce without a mask, but on shapes that fill a thread's registers
      // (`per-thread` elements of the row) in groups that read the row
      // again: those keep a branch around each vector's loads (ptxas
      // predicates them) and masked reductions, as for a row of unknown
      // length. Without them LLVM and ptxas schedule the row's and the
      // column vectors' loads so that kernels at 64 registers spill 12-32
      // bytes. H100 against torch.compile, without -> with the branches:
      // f32 LayerNorm 2048x32768 0.968x -> 1.041x, RMSNorm 0.995x -> 1.021x,
      // LayerNorm 1024x65536 1.488x -> 1.526x, bf16 LayerNorm 4096x16384
      // 1.026x -> 1.042x; the other shapes of the benchmark within 0.5%.
      for (auto &[limit, config] : configs)
        config.minLength =
            reread && config.chunks >= maxChunks ? 0 : *n;
    } else {
      // Rows up to `shortRow` elements in two vectors per thread, longer
      // ones in `maxChunks`.
      int64_t shortThreads = std::max<int64_t>(32, shortRow / (2 * lanes));
      for (auto [threads, chunks] : {std::pair<int64_t, int64_t>{32, 2},
                                     {shortThreads, 2}})
        configs.push_back(makeConfig(threads, std::min(chunks, maxChunks)));
      // Then a shape for each doubling of the length up to what 512 threads
      // hold in `maxChunks` vectors: the one a static length of that many
      // elements takes (the fewest threads with `vectorTarget` vectors each,
      // up to 1024 for groups that read the row once; f32 rows of 4096 on
      // 512 threads with two). A row then fills at least half
      // of its shape's vectors. H100 against torch.compile, from the shape
      // of 4096 and the 512-thread one alone: bf16 RMSNorm 13107x5120
      // 0.78x -> 1.03x, LayerNorm 8192x8192 0.85x -> 1.03x, row sum
      // 13107x5120 0.87x -> 1.01x; f32 softmax 32768x2048 0.73x -> 1.05x,
      // LayerNorm 0.78x -> 1.00x (docs/performance.md).
      auto spread = makeSpreadShort();
      for (int64_t limit = 2 * shortRow; limit < 512 * maxChunks * lanes;
           limit *= 2) {
        if (spreadShort && limit == spread.first) {
          // As for a static length, rows up to three quarters of the
          // spread shape's take their own static shape when it has fewer
          // threads (f32 rows of 3072: 256 threads with three vectors).
          // H100, 21845x3072 against torch.compile, from 512 threads with
          // two: f32 RMSNorm 0.980x -> 0.998x, LayerNorm 0.987x -> 1.041x,
          // softmax 1.30x -> 1.41x.
          int64_t vectors = limit / lanes * 3 / 4;
          int64_t threads = getFewestThreads(vectors, vectorTarget, 1024);
          if (threads < spread.second.threads)
            configs.push_back(
                makeConfig(threads, (vectors + threads - 1) / threads));
          if (auto sparse = getSparse(spread.second.threads))
            configs.push_back(*sparse);
          configs.push_back(spread);
          continue;
        }
        int64_t vectors = limit / lanes;
        int64_t threads =
            getFewestThreads(vectors, vectorTarget, reread ? 512 : 1024);
        if (auto sparse = getSparse(threads))
          configs.push_back(*sparse);
        configs.push_back(
            makeConfig(threads, (vectors + threads - 1) / threads));
      }
      configs.push_back(makeConfig(512, maxChunks));
      if (clustered.empty() && !streamsPast512)
        configs.push_back(makeConfig(1024, maxChunks));
      configs.append(longer);
      // A shape that holds no longer rows than one before it would never
      // run.
      int64_t longest = 0;
      llvm::erase_if(configs, [&](const std::pair<int64_t, Config> &config) {
        if (config.first <= longest)
          return true;
        longest = config.first;
        return false;
      });
      // A shape runs only for rows longer than the one before it holds.
      for (size_t i = 1; i < configs.size(); ++i)
        configs[i].second.minLength = configs[i - 1].first + 1;
    }
    // Groups that read the row again, on shapes that keep 128 bytes or
    // more of it per thread in registers (f32 rows of 8193 to 16384 on 512
    // threads, and on clusters of such blocks), load it with an L2
    // evict-last policy. H100, against torch.compile, f32 4096x16384:
    // RMSNorm 0.994x -> 1.006x, LayerNorm 0.997x -> 1.012x, softmax 1.013x
    // -> 1.026x; 1-2% at 32768 and 65536 too. Plain loads leave these
    // kernels 177-181 us depending on what the kernel before left in L2
    // (a copy before: slowest); with the policy they take 177.3-178.4 us
    // after anything. Rows read once (sums, maxima: 1.015x -> 1.007x) and
    // f32 rows of 4096 on 512 threads with two vectors (RMSNorm 1.000x ->
    // 0.967x, with an evict-normal policy too) run slower with it.
    if (l2EvictLast && reread)
      for (auto &[limit, config] : configs)
        config.evictLast =
            config.reload ||
            (config.chunks && !config.sharedRow &&
             config.chunks * lanes * getWidestElement(group) >= 128);
    // if (aligned && length <= limit_0) cached_0 else if ... else streaming
    // else the ops as they were.
    std::function<void(OpBuilder &, Location, size_t)> dispatch =
        [&](OpBuilder &b, Location l, size_t i) {
          if (i == configs.size()) {
            if (stream) {
              auto branch = scf::IfOp::create(b, l, aligned, /*else=*/true);
              OpBuilder t = branch.getThenBodyBuilder();
              // Streaming re-reads each row from L2 (the softmax three
              // times): one row per multiprocessor at a time keeps the rows
              // in flight (132 x 128 KiB of bf16 on an H100) within L2;
              // two per multiprocessor, which 32-register kernels allow,
              // overflowed it (measurements in docs/performance.md). Rows
              // read once (row sums and maxima) leave nothing to re-read:
              // two blocks per multiprocessor, so that the last rows of the
              // grid do not leave multiprocessors idle (H100, 1024x65536
              // bf16 against torch.compile: row sum 0.97x -> 1.006x, row
              // max 0.99x -> 1.02x); 16-bit ones one row per block, the
              // grid as long as the rows (see `streamsPast512`).
              Config streaming{1024, 0, 1, 1, smCount};
              if (!reread) {
                streaming.blocksPerSM = 2;
                streaming.gridLimit *= 2;
                if (streamsPast512)
                  streaming.gridLimit = 0;
              }
              emitter.emit(t, l, streaming);
              OpBuilder e = branch.getElseBodyBuilder();
              emitFallback(e, group);
            } else {
              emitFallback(b, group);
            }
            return;
          }
          Value fits = arith::CmpIOp::create(
              b, l, arith::CmpIPredicate::ule, length,
              arith::ConstantIndexOp::create(b, l, configs[i].first));
          Value take = arith::AndIOp::create(b, l, aligned, fits);
          auto branch = scf::IfOp::create(b, l, take, /*else=*/true);
          OpBuilder t = branch.getThenBodyBuilder();
          emitter.emit(t, l, configs[i].second);
          OpBuilder e = branch.getElseBodyBuilder();
          dispatch(e, l, i + 1);
        };
    dispatch(rewriter, loc, 0);

    // The original ops, their fills and their internal buffers now live in
    // the fallback branch.
    for (GroupOp &entry : llvm::reverse(group.ops))
      rewriter.eraseOp(entry.op);
    for (Value buffer : group.internal) {
      for (Operation *user : llvm::make_early_inc_range(buffer.getUsers()))
        if (isa<memref::DeallocOp>(user))
          rewriter.eraseOp(user);
      rewriter.eraseOp(buffer.getDefiningOp());
    }
  }

  /// The group's ops as they were, with their internal buffers allocated
  /// and freed around them.
  void emitFallback(OpBuilder &b, RowGroup &group) {
    IRMapping mapping;
    for (Value buffer : group.internal)
      mapping.map(buffer, b.clone(*buffer.getDefiningOp())->getResult(0));
    for (GroupOp &entry : group.ops)
      b.clone(*entry.op, mapping);
    for (Value buffer : group.internal)
      memref::DeallocOp::create(b, buffer.getLoc(), mapping.lookup(buffer));
  }
};
} // namespace
