//===- GpuMatmulMmaSync.cpp - warp-level tensor-core matmul kernels -------===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//
//
// Rewrites 16-bit matmuls on buffers (f32 accumulation), with the
// elementwise op that consumes the accumulator, into one kernel for the
// warp-level tensor cores of sm_80 and later chips:
//
//   - blocks of 4 warps compute 128 x 128 tiles of the result, each warp a
//     64 x 64 quarter with 4 x 8 mma.sync.m16n8k16 per 16 elements of K;
//   - the operand tiles of K = 32 go through a ring of shared-memory stages
//     that cp.async fills ahead of the multiplication (zero fill past the
//     edges), padded rows keeping ldmatrix free of bank conflicts;
//   - the fused epilogue runs on the accumulator registers before the store.
//
// The matching and the epilogue are those of vx-gpu-matmul-tensorcore
// (GpuMatmul.h); only the kernel differs.
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
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/NVGPU/IR/NVGPUDialect.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/ImplicitLocOpBuilder.h"

namespace mlir::vortex {
#define GEN_PASS_DEF_VXGPUMATMULMMASYNCPASS
#include "Vortex/Transforms/Passes.h.inc"
} // namespace mlir::vortex

using namespace mlir;
using namespace mlir::vortex::gpu_matmul;

namespace {

/// The block tile, its warps and the pipeline. 4 warps of 64 x 64 keep 128
/// f32 accumulators per thread; 4 stages of 20 KiB (K-major operands) let
/// two blocks share a multiprocessor of an A100 or H100.
constexpr int64_t kBM = 128, kBN = 128, kBK = 32, kStages = 4;
constexpr int64_t kWarpsM = 2, kWarpsN = 2;
constexpr int64_t kWM = kBM / kWarpsM, kWN = kBN / kWarpsN;
constexpr int64_t kThreads = 32 * kWarpsM * kWarpsN;
constexpr int64_t kMmaM = kWM / 16, kMmaN = kWN / 8;
/// Elements added to each shared-memory row: 16 bytes, so that the 8 rows
/// of an 8 x 8 ldmatrix start in different groups of 4 banks.
constexpr int64_t kPad = 8;
/// Elements per cp.async: 16 bytes.
constexpr int64_t kChunk = 8;

/// The shared-memory tile of one operand in one stage: `rows` rows of
/// `cols` elements (plus padding), in the operand's own layout: K-major
/// operands keep rows of K, the others rows of M or N.
struct Tile {
  int64_t rows, cols;
  int64_t stride() const { return cols + kPad; }
  int64_t bytes() const { return rows * stride() * 2; }
};

Tile tileOf(bool kMajor, int64_t extent) {
  return kMajor ? Tile{extent, kBK} : Tile{kBK, extent};
}

class Emitter {
public:
  explicit Emitter(MatmulPlan &plan) : plan(plan) {}

  /// Replaces the matched ops at the epilogue (or the matmul) by a run-time
  /// choice between the kernel and the original ops.
  void emit();

private:
  void emitKernel(ImplicitLocOpBuilder &b, const Problem &p, Value paired);
  void emitEpilogue(ImplicitLocOpBuilder &b, const Problem &p,
                    ArrayRef<Value> acc, Value batchIndex, Value row0,
                    Value col0, Value warpRow, Value warpCol, Value lane,
                    Value paired);

