//===- GpuMatmulTensorCore.cpp - Hopper tensor-core matmul kernels --------===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//
//
// Rewrites 16-bit matmuls on buffers (f32 accumulation), and f32 ones as
// tf32 when asked, with the elementwise op that consumes the accumulator,
// into one persistent, warp-specialized kernel for sm_90a:
//
//   - a producer warpgroup, one thread of which streams tiles of both
//     operands into a ring of shared-memory stages with TMA (128-byte
//     swizzle, zero fill past the edges), announcing each on a "full"
//     mbarrier;
//   - one or two consumer warpgroups that multiply each stage with wgmma
//     (64 rows each), release it on an "empty" mbarrier, and at the end of
//     a tile apply the fused epilogue to their registers and store the
//     elements inside the result, or add them atomically into the f32
//     accumulator when K is split.
//
// Two other schedules are configuration options (tuning, measured slower on
// an H100): ping-pong (the two consumer warpgroups own alternate tiles) and
// thread-block clusters of two blocks sharing the B tile by TMA multicast.
//
// Upstream MLIR has the nvgpu/NVVM operations but no lowering from linalg
// to them; the descriptors are built here because nvgpu's
// warpgroup.generate.descriptor covers only K-major operands.
//
//===----------------------------------------------------------------------===//

#include "GpuMatmul.h"
#include "Vortex/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/LLVMIR/NVVMDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/IR/LinalgInterfaces.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/NVGPU/IR/NVGPUDialect.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/ImplicitLocOpBuilder.h"
#include "mlir/IR/Matchers.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MemoryBuffer.h"

#include <cstdlib>

namespace mlir::vortex {
#define GEN_PASS_DEF_VXGPUMATMULTENSORCOREPASS
#include "Vortex/Transforms/Passes.h.inc"
} // namespace mlir::vortex

using namespace mlir;
using namespace mlir::vortex::gpu_matmul;

namespace {

/// Bytes of K per pipeline stage: one 128-byte swizzle row (64 16-bit
/// elements, 32 f32 ones).
constexpr int64_t kRowBytes = 128;
constexpr int64_t kWarpgroup = 128;
/// One chunk of a TMA-stored tile: 64 rows of 128 bytes.
constexpr int64_t kStoreChunkBytes = 64 * kRowBytes;
/// The most dynamic shared memory a block may have on sm_90.
constexpr int64_t kMaxSharedBytes = 227 * 1024;
/// Registers per thread after setmaxnreg, as CUTLASS's warp-specialized
/// kernels do: the producer needs few, the consumers hold the accumulator.
constexpr int32_t kProducerRegisters = 40;
constexpr int32_t kConsumerRegisters = 232;
/// The row counts that split a dynamic M into classes with their own
/// kernels: decode (up to 16 rows, up to 64), medium, many.
constexpr int64_t kRowClasses[] = {16, 64, 512};

//===----------------------------------------------------------------------===//
// Configurations
//===----------------------------------------------------------------------===//

/// A block tile of `bm x bn` (bm / 64 consumer warpgroups of 64 rows) over
/// a ring of `stages` shared-memory stages of K = 64. When there are fewer
/// tiles than multiprocessors, K is split for about `waves` work units per
/// multiprocessor (0: never). With `pingpong` (bm = 64), two consumer
/// warpgroups take the block's tiles in turn, each a whole 64 x bn tile:
/// one's epilogue runs while the other's mainloop keeps the tensor cores
/// busy (the "ping-pong" schedule of CUTLASS). With `cluster` = 2, the
/// blocks run in thread-block clusters of two that compute vertically
/// adjacent tiles: each loads its own A tile and half of the shared B tile,
/// which TMA multicasts into both blocks (a third less traffic from L2).
struct TileConfig {
  int64_t bm = 128, bn = 256, stages = 4, waves = 2;
  bool pingpong = false;
  int64_t cluster = 1;
  /// Whether tiles inside the result leave through shared memory and TMA
  /// stores (see emitTmaStore): decided per problem, not configured.
  bool tmaStore = false;
  /// Rows of A that a stage loads (0: bm). For few rows (decode) the
  /// 64-row wgmma reads the rows past them from whatever follows in shared
  /// memory: garbage rows of the accumulator that are never stored, while
  /// each stage shrinks to mostly B, so more stages of the weight are in
  /// flight. Only kernels that serve M <= aRows keep it.
  int64_t aRows = 0;

  int64_t rowsOfA() const { return aRows ? aRows : bm; }

  int64_t consumers() const { return pingpong ? 2 : bm / 64; }
  int64_t threads() const { return kWarpgroup * (1 + consumers()); }
  int64_t aBytes() const { return rowsOfA() * kRowBytes; }
  int64_t bBytes() const { return bn * kRowBytes; }
  int64_t stageBytes() const { return aBytes() + bBytes(); }
  /// Where the store chunks start in the aligned shared memory: after the
  /// stages.
  int64_t storeOffset() const { return stages * stageBytes(); }
  /// With TMA stores, two 64-row chunks of 128-byte rows per consumer
  /// warpgroup, after the stages.
  int64_t storeBytes() const {
    return tmaStore ? consumers() * 2 * kStoreChunkBytes : 0;
  }
  /// Stages plus the slack that aligns them to 1024 bytes (the period of
  /// the 128-byte swizzle), then the store chunks.
  /// In clusters, the stages' "empty" barriers follow them (8 bytes each).
  int64_t sharedBytes() const {
    return storeOffset() + storeBytes() + 1024 +
           (cluster > 1 ? 8 * stages : 0);
  }

  std::string str() const {
    return std::to_string(bm) + "x" + std::to_string(bn) + "s" +
           std::to_string(stages) + "w" + std::to_string(waves) +
           (aRows ? "a" + std::to_string(aRows) : "") +
           (pingpong ? "p" : "") + (cluster > 1 ? "c2" : "");
  }

  /// Without the thin A stages (a kernel that may see more than aRows
  /// rows): as many of the configured stages as fit beside the store
  /// chunks.
  TileConfig withFullA() const {
    TileConfig c = *this;
    c.aRows = 0;
    c.tmaStore = true;
    while (c.stages > 2 && c.sharedBytes() > kMaxSharedBytes)
      --c.stages;
    c.tmaStore = tmaStore;
    return c;
  }

  /// Parses `BMxBNsS[wW][aROWS][p][c2]` (e.g. `128x256s4`, `64x128s8w2`,
  /// `64x64s16a16`, `64x256s5p`, `128x256s4c2`); the reason when it is not a
  /// configuration the kernel supports.
  static FailureOr<TileConfig> parse(StringRef text, std::string &why) {
    TileConfig c;
    StringRef rest = text.trim();
    if (rest.consume_back("c2"))
      c.cluster = 2;
    c.pingpong = rest.consume_back("p");
    size_t at = rest.rfind('a');
    StringRef digits =
        at == StringRef::npos ? StringRef() : rest.drop_front(at + 1);
    if (!digits.empty() && llvm::all_of(digits, llvm::isDigit)) {
      if (digits.getAsInteger(10, c.aRows) ||
          (c.aRows != 8 && c.aRows != 16 && c.aRows != 32)) {
        why = "ROWS of A (aROWS) must be 8, 16 or 32";
        return failure();
      }
      rest = rest.take_front(at);
      if (c.pingpong || c.cluster > 1) {
        why = "thin A stages (a) combine with neither ping-pong (p) nor "
              "clusters (c2)";
        return failure();
      }
    }
    StringRef bm, bn, stages, waves;
    std::tie(bm, rest) = rest.split('x');
    std::tie(bn, rest) = rest.split('s');
    std::tie(stages, waves) = rest.split('w');
    if (bm.getAsInteger(10, c.bm) || bn.getAsInteger(10, c.bn) ||
        stages.getAsInteger(10, c.stages) ||
        (!waves.empty() && waves.getAsInteger(10, c.waves))) {
      why = "expected BMxBNsSTAGES[wWAVES][aROWS][p][c2], e.g. 128x256s4, "
            "64x128s8w2, 64x64s16a16, 64x256s5p or 128x256s4c2";
      return failure();
    }
    if (c.waves < 0 || c.waves > 64) {
      why = "WAVES must be between 0 (no split K) and 64";
      return failure();
    }
    if (c.bm != 64 && c.bm != 128) {
      why = "BM must be 64 or 128 (one or two consumer warpgroups)";
      return failure();
    }
    if (c.pingpong && c.cluster > 1) {
      why = "ping-pong (p) and clusters (c2) do not combine";
      return failure();
    }
    if (c.cluster > 1 && c.bn % 128 != 0) {
      why = "clusters (c2) split the B tile in 64-column halves: BN must be "
            "128 or 256";
      return failure();
    }
    if (c.aRows && c.bm != 64) {
      why = "thin A stages (a) need BM = 64";
      return failure();
    }
    if (c.pingpong && c.bm != 64) {
      why = "ping-pong (p) needs BM = 64 (each consumer warpgroup owns a "
            "tile)";
      return failure();
    }
    if (c.bn < 64 || c.bn > 256 || c.bn % 64 != 0) {
      why = "BN must be 64, 128, 192 or 256";
      return failure();
    }
    if (c.stages < 2 || c.sharedBytes() > kMaxSharedBytes) {
      why = "needs at least 2 stages and at most " +
            std::to_string(kMaxSharedBytes) + " bytes of shared memory (" +
            std::to_string(c.sharedBytes()) + " asked)";
      return failure();
    }
    return c;
  }
};

/// `m<M>-n<N>-k<K>` with each size rounded up to a power of two, or `dyn`:
/// the key of a tuned configuration in the cache file.
std::string shapeClass(int64_t m, int64_t n, int64_t k) {
  auto bucket = [](int64_t v) -> std::string {
    if (ShapedType::isDynamic(v))
      return "dyn";
    return std::to_string(llvm::PowerOf2Ceil(std::max<int64_t>(v, 1)));
  };
  return "m" + bucket(m) + "-n" + bucket(n) + "-k" + bucket(k);
}

/// The cost model, from measurements on an H100 (utils/bench/matmul.py
/// tune): up to 512 rows, or when 128 x 256 tiles would leave
/// multiprocessors idle, the matmul is bound by reading the weight, so it
/// takes one consumer warpgroup over 64 rows, 128 columns and a deep
/// pipeline of 8 stages (the most tiles, the most bytes in flight); the rest
/// takes 128 x 256 tiles, the widest wgmma, with 4 stages (192 KiB).
TileConfig costModel(int64_t m, int64_t n, int64_t smCount) {
  if (ShapedType::isDynamic(m))
    return {128, 256, 4};
  // Up to 16 rows with the 64-column tiles in one wave: 16 stages of 16
  // rows of A and 64 columns of B (10 KiB), twice the weight in flight of
  // 64 x 128 tiles (H100, 16 x 4096 x 4096: 86% -> 99% of copy).
  if (m <= 16 && !ShapedType::isDynamic(n) &&
      int64_t(llvm::divideCeil(n, 64)) <= smCount) {
    TileConfig c{64, 64, 16};
    c.aRows = 16;
    return c;
  }
  if (m <= 512 || (!ShapedType::isDynamic(n) &&
                   int64_t(llvm::divideCeil(m, 128) *
                           llvm::divideCeil(n, 256)) < smCount))
    return {64, 128, 8};
  return {128, 256, 4};
}

//===----------------------------------------------------------------------===//
// Emission
//===----------------------------------------------------------------------===//

class Emitter {
public:
  Emitter(MatmulPlan &plan, int64_t smCount) : plan(plan), smCount(smCount) {}