  MatmulPlan &plan;
};

void Emitter::emit() {
  Operation *anchor = plan.epilogue ? plan.epilogue.getOperation()
                                    : plan.matmul.getOperation();
  ImplicitLocOpBuilder b(plan.matmul.getLoc(), anchor);
  Problem p = buildProblem(b, plan);
  Value ok = copyableIn16Bytes(b, plan, p);
  auto ifOp = scf::IfOp::create(b, ok, /*withElseRegion=*/true);
  {
    ImplicitLocOpBuilder tb(b.getLoc(), ifOp.thenBlock()->getTerminator());
    emitKernel(tb, p, pairedStores(tb, plan, p));
  }
  {
    OpBuilder eb(ifOp.elseBlock()->getTerminator());
    cloneOriginal(eb, plan, true, true, true);
  }
  if (plan.epilogue)
    plan.epilogue->erase();
  plan.matmul->erase();
  if (plan.fill)
    plan.fill->erase();
}

void Emitter::emitKernel(ImplicitLocOpBuilder &b, const Problem &p,
                         Value paired) {
  MLIRContext *ctx = b.getContext();
  Ix hx{b};
  Tile aTile = tileOf(plan.lhsKMajor, kBM);
  // The right operand is K-major when it is N x K.
  Tile bTile = tileOf(plan.rhsKMajor, kBN);
  int64_t sharedBytes = kStages * (aTile.bytes() + bTile.bytes());
  Value mTiles = hx.ceilDiv(p.m, kBM), nTiles = hx.ceilDiv(p.n, kBN);
  Value units = hx.mul(p.batch, hx.mul(mTiles, nTiles));
  Value one = hx.c(1);
  auto launch = gpu::LaunchOp::create(
      b, units, one, one, hx.c(kThreads), one, one,
      arith::ConstantIntOp::create(b, b.getI32Type(), sharedBytes));
  launch->setAttr("vx.matmul_config",
                  b.getStringAttr(std::to_string(kBM) + "x" +
                                  std::to_string(kBN) + "x" +
                                  std::to_string(kBK) + "s" +
                                  std::to_string(kStages) + "-mma-sync"));
  ImplicitLocOpBuilder k =
      ImplicitLocOpBuilder::atBlockBegin(b.getLoc(), &launch.getBody().front());
  gpu::TerminatorOp::create(k);
  k.setInsertionPoint(launch.getBody().front().getTerminator());
  Ix ix{k};
  Type et = plan.elementType;
  auto space = gpu::AddressSpaceAttr::get(ctx, gpu::AddressSpace::Workgroup);

  Value tid = launch.getThreadIds().x;
  Value warp = ix.div(tid, ix.c(32));
  Value lane = ix.rem(tid, ix.c(32));
  Value warpRow = ix.mul(ix.div(warp, ix.c(kWarpsN)), ix.c(kWM));
  Value warpCol = ix.mul(ix.rem(warp, ix.c(kWarpsN)), ix.c(kWN));

  // The block's tile: groups of 8 block rows, column by column, so that
  // blocks running together share operand tiles in L2.
  Value unit = launch.getBlockIds().x;
  Value perBatch = ix.mul(mTiles, nTiles);
  Value batchIndex = ix.div(unit, perBatch);
  Value r = ix.rem(unit, perBatch);
  Value inGroup = ix.mul(ix.c(8), nTiles);
  Value firstM = ix.mul(ix.div(r, inGroup), ix.c(8));
  Value groupRows = ix.min(ix.sub(mTiles, firstM), ix.c(8));
  Value local = ix.rem(r, inGroup);
  Value row0 = ix.mul(ix.add(firstM, ix.rem(local, groupRows)), ix.c(kBM));
  Value col0 = ix.mul(ix.div(local, groupRows), ix.c(kBN));
  Value kTiles = ix.ceilDiv(p.k, kBK);

  // Shared memory: the stages of the left operand, then the right one's,
  // as [stage, row, column] views.
  Value raw = gpu::DynamicSharedMemoryOp::create(
      k, MemRefType::get({ShapedType::kDynamic}, k.getI8Type(),
                         MemRefLayoutAttrInterface{}, space));
  auto stages = [&](const Tile &t, int64_t offset) -> Value {
    auto type = MemRefType::get({kStages, t.rows, t.stride()}, et,
                                MemRefLayoutAttrInterface{}, space);
    return memref::ViewOp::create(k, type, raw, ix.c(offset), ValueRange{});
  };
  Value aSmem = stages(aTile, 0);
  Value bSmem = stages(bTile, kStages * aTile.bytes());

  // What one thread copies of a tile: chunks of 8 elements, the thread's
  // i-th at row (tid + 128 i) / (cols / 8).
  struct Copy {
    Value smem, global;
    bool batched;
    Tile tile;
    // Global origin and extent of the tile's rows and columns: rows are K
    // for an operand whose M or N is contiguous.
    bool rowsAreK;
    Value mnOrigin, mnExtent;
    SmallVector<std::pair<Value, Value>> chunks; // (row, column) in the tile
  };
  auto makeCopy = [&](Value smem, Value global, bool batched, Tile tile,
                      bool kMajor, Value mnOrigin, Value mnExtent) {
    Copy c{smem, global, batched, tile, !kMajor, mnOrigin, mnExtent, {}};
    int64_t perRow = tile.cols / kChunk;
    for (int64_t i = 0; i < tile.rows * perRow / kThreads; ++i) {
      Value idx = ix.add(tid, ix.c(i * kThreads));
      c.chunks.push_back({ix.div(idx, ix.c(perRow)),
                          ix.mul(ix.rem(idx, ix.c(perRow)), ix.c(kChunk))});
    }
    return c;
  };
  bool lhsBatched = plan.batchDims > 0;
  bool rhsBatched = plan.rhsBatched && plan.batchDims > 0;
  SmallVector<Copy> copies{
      makeCopy(aSmem, p.lhs3, lhsBatched, aTile, plan.lhsKMajor, row0, p.m),
      makeCopy(bSmem, p.rhs3, rhsBatched, bTile, plan.rhsKMajor, col0, p.n)};

  // Issues the copies of K tile `kt` into `stage` (zeros when kt is past
  // the last tile) and commits them as one group.
  Value eight = ix.c(kChunk), zero = ix.c(0);
  auto issue = [&](ImplicitLocOpBuilder &sb, Value kt, Value stage) {
    Ix sx{sb};
    Value live = sx.ult(kt, kTiles);
    Value k0 = sx.mul(kt, sx.c(kBK));
    for (Copy &c : copies) {
      for (auto [row, col] : c.chunks) {
        Value gRow = sx.add(c.rowsAreK ? k0 : c.mnOrigin, row);
        Value gCol = sx.add(c.rowsAreK ? c.mnOrigin : k0, col);
        Value rowExtent = c.rowsAreK ? p.k : c.mnExtent;
        Value colExtent = c.rowsAreK ? c.mnExtent : p.k;
        Value in = sx.andi(live, sx.andi(sx.ult(gRow, rowExtent),
                                         sx.ult(gCol, colExtent)));
        // Copies that read nothing still need an address inside the
        // buffer.
        SmallVector<Value> src;
        if (c.batched)
          src.push_back(batchIndex);
        src.push_back(arith::SelectOp::create(sb, in, gRow, zero));
        src.push_back(arith::SelectOp::create(sb, in, gCol, zero));
        Value count = arith::SelectOp::create(sb, in, eight, zero);
        nvgpu::DeviceAsyncCopyOp::create(
            sb, nvgpu::DeviceAsyncTokenType::get(ctx), c.smem,
            ValueRange{stage, row, col}, c.global, src,
            sb.getIndexAttr(kChunk), count, sb.getUnitAttr());
      }
    }
    NVVM::CpAsyncCommitGroupOp::create(sb);
  };

  // Lane parts of the ldmatrix row addresses: lanes 8 i to 8 i + 7 give the
  // rows of matrix i.
  Value laneRow = ix.rem(lane, ix.c(8));
  Value laneHalf = ix.mul(ix.rem(ix.div(lane, ix.c(8)), ix.c(2)), ix.c(8));
  Value laneQuarter = ix.mul(ix.div(lane, ix.c(16)), ix.c(8));

  auto accType = LLVM::LLVMStructType::getLiteral(
      ctx, SmallVector<Type>(4, k.getF32Type()));
  SmallVector<Value> init;
  for (int64_t i = 0; i < kMmaM * kMmaN; ++i)
    init.push_back(LLVM::ZeroOp::create(k, accType));

  // Prologue: the first kStages - 1 tiles in flight.
  for (int64_t s = 0; s + 1 < kStages; ++s)
    issue(k, ix.c(s), ix.c(s));

  auto kLoop = scf::ForOp::create(k, zero, kTiles, one, init);
  {
    ImplicitLocOpBuilder sb = ImplicitLocOpBuilder::atBlockBegin(
        k.getLoc(), kLoop.getBody());
    Ix sx{sb};
    Value kt = kLoop.getInductionVar();
    // Tile kt has landed once at most kStages - 2 newer groups are pending;
    // the barrier also tells that every warp is done with the stage the
    // next copies overwrite (the one computed on in the last iteration).
    NVVM::CpAsyncWaitGroupOp::create(sb, kStages - 2);
    gpu::BarrierOp::create(sb);
    Value ahead = sx.add(kt, sx.c(kStages - 1));
    issue(sb, ahead, sx.rem(ahead, sx.c(kStages)));
    Value stage = sx.rem(kt, sx.c(kStages));

    SmallVector<Value> acc(kLoop.getRegionIterArgs());
    auto fragments = [&](Value smem, Value r, Value c, bool transpose,
                         int64_t tiles) {
      auto type = VectorType::get({tiles, 2}, et);
      Value v = nvgpu::LdMatrixOp::create(sb, type, smem,
                                          ValueRange{stage, r, c}, transpose,
                                          static_cast<int32_t>(tiles));
      // One 32-bit register per matrix: bf16 pairs as i32 (what
      // nvvm.mma.sync takes for bf16), f16 pairs as vector<2xf16>.
      SmallVector<Value> regs;
      for (int64_t i = 0; i < tiles; ++i) {
        Value pair = vector::ExtractOp::create(sb, v, ArrayRef<int64_t>{i});
        if (et.isBF16()) {
          Value word = vector::BitCastOp::create(
              sb, VectorType::get({1}, sb.getI32Type()), pair);
          pair = vector::ExtractOp::create(sb, word, ArrayRef<int64_t>{0});
        }
        regs.push_back(pair);
      }
      return regs;
    };
    for (int64_t kk = 0; kk < kBK / 16; ++kk) {
      Value kBase = sx.c(kk * 16);
      // A: rows m 0-7 / 8-15 at k 0-7 / 8-15, in the order of mma's a0-a3.
      SmallVector<SmallVector<Value>> aRegs;
      for (int64_t mi = 0; mi < kMmaM; ++mi) {
        Value m = sx.add(warpRow, sx.c(mi * 16));
        if (plan.lhsKMajor)
          aRegs.push_back(fragments(aSmem, sx.add(sx.add(m, laneRow), laneHalf),
                                    sx.add(kBase, laneQuarter), false, 4));
        else
          aRegs.push_back(fragments(
              aSmem, sx.add(sx.add(kBase, laneRow), laneQuarter),
              sx.add(m, laneHalf), true, 4));
      }
      // B: two n8 tiles per ldmatrix.x4, k 0-7 and 8-15 of each.
      SmallVector<SmallVector<Value>> bRegs;
      for (int64_t nj = 0; nj < kMmaN / 2; ++nj) {
        Value n = sx.add(warpCol, sx.c(nj * 16));
        SmallVector<Value> regs =
            plan.rhsKMajor
                ? fragments(bSmem, sx.add(sx.add(n, laneRow), laneQuarter),
                            sx.add(kBase, laneHalf), false, 4)
                : fragments(bSmem, sx.add(sx.add(kBase, laneRow), laneHalf),
                            sx.add(n, laneQuarter), true, 4);
        bRegs.push_back({regs[0], regs[1]});
        bRegs.push_back({regs[2], regs[3]});
      }
      auto ptx = et.isBF16() ? NVVM::MMATypes::bf16 : NVVM::MMATypes::f16;
      for (int64_t mi = 0; mi < kMmaM; ++mi)
        for (int64_t ni = 0; ni < kMmaN; ++ni) {
          Value &c = acc[mi * kMmaN + ni];
          SmallVector<Value> cRegs;
          for (int64_t e = 0; e < 4; ++e)
            cRegs.push_back(LLVM::ExtractValueOp::create(sb, c, e));
          c = NVVM::MmaOp::create(
              sb, accType, aRegs[mi], bRegs[ni], cRegs,
              ArrayRef<int64_t>{16, 8, 16}, std::nullopt, std::nullopt,
              std::array<NVVM::MMATypes, 2>{ptx, ptx},
              std::array<NVVM::MMALayout, 2>{NVVM::MMALayout::row,
                                             NVVM::MMALayout::col});
        }
    }
    scf::YieldOp::create(sb, acc);
  }
  // The copies of the tiles past K (zero fills) must not outlive the block.
  NVVM::CpAsyncWaitGroupOp::create(k, 0);
  emitEpilogue(k, p, SmallVector<Value>(kLoop.getResults()), batchIndex, row0,
               col0, warpRow, warpCol, lane, paired);
}

/// Stores the accumulators of a warp: element e of the mma tile (mi, ni) of
/// lane l is row 16 mi + l / 4 + 8 (e / 2), column 8 ni + 2 (l % 4) + e % 2
/// of the warp's 64 x 64 quarter, as in wgmma's fragments.
void Emitter::emitEpilogue(ImplicitLocOpBuilder &b, const Problem &p,
                           ArrayRef<Value> acc, Value batchIndex, Value row0,
                           Value col0, Value warpRow, Value warpCol,
                           Value lane, Value paired) {
  Ix ix{b};
  SmallVector<Value> batchIdx = batchIndices(b, p, batchIndex);
  Value rowBase =
      ix.add(ix.add(row0, warpRow), ix.div(lane, ix.c(4)));
  Value colBase =
      ix.add(ix.add(col0, warpCol), ix.mul(ix.rem(lane, ix.c(4)), ix.c(2)));
  auto element = [&](ImplicitLocOpBuilder &sb, int64_t mi, int64_t ni,
                     int64_t e) {
    Ix sx{sb};
    Value row = sx.add(rowBase, sx.c(mi * 16 + 8 * (e / 2)));
    Value col = sx.add(colBase, sx.c(ni * 8 + e % 2));
    return std::make_pair(row, col);
  };
  auto value = [&](ImplicitLocOpBuilder &sb, int64_t mi, int64_t ni,
                   int64_t e) -> Value {
    return LLVM::ExtractValueOp::create(sb, acc[mi * kMmaN + ni], e);
  };
  auto storeMasked = [&](ImplicitLocOpBuilder &sb) {
    Ix sx{sb};
    for (int64_t mi = 0; mi < kMmaM; ++mi)
      for (int64_t ni = 0; ni < kMmaN; ++ni)
        for (int64_t e = 0; e < 4; ++e) {
          auto [row, col] = element(sb, mi, ni, e);
          auto guard = scf::IfOp::create(
              sb, sx.andi(sx.ult(row, p.m), sx.ult(col, p.n)), false);
          ImplicitLocOpBuilder gb(sb.getLoc(),
                                  guard.thenBlock()->getTerminator());
          Value out;
          SmallVector<Value> at;
          Value result = epilogueElement(gb, plan, p, batchIdx,
                                         value(gb, mi, ni, e), row, col, out,
                                         at);
          memref::StoreOp::create(gb, result, out, at);
        }
  };
  auto storeFull = [&](ImplicitLocOpBuilder &sb, bool pairs) {
    Ix sx{sb};
    for (int64_t mi = 0; mi < kMmaM; ++mi)
      for (int64_t ni = 0; ni < kMmaN; ++ni)
        for (int64_t e = 0; e < 4; e += pairs ? 2 : 1) {
          auto [row, col] = element(sb, mi, ni, e);
          Value out;
          SmallVector<Value> at;
          Value first = epilogueElement(sb, plan, p, batchIdx,
                                        value(sb, mi, ni, e), row, col, out,
                                        at);
          if (!pairs) {
            memref::StoreOp::create(sb, first, out, at);
            continue;
          }
          Value out2;
          SmallVector<Value> at2;
          Value second = epilogueElement(sb, plan, p, batchIdx,
                                         value(sb, mi, ni, e + 1), row,
                                         sx.add(col, sx.c(1)), out2, at2);
          Value both = vector::FromElementsOp::create(
              sb, VectorType::get({2}, first.getType()),
              ValueRange{first, second});
          vector::StoreOp::create(sb, both, out, at, /*nontemporal=*/false,
                                  llvm::MaybeAlign(4));
        }
  };
  Value full = ix.andi(ix.ult(ix.add(row0, ix.c(kBM - 1)), p.m),
                       ix.ult(ix.add(col0, ix.c(kBN - 1)), p.n));
  emitTileStore(b, plan, full, paired, storeFull, storeMasked);
}

struct VxGpuMatmulMmaSyncPass
    : mlir::vortex::impl::VxGpuMatmulMmaSyncPassBase<VxGpuMatmulMmaSyncPass> {
  using Base::Base;

  void runOnOperation() override {
    for (MatmulPlan &plan : collectPlans(getOperation()))
      Emitter(plan).emit();
  }
};

} // namespace