  /// Replaces the matched ops at the epilogue (or the matmul) by a run-time
  /// choice between the kernel(s) and the original ops.
  /// Variant i serves M <= bounds[i], the last one the rest (`m`: its
  /// static M or dynamic).
  void emit(ArrayRef<TileConfig> configs, ArrayRef<int64_t> bounds,
            int64_t m);

private:
  void emitVariant(ImplicitLocOpBuilder &b, const Problem &p,
                   const TileConfig &config, int64_t maxRows);
  /// Where a consumer warpgroup's TMA stores go (null `map`: none).
  struct StoreTarget {
    Value map;        // the result's descriptor, in the kernel
    Value ok;         // i1: the descriptor exists (host-side checks passed)
    Value raw;        // the dynamic shared memory
    Value offset;     // byte offset of the warpgroup's two chunks in `raw`
    Value barrierId;  // i32: the warpgroup's named barrier
  };
  void emitKernel(ImplicitLocOpBuilder &b, const Problem &p,
                  const TileConfig &config, Value lhsMap, Value rhsMap,
                  Value splits, Value chunk, Value units, Value paired,
                  Value storeMap, Value storeOk);
  void emitEpilogue(ImplicitLocOpBuilder &b, const Problem &p,
                    const TileConfig &config, Value acc, Value batchIndex,
                    Value rowBase, Value colBase, Value atomic, Value paired,
                    const StoreTarget &store);
  void emitTmaStore(
      ImplicitLocOpBuilder &b, const TileConfig &config, Value thread,
      Value batchIndex, Value rowBase, Value colBase, const StoreTarget &store,
      function_ref<Value(ImplicitLocOpBuilder &, int64_t, int64_t)> valueAt);
  /// The element type of the buffer that the kernel stores into.
  Type storedElementType() const {
    return cast<MemRefType>(storedBuffer(plan).getType()).getElementType();
  }
  void cloneOriginal(OpBuilder &b, bool fill, bool matmul, bool epilogue) {
    vortex::gpu_matmul::cloneOriginal(b, plan, fill, matmul, epilogue);
  }

  MatmulPlan &plan;
  int64_t smCount;
};

/// Launches a kernel that writes `src` (rank 2 or 3, the batch leading)
/// into `dst` with the two innermost dimensions swapped: 32 x 32 tiles
/// through shared memory (rows padded to 33 words against bank conflicts),
/// so that both the reads and the writes are coalesced. (The SIMT mapping
/// of a `linalg.transpose` reads with a stride: 0.16 ms for a 4096 x 4096
/// f32 operand on an H100, about 0.8 TB/s.)
void emitTransposeKernel(ImplicitLocOpBuilder &b, Value src, Value dst) {
  MLIRContext *ctx = b.getContext();
  Ix hx{b};
  auto type = cast<MemRefType>(src.getType());
  int64_t rank = type.getRank();
  Value rows = memref::DimOp::create(b, src, rank - 2);
  Value cols = memref::DimOp::create(b, src, rank - 1);
  Value batch = rank == 3 ? memref::DimOp::create(b, src, 0).getResult()
                          : hx.c(1);
  constexpr int64_t tile = 32, sweep = 8;
  Value one = hx.c(1);
  auto launch = gpu::LaunchOp::create(
      b, hx.ceilDiv(cols, tile), hx.ceilDiv(rows, tile), batch, hx.c(tile),
      hx.c(sweep), one,
      arith::ConstantIntOp::create(b, b.getI32Type(), tile * (tile + 1) * 4));
  ImplicitLocOpBuilder k =
      ImplicitLocOpBuilder::atBlockBegin(b.getLoc(), &launch.getBody().front());
  gpu::TerminatorOp::create(k);
  k.setInsertionPoint(launch.getBody().front().getTerminator());
  Ix ix{k};
  auto space = gpu::AddressSpaceAttr::get(ctx, gpu::AddressSpace::Workgroup);
  Value raw = gpu::DynamicSharedMemoryOp::create(
      k, MemRefType::get({ShapedType::kDynamic}, k.getI8Type(),
                         MemRefLayoutAttrInterface{}, space));
  Value shared = memref::ViewOp::create(
      k,
      MemRefType::get({tile, tile + 1}, type.getElementType(),
                      MemRefLayoutAttrInterface{}, space),
      raw, ix.c(0), ValueRange{});
  Value tx = launch.getThreadIds().x, ty = launch.getThreadIds().y;
  Value row0 = ix.mul(launch.getBlockIds().y, ix.c(tile));
  Value col0 = ix.mul(launch.getBlockIds().x, ix.c(tile));
  Value bz = launch.getBlockIds().z;
  auto at = [&](Value r, Value c) {
    SmallVector<Value> indices;
    if (rank == 3)
      indices.push_back(bz);
    indices.push_back(r);
    indices.push_back(c);
    return indices;
  };
  for (int64_t i = 0; i < tile; i += sweep) {
    Value y = ix.add(ty, ix.c(i));
    Value r = ix.add(row0, y), c = ix.add(col0, tx);
    auto in = scf::IfOp::create(k, ix.andi(ix.ult(r, rows), ix.ult(c, cols)),
                                false);
    ImplicitLocOpBuilder ib(k.getLoc(), in.thenBlock()->getTerminator());
    Value v = memref::LoadOp::create(ib, src, at(r, c));
    memref::StoreOp::create(ib, v, shared, ValueRange{y, tx});
  }
  gpu::BarrierOp::create(k);
  for (int64_t i = 0; i < tile; i += sweep) {
    Value y = ix.add(ty, ix.c(i));
    // dst[c][r] for c = col0 + y, r = row0 + tx.
    Value c = ix.add(col0, y), r = ix.add(row0, tx);
    auto in = scf::IfOp::create(k, ix.andi(ix.ult(r, rows), ix.ult(c, cols)),
                                false);
    ImplicitLocOpBuilder ib(k.getLoc(), in.thenBlock()->getTerminator());
    Value v = memref::LoadOp::create(ib, shared, ValueRange{tx, y});
    memref::StoreOp::create(ib, v, dst, at(c, r));
  }
}

/// A new buffer holding `v` (rank 2 or 3, contiguous) with its two
/// innermost dimensions swapped, filled by a transposing kernel.
Value transposedCopy(ImplicitLocOpBuilder &b, Value v) {
  auto type = cast<MemRefType>(v.getType());
  int64_t rank = type.getRank();
  SmallVector<int64_t> permutation = llvm::to_vector(llvm::seq<int64_t>(rank));
  std::swap(permutation[rank - 2], permutation[rank - 1]);
  SmallVector<int64_t> shape;
  SmallVector<Value> dynamic;
  for (int64_t d : permutation) {
    shape.push_back(type.getDimSize(d));
    if (type.isDynamicDim(d))
      dynamic.push_back(memref::DimOp::create(b, v, d));
  }
  auto copyType = MemRefType::get(shape, type.getElementType());
  Value copy = memref::AllocOp::create(b, copyType, dynamic,
                                       b.getI64IntegerAttr(128));
  emitTransposeKernel(b, v, copy);
  return copy;
}

void Emitter::emit(ArrayRef<TileConfig> configs, ArrayRef<int64_t> bounds,
                   int64_t m) {
  Operation *anchor = plan.epilogue ? plan.epilogue.getOperation()
                                    : plan.matmul.getOperation();
  ImplicitLocOpBuilder b(plan.matmul.getLoc(), anchor);
  Ix ix{b};
  Problem p = buildProblem(b, plan);

  // tf32 wgmma reads both operands K-major only: an f32 operand with M or
  // N innermost is first copied, transposed, into a K-major buffer.
  bool tf32 = plan.elementType.isF32();
  bool copyLhs = tf32 && !plan.lhsKMajor, copyRhs = tf32 && !plan.rhsKMajor;

  // TMA needs 16-byte aligned base addresses and row strides: the innermost
  // size of each operand a multiple of 16 bytes (the K-major copies are
  // fresh, aligned buffers with K innermost).
  Value ok = arith::ConstantIntOp::create(b, 1, 1);
  Value zero = ix.c(0);
  int64_t bytes = plan.elementBytes();
  for (auto [operand, copied] : {std::pair(plan.lhs, copyLhs),
                                 std::pair(plan.rhs, copyRhs)}) {
    auto type = cast<MemRefType>(operand.getType());
    Value inner = copied ? p.k
                         : memref::DimOp::create(b, operand, type.getRank() - 1)
                               .getResult();
    ok = ix.andi(ok, ix.eq(ix.rem(inner, ix.c(16 / bytes)), zero));
    if (copied)
      continue;
    auto meta = memref::ExtractStridedMetadataOp::create(b, operand);
    Value address = memref::ExtractAlignedPointerAsIndexOp::create(b, operand);
    address = ix.add(address, ix.mul(meta.getOffset(), ix.c(bytes)));
    ok = ix.andi(ok, ix.eq(ix.rem(address, ix.c(16)), zero));
  }
  // TMA cannot describe empty tensors: those take the original ops.
  for (Value size : {p.m, p.n, p.k})
    ok = ix.andi(ok, ix.ult(zero, size));
  auto ifOp = scf::IfOp::create(b, ok, /*withElseRegion=*/true);
  {
    ImplicitLocOpBuilder tb =
        ImplicitLocOpBuilder::atBlockBegin(b.getLoc(), ifOp.thenBlock());
    tb.setInsertionPoint(ifOp.thenBlock()->getTerminator());
    SmallVector<Value> copies;
    if (copyLhs) {
      p.lhs3 = transposedCopy(tb, p.lhs3);
      plan.lhsKMajor = true;
      copies.push_back(p.lhs3);
    }
    if (copyRhs) {
      p.rhs3 = transposedCopy(tb, p.rhs3);
      plan.rhsKMajor = true;
      copies.push_back(p.rhs3);
    }
    // With a dynamic M, each row class has its kernel: configs[i] serves
    // M <= bounds[i], the last one the rest.
    ImplicitLocOpBuilder *at = &tb;
    SmallVector<std::unique_ptr<ImplicitLocOpBuilder>> builders;
    for (auto [i, config] : llvm::enumerate(configs)) {
      if (i + 1 == configs.size()) {
        emitVariant(*at, p, config, m);
        break;
      }
      Ix aix{*at};
      Value fits = arith::CmpIOp::create(*at, arith::CmpIPredicate::ule, p.m,
                                         aix.c(bounds[i]));
      auto pick = scf::IfOp::create(*at, fits, /*withElseRegion=*/true);
      ImplicitLocOpBuilder sb(at->getLoc(), pick.thenBlock()->getTerminator());
      emitVariant(sb, p, config, bounds[i]);
      builders.push_back(std::make_unique<ImplicitLocOpBuilder>(
          at->getLoc(), pick.elseBlock()->getTerminator()));
      at = builders.back().get();
    }
    for (Value copy : copies)
      memref::DeallocOp::create(tb, copy);
  }
  {
    OpBuilder eb(ifOp.elseBlock()->getTerminator());
    cloneOriginal(eb, true, true, true);
  }
  if (plan.epilogue)
    plan.epilogue->erase();
  plan.matmul->erase();
  if (plan.fill)
    plan.fill->erase();
}

/// The type of a TMA descriptor whose box is `box` (128-byte swizzle, zero
/// fill past the edges).
nvgpu::TensorMapDescriptorType tensorMapTypeOf(MLIRContext *ctx,
                                               ArrayRef<int64_t> box,
                                               Type elementType) {
  auto space = gpu::AddressSpaceAttr::get(ctx, gpu::AddressSpace::Workgroup);
  auto smemType =
      MemRefType::get(box, elementType, MemRefLayoutAttrInterface{}, space);
  return nvgpu::TensorMapDescriptorType::get(
      ctx, smemType, nvgpu::TensorMapSwizzleKind::SWIZZLE_128B,
      nvgpu::TensorMapL2PromoKind::L2PROMO_256B,
      nvgpu::TensorMapOOBKind::OOB_ZERO,
      nvgpu::TensorMapInterleaveKind::INTERLEAVE_NONE);
}

/// A TMA descriptor of `operand` (rank 2 or 3) whose box is `box`.
Value createTensorMap(ImplicitLocOpBuilder &b, Value operand,
                      ArrayRef<int64_t> box, Type elementType) {
  MLIRContext *ctx = b.getContext();
  auto mapType = tensorMapTypeOf(ctx, box, elementType);
  Value unranked = memref::CastOp::create(
      b, UnrankedMemRefType::get(elementType, 0), operand);
  SmallVector<Value> boxValues;
  for (int64_t size : box)
    boxValues.push_back(arith::ConstantIndexOp::create(b, size));
  Value map =
      nvgpu::TmaCreateDescriptorOp::create(b, mapType, unranked, boxValues);
  // Kernels are outlined before `convert-nvgpu-to-nvvm` runs, and the NVVM
  // lowering of `gpu.func` does not convert descriptor arguments: they
  // cross into the kernel as the address they become (an integer, so that
  // no folding brings the descriptor type back into the signature).
  Value pointer = UnrealizedConversionCastOp::create(
                      b, LLVM::LLVMPointerType::get(ctx), map)
                      .getResult(0);
  return LLVM::PtrToIntOp::create(b, b.getI64Type(), pointer);
}

/// The descriptor type behind the address that `createTensorMap` returns.
Type tensorMapType(Value address) {
  return address.getDefiningOp<LLVM::PtrToIntOp>()
      .getArg()
      .getDefiningOp<UnrealizedConversionCastOp>()
      .getInputs()
      .front()
      .getType();
}

/// The descriptor of type `type` at `address` in a kernel.
Value tensorMapIn(ImplicitLocOpBuilder &b, Value address, Type type) {
  Value pointer = LLVM::IntToPtrOp::create(
      b, LLVM::LLVMPointerType::get(b.getContext()), address);
  return UnrealizedConversionCastOp::create(b, type, pointer).getResult(0);
}
Value tensorMapIn(ImplicitLocOpBuilder &b, Value address) {
  return tensorMapIn(b, address, tensorMapType(address));
}

/// The TMA box of one store chunk of the result: 64 rows of 128 bytes,
/// with a leading 1 for a batch.
SmallVector<int64_t> storeBoxOf(Type elementType, bool batched) {
  SmallVector<int64_t> box;
  if (batched)
    box.push_back(1);
  box.push_back(64);
  box.push_back(kRowBytes / (elementType.getIntOrFloatBitWidth() / 8));
  return box;
}

/// The TMA box of an operand, whose innermost extent is one 128-byte row of
/// `blockK` elements: `rows` by `blockK` (K) when K is innermost, else
/// `blockK` (K) by `blockK` (`rows` / `blockK` boxes per stage), with a
/// leading 1 for a batch.
SmallVector<int64_t> boxOf(bool kMajor, int64_t rows, bool batched,
                           int64_t blockK) {
  SmallVector<int64_t> box;
  if (batched)
    box.push_back(1);
  box.push_back(kMajor ? rows : blockK);
  box.push_back(blockK);
  return box;
}

void Emitter::emitVariant(ImplicitLocOpBuilder &b, const Problem &p,
                          const TileConfig &baseConfig, int64_t maxRows) {
  Ix ix{b};
  // Thin A stages only where M <= aRows is known, and for A with K
  // innermost (the TMA box then takes aRows rows).
  TileConfig config = baseConfig;
  if (config.aRows && (ShapedType::isDynamic(maxRows) ||
                       maxRows > config.aRows || !plan.lhsKMajor))
    config = config.withFullA();
  // Tiles inside the result are stored through shared memory by TMA when
  // the result is a dense buffer of 16- or 32-bit elements and the chunks
  // fit beside the stages.
  Value out = storedBuffer(plan);
  auto outType = cast<MemRefType>(out.getType());
  Type outElement = storedElementType();
  int64_t outBytes = outElement.getIntOrFloatBitWidth() / 8;
  config.tmaStore = isContiguous(out) && isa<FloatType>(outElement) &&
                    (outBytes == 2 || outBytes == 4);
  if (config.tmaStore && config.sharedBytes() > kMaxSharedBytes)
    config.tmaStore = false;
  bool lhsBatched = plan.batchDims > 0;
  bool rhsBatched = plan.rhsBatched && plan.batchDims > 0;
  Value lhsMap = createTensorMap(b, p.lhs3,
                                 boxOf(plan.lhsKMajor, config.rowsOfA(), lhsBatched, plan.blockK()),
                                 plan.elementType);
  // In clusters each block loads (and multicasts) half of the B tile.
  Value rhsMap = createTensorMap(
      b, p.rhs3,
      boxOf(plan.rhsKMajor, config.bn / config.cluster, rhsBatched,
            plan.blockK()),
      plan.elementType);
  // Work units: tiles times K splits. K is split only when tiles would
  // keep fewer than an eighth of the multiprocessors busy (on an H100, with
  // 8 stages in flight per block, 32 blocks of 64 x 128 already read a
  // decode weight faster than split K, whose atomics and extra launches
  // cost more), into enough chunks for about `waves` units per
  // multiprocessor, each of at least 4 stages. In clusters a unit is the
  // cluster's column of `cluster` tiles, and the slots are the clusters.
  int64_t slots = smCount / config.cluster;
  Value tiles = ix.mul(
      p.batch, ix.mul(ix.ceilDiv(ix.ceilDiv(p.m, config.bm), config.cluster),
                      ix.ceilDiv(p.n, config.bn)));
  Value kTiles = ix.ceilDiv(p.k, plan.blockK());
  Value sms = ix.c(slots);
  Value few = ix.andi(ix.ult(ix.mul(tiles, ix.c(8)), sms),
                      arith::ConstantIntOp::create(b, config.waves > 0, 1));
  Value wanted =
      ix.div(ix.add(ix.c(config.waves * slots), ix.sub(tiles, ix.c(1))),
             ix.max(tiles, ix.c(1)));
  Value most = ix.max(ix.div(kTiles, ix.c(4)), ix.c(1));
  Value splits = arith::SelectOp::create(b, few, ix.min(wanted, most), ix.c(1));
  Value chunk = ix.div(ix.add(kTiles, ix.sub(splits, ix.c(1))), splits);
  // Chunks of at least one stage; recount the splits that cover K.
  chunk = ix.max(chunk, ix.c(1));
  splits = ix.max(ix.div(ix.add(kTiles, ix.sub(chunk, ix.c(1))), chunk),
                  ix.c(1));
  Value units = ix.mul(tiles, splits);
  Value split = ix.ult(ix.c(1), splits);
  // With split K the kernel adds into the zeroed accumulator and the
  // epilogue runs after it as its own op.
  {
    auto pre = scf::IfOp::create(b, split, /*withElseRegion=*/false);
    OpBuilder pb(pre.thenBlock()->getTerminator());
    cloneOriginal(pb, true, false, false);
  }
  Value nonEmpty = ix.ult(ix.c(0), units);
  auto run = scf::IfOp::create(b, nonEmpty, /*withElseRegion=*/false);
  {
    ImplicitLocOpBuilder kb(b.getLoc(), run.thenBlock()->getTerminator());
    // Paired 16-bit stores need 4-byte aligned pairs: an even N and an
    // aligned result.
    Ix kx{kb};
    auto meta = memref::ExtractStridedMetadataOp::create(kb, out);
    Value address = kx.add(
        memref::ExtractAlignedPointerAsIndexOp::create(kb, out),
        kx.mul(meta.getOffset(), kx.c(outBytes)));
    Value paired = kx.andi(kx.eq(kx.rem(p.n, kx.c(2)), kx.c(0)),
                           kx.eq(kx.rem(address, kx.c(4)), kx.c(0)));
    Value storeMap, storeOk;
    if (config.tmaStore) {
      // TMA stores need a 16-byte aligned result with rows of a multiple
      // of 16 bytes; with split K the kernel adds atomically instead.
      storeOk = kx.andi(
          kx.andi(kx.eq(kx.rem(kx.mul(p.n, kx.c(outBytes)), kx.c(16)),
                        kx.c(0)),
                  kx.eq(kx.rem(address, kx.c(16)), kx.c(0))),
          arith::XOrIOp::create(kb, split,
                                arith::ConstantIntOp::create(kb, 1, 1)));
      auto make = scf::IfOp::create(kb, TypeRange{kb.getI64Type()}, storeOk,
                                    /*withElseRegion=*/true);
      {
        ImplicitLocOpBuilder mb(kb.getLoc(), make.thenBlock(),
                                make.thenBlock()->end());
        Ix mx{mb};
        // The result as [batch,] M x N rows (the epilogue may write it
        // through a one-dimensional view).
        bool batched = plan.batchDims > 0;
        SmallVector<OpFoldResult> sizes, strides;
        if (batched) {
          sizes.push_back(p.batch);
          strides.push_back(mx.mul(p.m, p.n));
        }
        sizes.append({p.m, p.n});
        strides.append({p.n, mx.c(1)});
        SmallVector<int64_t> dyn(sizes.size(), ShapedType::kDynamic);
        auto viewType = MemRefType::get(
            dyn, outElement,
            StridedLayoutAttr::get(mb.getContext(), ShapedType::kDynamic,
                                   SmallVector<int64_t>(dyn.size(),
                                                        ShapedType::kDynamic)),
            outType.getMemorySpace());
        Value rows = memref::ReinterpretCastOp::create(
            mb, viewType, out, OpFoldResult(meta.getOffset()), sizes, strides);
        Value map = createTensorMap(mb, rows, storeBoxOf(outElement, batched),
                                    outElement);
        scf::YieldOp::create(mb, map);
      }
      {
        ImplicitLocOpBuilder eb(kb.getLoc(), make.elseBlock(),
                                make.elseBlock()->end());
        scf::YieldOp::create(
            eb, ValueRange{arith::ConstantIntOp::create(eb, eb.getI64Type(), 0)
                               .getResult()});
      }
      storeMap = make.getResult(0);
    }
    emitKernel(kb, p, config, lhsMap, rhsMap, splits, chunk, units, paired,
               storeMap, storeOk);
  }
  if (plan.epilogue) {
    auto post = scf::IfOp::create(b, split, /*withElseRegion=*/false);
    OpBuilder qb(post.thenBlock()->getTerminator());
    cloneOriginal(qb, false, false, true);
  }
}

/// A wgmma matrix descriptor for a tile at shared address `address` (i64)
/// with 128-byte swizzle: leading byte offset `lbo`, stride byte offset
/// 1024 (eight 128-byte rows).
Value matrixDescriptor(ImplicitLocOpBuilder &b, Value address, int64_t lbo) {
  uint64_t fixed = (uint64_t(1) << 62) | (uint64_t((1024 >> 4) & 0x3FFF) << 32) |
                   (uint64_t((lbo >> 4) & 0x3FFF) << 16);
  Value mask = arith::ConstantIntOp::create(b, b.getI64Type(), 0x3FFFF);
  Value four = arith::ConstantIntOp::create(b, b.getI64Type(), 4);
  Value field = arith::ShRUIOp::create(
      b, arith::AndIOp::create(b, address, mask), four);
  return arith::OrIOp::create(
      b, field,
      arith::ConstantIntOp::create(b, b.getI64Type(), int64_t(fixed)));
}

void Emitter::emitKernel(ImplicitLocOpBuilder &b, const Problem &p,
                         const TileConfig &config, Value lhsMap, Value rhsMap,
                         Value splits, Value chunk, Value units, Value paired,
                         Value storeMap, Value storeOk) {
  MLIRContext *ctx = b.getContext();
  Ix hx{b};
  Value grid = hx.mul(hx.min(units, hx.c(smCount / config.cluster)),
                      hx.c(config.cluster));
  Value one = hx.c(1);
  Value smem = arith::ConstantIntOp::create(b, b.getI32Type(),
                                            config.sharedBytes());
  Value clusterSize = config.cluster > 1 ? hx.c(config.cluster) : Value();
  auto launch = gpu::LaunchOp::create(
      b, grid, one, one, hx.c(config.threads()), one, one, smem,
      /*asyncTokenType=*/nullptr, /*asyncDependencies=*/{},
      /*workgroupAttributions=*/{}, /*privateAttributions=*/{}, clusterSize,
      clusterSize ? one : Value(), clusterSize ? one : Value());
  // MLIR 22's builder leaves out the six cluster id and size arguments of
  // the body, which the op's accessors expect after the twelve block and
  // thread ones (as in vx-gpu-row-kernels).
  if (clusterSize && launch.getBody().front().getNumArguments() == 12)
    for (unsigned i = 0; i < 6; ++i)
      launch.getBody().front().insertArgument(12 + i, b.getIndexType(),
                                              b.getLoc());
  launch->setAttr("vx.matmul_config", b.getStringAttr(config.str()));
  ImplicitLocOpBuilder k =
      ImplicitLocOpBuilder::atBlockBegin(b.getLoc(), &launch.getBody().front());
  gpu::TerminatorOp::create(k);
  k.setInsertionPoint(launch.getBody().front().getTerminator());
  Ix ix{k};
  Type i64 = k.getI64Type();
  auto space = gpu::AddressSpaceAttr::get(ctx, gpu::AddressSpace::Workgroup);

  Value lhsDesc = tensorMapIn(k, lhsMap);
  Value rhsDesc = tensorMapIn(k, rhsMap);
  Value tid = launch.getThreadIds().x;
  Value warpgroup = ix.div(tid, ix.c(kWarpgroup));
  Value wgThread = ix.rem(tid, ix.c(kWarpgroup));
  // Units go to clusters (of one block without clusters); `rank` is the
  // block's place in its cluster.
  Value bid = ix.div(launch.getBlockIds().x, ix.c(config.cluster));
  Value gridSize = ix.div(launch.getGridSize().x, ix.c(config.cluster));
  Value rank = ix.rem(launch.getBlockIds().x, ix.c(config.cluster));

  // Shared memory: the stages, from the first 1024-byte boundary.
  Value raw = gpu::DynamicSharedMemoryOp::create(
      k, MemRefType::get({ShapedType::kDynamic}, k.getI8Type(),
                         MemRefLayoutAttrInterface{}, space));
  Value rawAddress = memref::ExtractAlignedPointerAsIndexOp::create(k, raw);
  Value pad = ix.rem(ix.sub(ix.c(1024), ix.rem(rawAddress, ix.c(1024))),
                     ix.c(1024));
  auto stageOffset = [&](Ix &x, Value stage) {
    return x.add(pad, x.mul(stage, x.c(config.stageBytes())));
  };

  auto groupType = nvgpu::MBarrierGroupType::get(ctx, space, config.stages);
  Value full = nvgpu::MBarrierCreateOp::create(k, groupType);
  Value empty = nvgpu::MBarrierCreateOp::create(k, groupType);
  Value order;
  if (config.pingpong)
    order = nvgpu::MBarrierCreateOp::create(
        k, nvgpu::MBarrierGroupType::get(ctx, space, 2));
  // In clusters a stage is free again only when the consumers of both
  // blocks are done with it (the peer's producer multicasts into it), so the
  // "empty" barriers take arrivals from the other block too: they live in
  // the dynamic shared memory after the stages, where this kernel knows
  // their addresses (nvgpu's mbarrier groups offer no remote arrival). One
  // arrival per consumer warp and block.
  bool clustered = config.cluster > 1;
  int64_t clusterArrivals = config.cluster * config.consumers() * 4;
  auto emptyAt = [&](Ix &x, Value stage) -> Value {
    Value offset =
        x.add(x.add(pad, x.c(config.storeOffset() + config.storeBytes())),
              x.mul(stage, x.c(8)));
    return LLVM::IntToPtrOp::create(x.b, LLVM::LLVMPointerType::get(ctx, 3),
                                    x.i64(x.add(rawAddress, offset)));
  };
  auto i32 = [&](OpBuilder &ob, int64_t v) -> Value {
    return arith::ConstantIntOp::create(ob, k.getLoc(), ob.getI32Type(), v);
  };
  // Waits for the free phase of stage `stage`'s empty barrier.
  auto waitEmpty = [&](Ix &x, Value phase, Value stage, Value ticks) {
    if (!clustered) {
      nvgpu::MBarrierTryWaitParityOp::create(x.b, empty, phase, ticks, stage);
      return;
    }
    NVVM::MBarrierTryWaitParityOp::create(
        x.b, emptyAt(x, stage),
        arith::ExtUIOp::create(x.b, x.b.getI32Type(), phase),
        i32(x.b, 10000000));
  };
  // Releases stage `stage` (every thread of a consumer warpgroup calls it).
  auto releaseStage = [&](Ix &x, Value stage) {
    if (!clustered) {
      nvgpu::MBarrierArriveOp::create(
          x.b, nvgpu::MBarrierTokenType::get(ctx), empty, stage);
      return;
    }
    Value lane = x.rem(gpu::ThreadIdOp::create(x.b, gpu::Dimension::x),
                       x.c(32));
    auto first = scf::IfOp::create(x.b, x.eq(lane, x.c(0)), false);
    ImplicitLocOpBuilder fb(x.b.getLoc(), first.thenBlock()->getTerminator());
    Ix fx{fb};
    Value local = emptyAt(fx, stage);
    // CTA scope, as CUTLASS's cluster pipelines arrive: the wgmma reads of
    // the stage are complete (wait_group) and the peer only overwrites it by
    // TMA. A cluster-scope release costs a MEMBAR.ALL.GPU before each
    // arrival, which made every stage take about 1.9 us on an H100.
    for (int64_t r = 0; r < config.cluster; ++r) {
      Value there = NVVM::MapaOp::create(
          fb, LLVM::LLVMPointerType::get(ctx, 7), local, i32(fb, r));
      NVVM::MBarrierArriveOp::create(fb, Type(), there, Value(),
                                     NVVM::MemScopeKind::CTA);
    }
  };
  {
    auto init = scf::IfOp::create(k, ix.eq(tid, ix.c(0)), false);
    ImplicitLocOpBuilder ib(k.getLoc(), init.thenBlock()->getTerminator());
    Ix iix{ib};
    for (int64_t s = 0; s < config.stages; ++s) {
      nvgpu::MBarrierInitOp::create(ib, full, iix.c(1), iix.c(s), Value());
      if (clustered)
        NVVM::MBarrierInitOp::create(ib, emptyAt(iix, iix.c(s)),
                                     i32(ib, clusterArrivals), Value());
      else
        nvgpu::MBarrierInitOp::create(
            ib, empty,
            iix.c((config.pingpong ? 1 : config.consumers()) * kWarpgroup),
            iix.c(s), Value());
    }
    // The peer block signals these barriers: make the initialization
    // visible to the cluster.
    if (clustered)
      NVVM::FenceMbarrierInitOp::create(ib);
    // Ping-pong: order[c] completes a phase each time consumer c has issued
    // a tile's mainloop.
    if (order)
      for (int64_t c = 0; c < 2; ++c)
        nvgpu::MBarrierInitOp::create(ib, order, iix.c(kWarpgroup), iix.c(c),
                                      Value());
  }
  gpu::BarrierOp::create(k);
  // No block may signal or multicast into its peer before the peer's
  // barriers are initialized.
  if (clustered) {
    NVVM::ClusterArriveOp::create(k, k.getUnitAttr());
    NVVM::ClusterWaitOp::create(k, k.getUnitAttr());
  }

  // The work of unit `u`: batch, first row and column of its tile, and its
  // range of K stages. Tiles go in groups of 8 block rows so that blocks
  // running together share operand tiles in L2. In clusters the rows count
  // in cluster-high groups of tiles; block `rank` takes the rank-th tile.
  Value mTiles = ix.ceilDiv(ix.ceilDiv(p.m, config.bm), config.cluster);
  Value nTiles = ix.ceilDiv(p.n, config.bn);
  Value kTiles = ix.ceilDiv(p.k, plan.blockK());
  struct Unit {
    Value batch, row, col, kBegin, kEnd;
  };
  auto decode = [&](Ix &x, Value u) {
    Value ks = x.rem(u, splits);
    Value t = x.div(u, splits);
    Value perBatch = x.mul(mTiles, nTiles);
    Value bIdx = x.div(t, perBatch);
    Value r = x.rem(t, perBatch);
    Value inGroup = x.mul(x.c(8), nTiles);
    Value group = x.div(r, inGroup);
    Value firstM = x.mul(group, x.c(8));
    Value groupRows = x.min(x.sub(mTiles, firstM), x.c(8));
    Value local = x.rem(r, inGroup);
    Value mt = x.add(firstM, x.rem(local, groupRows));
    Value nt = x.div(local, groupRows);
    Value kBegin = x.mul(ks, chunk);
    Value kEnd = x.min(x.add(kBegin, chunk), kTiles);
    kBegin = x.min(kBegin, kEnd);
    Value row = x.mul(x.add(x.mul(mt, x.c(config.cluster)), rank),
                      x.c(config.bm));
    return Unit{bIdx, row, x.mul(nt, x.c(config.bn)), kBegin, kEnd};
  };
  auto parity = [&](Ix &x, Value iteration) {
    Value phase = x.rem(x.div(iteration, x.c(config.stages)), x.c(2));
    return arith::IndexCastUIOp::create(x.b, x.b.getI1Type(), phase);
  };
  Value ticks = ix.c(10000000);
  bool lhsBatched = plan.batchDims > 0;
  bool rhsBatched = plan.rhsBatched && plan.batchDims > 0;
  auto coords = [&](Value inner, Value outer, Value batchIdx, bool batched) {
    SmallVector<Value> c{inner, outer};
    if (batched)
      c.push_back(batchIdx);
    return c;
  };
  auto view = [&](Ix &x, Value offset, ArrayRef<int64_t> shape) {
    auto type = MemRefType::get(shape, plan.elementType,
                                MemRefLayoutAttrInterface{}, space);
    return memref::ViewOp::create(x.b, type, raw, offset, ValueRange{});
  };

  auto roles = scf::IfOp::create(k, ix.eq(warpgroup, ix.c(0)), true);
  // In clusters no block may exit while its peer may still arrive on its
  // barriers.
  if (clustered) {
    OpBuilder::InsertionGuard guard(k);
    k.setInsertionPointAfter(roles);
    NVVM::ClusterArriveOp::create(k, k.getUnitAttr());
    NVVM::ClusterWaitOp::create(k, k.getUnitAttr());
  }
  // Producer.
  {
    ImplicitLocOpBuilder pb(k.getLoc(), roles.thenBlock()->getTerminator());
    Ix px{pb};
    // With one consumer warpgroup every thread may have 255 registers.
    if (config.consumers() > 1)
      NVVM::SetMaxRegisterOp::create(pb, kProducerRegisters,
                                     NVVM::SetMaxRegisterAction::decrease);
    auto leader = scf::IfOp::create(pb, px.eq(wgThread, px.c(0)), false);
    ImplicitLocOpBuilder lb(pb.getLoc(), leader.thenBlock()->getTerminator());
    Ix lx{lb};
    auto unitLoop = scf::ForOp::create(lb, bid, units, gridSize,
                                       ValueRange{lx.c(0)});
    {
      ImplicitLocOpBuilder ub = ImplicitLocOpBuilder::atBlockBegin(
          lb.getLoc(), unitLoop.getBody());
      Ix ux{ub};
      Unit unit = decode(ux, unitLoop.getInductionVar());
      Value start = unitLoop.getRegionIterArgs()[0];
      auto kLoop = scf::ForOp::create(ub, unit.kBegin, unit.kEnd, ux.c(1),
                                      ValueRange{start});
      {
        ImplicitLocOpBuilder sb = ImplicitLocOpBuilder::atBlockBegin(
            ub.getLoc(), kLoop.getBody());
        Ix sx{sb};
        Value it = kLoop.getRegionIterArgs()[0];
        Value kt = kLoop.getInductionVar();
        Value stage = sx.rem(it, sx.c(config.stages));
        Value ph = parity(sx, it);
        Value emptyPhase = arith::XOrIOp::create(
            sb, ph, arith::ConstantIntOp::create(sb, 1, 1));
        waitEmpty(sx, emptyPhase, stage, ticks);
        // The whole stage arrives, in clusters half of B from the peer.
        nvgpu::MBarrierArriveExpectTxOp::create(
            sb, full, sx.c(config.stageBytes()), stage, Value());
        Value aOff = stageOffset(sx, stage);
        Value bOff = sx.add(aOff, sx.c(config.aBytes()));
        Value kCoord = sx.mul(kt, sx.c(plan.blockK()));
        auto load = [&](Value map, Value offset, ArrayRef<int64_t> shape,
                        SmallVector<Value> c, Value multicast = Value()) {
          Value dst = view(sx, offset, shape);
          nvgpu::TmaAsyncLoadOp::create(sb, dst, full, map, c, stage,
                                        multicast, Value());
        };
        SmallVector<int64_t> aBox =
            boxOf(plan.lhsKMajor, config.rowsOfA(), lhsBatched, plan.blockK());
        SmallVector<int64_t> bBox =
            boxOf(plan.rhsKMajor, config.bn / config.cluster, rhsBatched,
                  plan.blockK());
        if (plan.lhsKMajor) {
          load(lhsDesc, aOff, aBox, coords(kCoord, unit.row, unit.batch,
                                          lhsBatched));
        } else {
          for (int64_t c = 0; c < config.bm / 64; ++c)
            load(lhsDesc, sx.add(aOff, sx.c(c * 8192)), aBox,
                 coords(sx.add(unit.row, sx.c(c * 64)), kCoord, unit.batch,
                        lhsBatched));
        }
        // In clusters, block `rank` loads the rank-th part of B (N-wise)
        // into the same place of every block of the cluster.
        Value bPart = config.cluster > 1 ? sx.mul(rank, sx.c(config.bn /
                                                            config.cluster))
                                         : sx.c(0);
        Value bPartOff = sx.mul(bPart, sx.c(kRowBytes));
        Value mask = config.cluster > 1
                         ? arith::ConstantIntOp::create(
                               sb, sb.getI16Type(), (1 << config.cluster) - 1)
                               .getResult()
                         : Value();
        Value partCol = sx.add(unit.col, bPart);
        if (plan.rhsKMajor) {
          load(rhsDesc, sx.add(bOff, bPartOff), bBox,
               coords(kCoord, partCol, unit.batch, rhsBatched), mask);
        } else {
          // 64-column boxes of 64 rows (8 KiB) each: box c holds columns
          // 64 c ... 64 c + 63 of the tile.
          for (int64_t c = 0; c < config.bn / 64 / config.cluster; ++c)
            load(rhsDesc, sx.add(sx.add(bOff, bPartOff), sx.c(c * 8192)),
                 bBox,
                 coords(sx.add(partCol, sx.c(c * 64)), kCoord, unit.batch,
                        rhsBatched),
                 mask);
        }
        scf::YieldOp::create(sb, ValueRange{sx.add(it, sx.c(1))});
      }
      scf::YieldOp::create(ub, kLoop.getResults());
    }
  }
  // Consumers.
  {
    ImplicitLocOpBuilder cb(k.getLoc(), roles.elseBlock()->getTerminator());
    Ix cx{cb};
    if (config.consumers() > 1)
      NVVM::SetMaxRegisterOp::create(cb, kConsumerRegisters,
                                     NVVM::SetMaxRegisterAction::increase);
    Value consumer = cx.sub(warpgroup, cx.c(1));
    StoreTarget store;
    if (storeMap) {
      // Each consumer warpgroup owns two store chunks after the stages and
      // named barrier 1 + its index (0 is the block's).
      Type outElement = storedElementType();
      store.map = tensorMapIn(
          cb, storeMap,
          tensorMapTypeOf(ctx, storeBoxOf(outElement, plan.batchDims > 0),
                          outElement));
      store.ok = storeOk;
      store.raw = raw;
      store.offset = cx.add(cx.add(pad, cx.c(config.storeOffset())),
                            cx.mul(consumer, cx.c(2 * kStoreChunkBytes)));
      store.barrierId = arith::IndexCastUIOp::create(
          cb, cb.getI32Type(), cx.add(consumer, cx.c(1)));
    }
    auto accType = LLVM::LLVMStructType::getLiteral(
        ctx, SmallVector<Type>(config.bn / 2, cb.getF32Type()));
    // Iteration arguments: the ring position of the unit's first stage and
    // the unit's index among the block's units.
    auto unitLoop = scf::ForOp::create(cb, bid, units, gridSize,
                                       ValueRange{cx.c(0), cx.c(0)});
    ImplicitLocOpBuilder ub = ImplicitLocOpBuilder::atBlockBegin(
        cb.getLoc(), unitLoop.getBody());
    Ix ux{ub};
    Unit unit = decode(ux, unitLoop.getInductionVar());
    Value start = unitLoop.getRegionIterArgs()[0];
    Value index = unitLoop.getRegionIterArgs()[1];
    Value next = ux.add(start, ux.sub(unit.kEnd, unit.kBegin));
    auto unitYield =
        scf::YieldOp::create(ub, ValueRange{next, ux.add(index, ux.c(1))});
    ub.setInsertionPoint(unitYield);
    if (config.pingpong) {
      // Consumer c takes the units of even (c = 0) or odd (c = 1) index,
      // and starts one only after the other consumer has issued the
      // previous unit's mainloop: the mainloops alternate, and every stage
      // a consumer waits for is at most one ring turn ahead of the stages
      // already filled, as the parity waits require.
      auto mine = scf::IfOp::create(
          ub, ux.eq(ux.rem(index, ux.c(2)), consumer), false);
      ub.setInsertionPoint(mine.thenBlock()->getTerminator());
      auto after = scf::IfOp::create(ub, ux.ult(ux.c(0), index), false);
      ImplicitLocOpBuilder wb(ub.getLoc(), after.thenBlock()->getTerminator());
      Ix wx{wb};
      // Unit index - 1 is the other consumer's ((index - 1) / 2)-th.
      Value phase = wx.rem(wx.div(wx.sub(index, wx.c(1)), wx.c(2)), wx.c(2));
      nvgpu::MBarrierTryWaitParityOp::create(
          wb, order,
          arith::IndexCastUIOp::create(wb, wb.getI1Type(), phase), ticks,
          wx.sub(wx.c(1), consumer));
    }
    // One stage of the mainloop at ring position `it`. The first stage of a
    // unit starts the accumulator with scale-d = 0 (its input is undefined)
    // instead of zeroing the registers: ptxas serializes every wgmma of a
    // kernel whose accumulator registers other instructions touch between
    // the fence and the wgmma (C7514), which register copies of a zero
    // accumulator there did (-15% at 4096^3).
    bool drain = !config.pingpong && config.consumers() > 1;
    // With drain a stage can go back as soon as its group is done, which
    // gives the producer the whole ring as lead (H100 under ncu's fixed
    // clocks: 4096^3 221.6 -> 216.3 us, 4096 x 14336 x 4096 729.8 -> 724.0
    // us); in clusters that measured 8-10% slower, so they keep releasing
    // the stage before.
    bool releaseNow = drain && !clustered;
    auto emitStage = [&](ImplicitLocOpBuilder &sb, Value it, Value acc,
                         bool first) -> Value {
      Ix sx{sb};
      Value stage = sx.rem(it, sx.c(config.stages));
      nvgpu::MBarrierTryWaitParityOp::create(sb, full, parity(sx, it), ticks,
                                             stage);
      Value aOff = stageOffset(sx, stage);
      if (!config.pingpong)
        aOff = sx.add(aOff, sx.mul(consumer, sx.c(8192)));
      Value bOff = sx.add(stageOffset(sx, stage), sx.c(config.aBytes()));
      Value aAddr = sx.i64(sx.add(rawAddress, aOff));
      Value bAddr = sx.i64(sx.add(rawAddress, bOff));
      NVVM::WgmmaFenceAlignedOp::create(sb);
      auto shape = NVVM::MMAShapeAttr::get(ctx, 64, config.bn, plan.mmaK());
      auto type = plan.elementType.isBF16()  ? NVVM::WGMMATypes::bf16
                  : plan.elementType.isF16() ? NVVM::WGMMATypes::f16
                                             : NVVM::WGMMATypes::tf32;
      auto typeAttr = NVVM::WGMMATypesAttr::get(ctx, type);
      auto one = NVVM::WGMMAScaleInAttr::get(ctx, NVVM::WGMMAScaleIn::one);
      for (int64_t kk = 0; kk < plan.blockK() / plan.mmaK(); ++kk) {
        // K-major tiles advance 32 bytes (one wgmma's K) along their
        // swizzled rows; MN-major ones (16-bit only) 16 rows of 128 bytes.
        auto step = [&](Value address, bool kMajor) {
          int64_t bytes = kMajor ? 32 * kk : 2048 * kk;
          return arith::AddIOp::create(
              sb, address, arith::ConstantIntOp::create(sb, i64, bytes));
        };
        Value descA = matrixDescriptor(sb, step(aAddr, plan.lhsKMajor),
                                       plan.lhsKMajor ? 16 : 8192);
        Value descB = matrixDescriptor(sb, step(bAddr, plan.rhsKMajor),
                                       plan.rhsKMajor ? 16 : 8192);
        auto scaleD = first && kk == 0 ? NVVM::WGMMAScaleOut::zero
                                       : NVVM::WGMMAScaleOut::one;
        acc = NVVM::WgmmaMmaAsyncOp::create(
            sb, accType, acc, descA, descB, shape, typeAttr, typeAttr,
            NVVM::WGMMATypesAttr::get(ctx, NVVM::WGMMATypes::f32),
            NVVM::WGMMAScaleOutAttr::get(ctx, scaleD), one, one,
            NVVM::MMALayoutAttr::get(ctx, plan.lhsKMajor ? NVVM::MMALayout::row
                                                         : NVVM::MMALayout::col),
            NVVM::MMALayoutAttr::get(ctx, plan.rhsKMajor ? NVVM::MMALayout::col
                                                         : NVVM::MMALayout::row),
            NVVM::MMAIntOverflowAttr());
      }
      NVVM::WgmmaGroupSyncAlignedOp::create(sb);
      // Keep this stage's group in flight; the previous one is done, and
      // its stage goes back to the producer. Two consumer warpgroups sharing
      // a tile instead wait for their own group (`drain`): ptxas serializes
      // all wgmmas of a kernel in which a spin loop (the next stage's
      // mbarrier wait) runs while a group is in flight (C7514), and the
      // other warpgroup's wgmmas keep the tensor cores busy meanwhile
      // (H100, 128 x 256 tiles: +3-5% at 4096 x {11008, 14336} x 4096, the
      // same within noise at 4096^3 and 8192^3; one consumer warpgroup has
      // no such cover, and ping-pong measured 7% slower with it).
      NVVM::WgmmaWaitGroupSyncOp::create(sb, drain ? 0 : 1);
      if (releaseNow)
        releaseStage(sx, stage);
      else if (!first)
        releaseStage(sx, sx.rem(sx.add(it, sx.c(config.stages - 1)),
                                sx.c(config.stages)));
      return acc;
    };
    // The first stage, then the others; a unit without stages (the last K
    // chunk can be empty) has a zero accumulator.
    Value hasStages = ux.ult(unit.kBegin, unit.kEnd);
    auto mainloop = scf::IfOp::create(ub, TypeRange{accType}, hasStages,
                                      /*withElseRegion=*/true);
    {
      ImplicitLocOpBuilder tb(ub.getLoc(),
                              mainloop.thenBlock(), mainloop.thenBlock()->end());
      Ix tx{tb};
      Value acc =
          emitStage(tb, start, LLVM::UndefOp::create(tb, accType), true);
      auto kLoop = scf::ForOp::create(tb, tx.add(unit.kBegin, tx.c(1)),
                                      unit.kEnd, tx.c(1),
                                      ValueRange{tx.add(start, tx.c(1)), acc});
      ImplicitLocOpBuilder sb = ImplicitLocOpBuilder::atBlockBegin(
          tb.getLoc(), kLoop.getBody());
      Ix sx{sb};
      Value it = kLoop.getRegionIterArgs()[0];
      Value stepped = emitStage(sb, it, kLoop.getRegionIterArgs()[1], false);
      scf::YieldOp::create(sb, ValueRange{sx.add(it, sx.c(1)), stepped});
      scf::YieldOp::create(tb, kLoop.getResult(1));
    }
    {
      ImplicitLocOpBuilder eb(ub.getLoc(),
                              mainloop.elseBlock(), mainloop.elseBlock()->end());
      scf::YieldOp::create(eb, ValueRange{LLVM::ZeroOp::create(eb, accType)});
    }
    Value accResult = mainloop.getResult(0);
    // The mainloop is issued: the other consumer may start its own.
    if (order)
      nvgpu::MBarrierArriveOp::create(ub, nvgpu::MBarrierTokenType::get(ctx),
                                      order, consumer);
    NVVM::WgmmaWaitGroupSyncOp::create(ub, 0);
    // Otherwise the unit's last stage is still held.
    if (!releaseNow) {
      auto releaseLast = scf::IfOp::create(ub, hasStages, false);
      ImplicitLocOpBuilder rb(ub.getLoc(),
                              releaseLast.thenBlock()->getTerminator());
      Ix rx{rb};
      Value last = rx.rem(rx.add(next, rx.c(config.stages - 1)),
                          rx.c(config.stages));
      releaseStage(rx, last);
    }
    Value rowBase = config.pingpong
                        ? unit.row
                        : ux.add(unit.row, ux.mul(consumer, ux.c(64)));
    emitEpilogue(ub, p, config, accResult, unit.batch, rowBase,
                 unit.col, ux.ult(ux.c(1), splits), paired, store);
    // The last TMA stores must be done before the block exits.
    if (store.map) {
      OpBuilder::InsertionGuard guard(cb);
      cb.setInsertionPointAfter(unitLoop);
      auto last = scf::IfOp::create(cb, cx.eq(wgThread, cx.c(0)), false);
      OpBuilder lb(last.thenBlock()->getTerminator());
      NVVM::CpAsyncBulkWaitGroupOp::create(lb, cb.getLoc(), 0, UnitAttr());
    }
  }
}

/// Stores the accumulator fragment of a consumer warpgroup: element
/// 4 * g + e of thread t (warp w, lane l) is row 16 w + l / 4 + 8 (e / 2),
/// column 8 g + 2 (l % 4) + e % 2 of the 64 x bn tile. Without split K the
/// epilogue op's body computes each stored value; with it, the value is
/// added atomically into the accumulator. Tiles inside the result skip the
/// bounds checks and, when `paired` (16-bit results, even N, aligned), store
/// the two neighbouring columns of a thread as one 32-bit access.
void Emitter::emitEpilogue(ImplicitLocOpBuilder &b, const Problem &p,
                           const TileConfig &config, Value acc,
                           Value batchIndex, Value rowBase, Value colBase,
                           Value atomic, Value paired,
                           const StoreTarget &store) {
  Ix ix{b};
  Value t = ix.rem(gpu::ThreadIdOp::create(b, gpu::Dimension::x),
                   ix.c(kWarpgroup));
  Value warp = ix.div(t, ix.c(32));
  Value lane = ix.rem(t, ix.c(32));
  Value row0 = ix.add(rowBase, ix.add(ix.mul(warp, ix.c(16)),
                                      ix.div(lane, ix.c(4))));
  Value col0 = ix.add(colBase, ix.mul(ix.rem(lane, ix.c(4)), ix.c(2)));
  SmallVector<Value> batchIdx = batchIndices(b, p, batchIndex);
  // The epilogue's body on the element at (row, col) whose accumulator is
  // `v`: the value to store, and where.
  auto compute = [&](ImplicitLocOpBuilder &gb, Value v, Value row, Value col,
                     Value &out, SmallVector<Value> &outIndices) -> Value {
    return epilogueElement(gb, plan, p, batchIdx, v, row, col, out,
                           outIndices);
  };
  auto element = [&](ImplicitLocOpBuilder &sb, int64_t g, int64_t e) {
    Ix sx{sb};
    Value row = e >= 2 ? sx.add(row0, sx.c(8)) : row0;
    Value col = sx.add(col0, sx.c(8 * g + (e % 2)));
    return std::make_pair(row, col);
  };
  auto fragment = [&](ImplicitLocOpBuilder &sb, int64_t i) -> Value {
    return LLVM::ExtractValueOp::create(sb, acc, i);
  };
  // The value to store of fragment element 4 * g + e.
  auto valueAt = [&](ImplicitLocOpBuilder &sb, int64_t g, int64_t e) {
    auto [row, col] = element(sb, g, e);
    Value out;
    SmallVector<Value> outIndices;
    return compute(sb, fragment(sb, 4 * g + e), row, col, out, outIndices);
  };
  // Split K: add every element inside the result into the accumulator.
  auto addAll = [&](ImplicitLocOpBuilder &sb) {
    Ix sx{sb};
    for (int64_t g = 0; g < config.bn / 8; ++g)
      for (int64_t e = 0; e < 4; ++e) {
        auto [row, col] = element(sb, g, e);
        auto guard = scf::IfOp::create(
            sb, sx.andi(sx.ult(row, p.m), sx.ult(col, p.n)), false);
        ImplicitLocOpBuilder gb(sb.getLoc(), guard.thenBlock()->getTerminator());
        SmallVector<Value> indices(batchIdx);
        indices.push_back(row);
        indices.push_back(col);
        memref::AtomicRMWOp::create(gb, arith::AtomicRMWKind::addf,
                                    fragment(gb, 4 * g + e), plan.acc, indices);
      }
  };
  // Every element checked against the bounds.
  auto storeMasked = [&](ImplicitLocOpBuilder &sb) {
    Ix sx{sb};
    for (int64_t g = 0; g < config.bn / 8; ++g)
      for (int64_t e = 0; e < 4; ++e) {
        auto [row, col] = element(sb, g, e);
        auto guard = scf::IfOp::create(
            sb, sx.andi(sx.ult(row, p.m), sx.ult(col, p.n)), false);
        ImplicitLocOpBuilder gb(sb.getLoc(), guard.thenBlock()->getTerminator());
        Value out;
        SmallVector<Value> outIndices;
        Value result = compute(gb, fragment(gb, 4 * g + e), row, col, out,
                               outIndices);
        memref::StoreOp::create(gb, result, out, outIndices);
      }
  };
  // A tile inside the result: no checks; pairs of columns in one access.
  auto storeFull = [&](ImplicitLocOpBuilder &sb, bool pairs) {
    for (int64_t g = 0; g < config.bn / 8; ++g)
      for (int64_t e = 0; e < 4; e += pairs ? 2 : 1) {
        auto [row, col] = element(sb, g, e);
        Value out;
        SmallVector<Value> outIndices;
        Value first = compute(sb, fragment(sb, 4 * g + e), row, col, out,
                              outIndices);
        if (!pairs) {
          memref::StoreOp::create(sb, first, out, outIndices);
          continue;
        }
        Ix sx{sb};
        Value out2;
        SmallVector<Value> outIndices2;
        Value second = compute(sb, fragment(sb, 4 * g + e + 1), row,
                               sx.add(col, sx.c(1)), out2, outIndices2);
        Value both = vector::FromElementsOp::create(
            sb, VectorType::get({2}, first.getType()),
            ValueRange{first, second});
        vector::StoreOp::create(sb, both, out, outIndices,
                                /*nontemporal=*/false, llvm::MaybeAlign(4));
      }
  };
  Value full = ix.andi(ix.ult(ix.add(rowBase, ix.c(63)), p.m),
                       ix.ult(ix.add(colBase, ix.c(config.bn - 1)), p.n));
  auto mode = scf::IfOp::create(b, atomic, true);
  {
    ImplicitLocOpBuilder ab(b.getLoc(), mode.thenBlock()->getTerminator());
    addAll(ab);
  }
  ImplicitLocOpBuilder sb(b.getLoc(), mode.elseBlock()->getTerminator());
  if (!store.map) {
    emitTileStore(sb, plan, full, paired, storeFull, storeMasked);
    return;
  }
  auto viaTma = scf::IfOp::create(sb, arith::AndIOp::create(sb, full, store.ok),
                                  /*withElseRegion=*/true);
  ImplicitLocOpBuilder tb(b.getLoc(), viaTma.thenBlock()->getTerminator());
  emitTmaStore(tb, config, t, batchIndex, rowBase, colBase, store, valueAt);
  ImplicitLocOpBuilder eb(b.getLoc(), viaTma.elseBlock()->getTerminator());
  emitTileStore(eb, plan, full, paired, storeFull, storeMasked);
}

/// Stores a consumer warpgroup's 64 x bn tile, which lies inside the
/// result, in chunks of 64 rows of 128 bytes: the threads write their
/// epilogue values into one of the warpgroup's two chunks of shared memory
/// in TMA's 128-byte swizzle (16-byte unit u of row r at u ^ (r % 8), which
/// also spreads a warp's pairs over all banks), fence them for the async
/// proxy, and one thread stores the chunk with TMA while the next chunk is
/// written into the other buffer. Compared with one 4-byte store per pair
/// straight from the registers (a warp writing 8 rows x 16 bytes, half
/// sectors), the tile leaves in full lines and the stores run
/// asynchronously, under the next tile's mainloop.
void Emitter::emitTmaStore(
    ImplicitLocOpBuilder &b, const TileConfig &config, Value thread,
    Value batchIndex, Value rowBase, Value colBase, const StoreTarget &store,
    function_ref<Value(ImplicitLocOpBuilder &, int64_t, int64_t)> valueAt) {
  MLIRContext *ctx = b.getContext();
  Ix ix{b};
  auto space = gpu::AddressSpaceAttr::get(ctx, gpu::AddressSpace::Workgroup);
  Type outElement = storedElementType();
  int64_t outBytes = outElement.getIntOrFloatBitWidth() / 8;
  int64_t chunkCols = kRowBytes / outBytes;
  bool batched = plan.batchDims > 0;
  Value warp = ix.div(thread, ix.c(32));
  Value lane = ix.rem(thread, ix.c(32));
  Value leader = ix.eq(thread, ix.c(0));
  // The thread's first row in the tile (the second is 8 below); both have
  // the same row % 8, the swizzle's key.
  Value localRow = ix.add(ix.mul(warp, ix.c(16)), ix.div(lane, ix.c(4)));
  Value swizzle = ix.div(lane, ix.c(4));
  Value threads = arith::ConstantIntOp::create(b, b.getI32Type(), kWarpgroup);
  auto barrier = [&] {
    NVVM::BarrierOp::create(b, Type(), store.barrierId, threads,
                            NVVM::BarrierReductionAttr(), Value());
  };
  auto pairType = VectorType::get({2}, outElement);
  for (int64_t c = 0; c < config.bn / chunkCols; ++c) {
    Value offset = ix.add(store.offset, ix.c((c % 2) * kStoreChunkBytes));
    // The chunk's buffer was last stored two chunks ago: at most the
    // previous chunk's store may still read.
    {
      auto first = scf::IfOp::create(b, leader, false);
      OpBuilder fb(first.thenBlock()->getTerminator());
      NVVM::CpAsyncBulkWaitGroupOp::create(fb, b.getLoc(), 1,
                                           UnitAttr::get(ctx));
    }
    barrier();
    // Vector stores lower in kernels only into an integer address space.
    Value chunk = memref::MemorySpaceCastOp::create(
        b,
        MemRefType::get({64 * chunkCols}, outElement,
                        MemRefLayoutAttrInterface{},
                        b.getI64IntegerAttr(static_cast<int64_t>(
                            NVVM::NVVMMemorySpace::Shared))),
        memref::ViewOp::create(b,
                               MemRefType::get({64 * chunkCols}, outElement,
                                               MemRefLayoutAttrInterface{},
                                               space),
                               store.raw, offset, ValueRange{}));
    for (int64_t g = 0; g < chunkCols / 8; ++g) {
      int64_t group = c * (chunkCols / 8) + g;
      // Bytes of the pair in its 128-byte row, and their swizzled place.
      Value inRow = ix.mul(ix.add(ix.c(8 * g), ix.mul(ix.rem(lane, ix.c(4)),
                                                      ix.c(2))),
                           ix.c(outBytes));
      Value unit = arith::XOrIOp::create(b, ix.div(inRow, ix.c(16)), swizzle);
      Value inSwizzled = ix.add(ix.mul(unit, ix.c(16)), ix.rem(inRow, ix.c(16)));
      for (int64_t half = 0; half < 2; ++half) {
        Value pair[] = {valueAt(b, group, 2 * half),
                        valueAt(b, group, 2 * half + 1)};
        Value bytes = ix.add(
            ix.mul(ix.add(localRow, ix.c(8 * half)), ix.c(kRowBytes)),
            inSwizzled);
        vector::StoreOp::create(
            b, vector::FromElementsOp::create(b, pairType, pair), chunk,
            ValueRange{ix.div(bytes, ix.c(outBytes))}, /*nontemporal=*/false,
            llvm::MaybeAlign(2 * outBytes));
      }
    }
    // The writes must be visible to TMA (the async proxy) before the
    // leader stores the chunk.
    NVVM::FenceProxyOp::create(
        b, NVVM::ProxyKindAttr::get(ctx, NVVM::ProxyKind::async_shared),
        NVVM::SharedSpaceAttr::get(ctx, NVVM::SharedSpace::shared_cta));
    barrier();
    auto issue = scf::IfOp::create(b, leader, false);
    ImplicitLocOpBuilder ib(b.getLoc(), issue.thenBlock()->getTerminator());
    Ix iix{ib};
    Value src = memref::ViewOp::create(
        ib, MemRefType::get(storeBoxOf(outElement, batched), outElement,
                            MemRefLayoutAttrInterface{}, space),
        store.raw, offset, ValueRange{});
    SmallVector<Value> coords{iix.add(colBase, iix.c(c * chunkCols)), rowBase};
    if (batched)
      coords.push_back(batchIndex);
    nvgpu::TmaAsyncStoreOp::create(ib, src, store.map, coords, Value());
    NVVM::CpAsyncBulkCommitGroupOp::create(ib);
  }
}

//===----------------------------------------------------------------------===//
// The pass
//===----------------------------------------------------------------------===//

/// Reads `path`'s lines `ARCH CLASS CONFIG` into `table` (for `arch`).
LogicalResult readCache(StringRef path, StringRef arch,
                        llvm::StringMap<TileConfig> &table,
                        std::string &why) {
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/true);
  if (!buffer) {
    // A missing cache is an empty one: tuning has not run yet.
    if (buffer.getError() == std::errc::no_such_file_or_directory)
      return success();
    why = "cannot read '" + path.str() + "': " + buffer.getError().message();
    return failure();
  }
  SmallVector<StringRef> lines;
  (*buffer)->getBuffer().split(lines, '\n', -1, false);
  for (auto [number, line] : llvm::enumerate(lines)) {
    line = line.trim();
    if (line.empty() || line.starts_with("#"))
      continue;
    SmallVector<StringRef> fields;
    line.split(fields, ' ', -1, false);
    std::string reason;
    FailureOr<TileConfig> config =
        fields.size() == 3 ? TileConfig::parse(fields[2], reason)
                           : FailureOr<TileConfig>(failure());
    if (failed(config)) {
      why = path.str() + ":" + std::to_string(number + 1) +
            ": expected 'ARCH CLASS BMxBNsSTAGES[wWAVES][aROWS][p][c2]'" +
            (reason.empty() ? "" : " (" + reason + ")");
      return failure();
    }
    if (fields[0] == arch)
      table[fields[1]] = *config;
  }
  return success();
}

struct VxGpuMatmulTensorCorePass
    : mlir::vortex::impl::VxGpuMatmulTensorCorePassBase<
          VxGpuMatmulTensorCorePass> {
  using Base::Base;

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    std::optional<TileConfig> forced;
    if (!config.empty()) {
      std::string why;
      FailureOr<TileConfig> parsed = TileConfig::parse(config, why);
      if (failed(parsed)) {
        func.emitError() << "vx-gpu-matmul-tensorcore: invalid config '"
                         << config << "': " << why;
        return signalPassFailure();
      }
      forced = *parsed;
    }
    if (smCount < 1) {
      func.emitError() << "vx-gpu-matmul-tensorcore: sm-count must be "
                          "positive, got "
                       << static_cast<int64_t>(smCount);
      return signalPassFailure();
    }
    llvm::StringMap<TileConfig> tuned;
    std::string cachePath = cache;
    if (cachePath.empty())
      if (const char *env = std::getenv("VORTEX_MATMUL_CACHE"))
        cachePath = env;
    if (!cachePath.empty()) {
      std::string why;
      if (failed(readCache(cachePath, "sm_90a", tuned, why))) {
        func.emitError() << "vx-gpu-matmul-tensorcore: bad tuning cache: "
                         << why;
        return signalPassFailure();
      }
    }

    for (MatmulPlan &plan : collectPlans(func, tf32)) {
      auto accType = cast<MemRefType>(plan.acc.getType());
      auto lhsType = cast<MemRefType>(plan.lhs.getType());
      unsigned batch = plan.batchDims;
      int64_t m = accType.getDimSize(batch), n = accType.getDimSize(batch + 1);
      int64_t kDim = lhsType.getDimSize(plan.lhsKMajor ? batch + 1 : batch);
      auto choose = [&](int64_t rows) {
        if (forced)
          return *forced;
        auto it = tuned.find(shapeClass(rows, n, kDim));
        if (it != tuned.end())
          return it->second;
        return costModel(rows, n, smCount);
      };
      SmallVector<TileConfig> configs;
      SmallVector<int64_t> bounds;
      if (ShapedType::isDynamic(m) && !forced) {
        for (int64_t rows : kRowClasses) {
          configs.push_back(choose(rows));
          bounds.push_back(rows);
        }
        configs.push_back(choose(m));
      } else if (ShapedType::isDynamic(m) && forced->aRows) {
        // A forced configuration with thin A stages: its own kernel for
        // M <= aRows, the full-A one for the rest.
        configs = {*forced, *forced};
        bounds.push_back(forced->aRows);
      } else {
        configs.push_back(choose(m));
      }
      Emitter(plan, smCount).emit(configs, bounds, m);
    }
  }
};

} // namespace
