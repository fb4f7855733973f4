//===- Passes.td - Vortex cross-dialect transforms ----------*- tablegen -*-===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//

#ifndef VORTEX_TRANSFORMS_PASSES_TD
#define VORTEX_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def VxFlattenElementwisePass : Pass<"vx-flatten-elementwise"> {
  let summary = "Collapse elementwise linalg ops on buffers to one dimension";
  let description = [{
    Rewrites every `linalg.generic` on contiguous buffers (identity layout)
    whose iterators are all parallel and whose indexing maps are all
    identities, of rank 2 or more, into the same computation over
    one-dimensional `memref.collapse_shape` views of its operands, and one of
    rank 0 into one over one-element `memref.expand_shape` views. The loop
    that follows maps onto one grid dimension with consecutive threads on
    consecutive elements (coalesced accesses), whatever the rank and however
    small the innermost dimension.

    It runs on buffers rather than tensors so that no `memref.expand_shape`
    with dynamic sizes is created: MLIR 22's `expand-strided-metadata`
    crashes on those.
  }];
  let dependentDialects = ["::mlir::memref::MemRefDialect",
                           "::mlir::arith::ArithDialect",
                           "::mlir::affine::AffineDialect"];
}

def VxGpuVectorizeElementwisePass
    : Pass<"vx-gpu-vectorize-elementwise", "::mlir::func::FuncOp"> {
  let summary = "Give elementwise loops 16-byte loads and stores";
  let description = [{
    Rewrites each one-dimensional elementwise `linalg.generic` on contiguous
    buffers (what `vx-flatten-elementwise` produces) into a kernel
    (`gpu.launch`) in which each thread loads `vectors-per-thread` vectors of
    `width` bytes of every operand (8 bf16, 4 f32, ...), computes their
    elements with the op's scalar body, and stores them, followed by a scalar
    loop over the remaining elements. GPUs compute per thread on scalars;
    what vectors buy is fewer, wider memory transactions (`ld.global.v4`),
    which 16-bit types need to reach memory bandwidth.

    A block of `threads` threads takes `threads * vectors-per-thread`
    consecutive vectors. A thread's vectors lie `threads` vectors apart, so
    that every warp-wide access covers 32 consecutive vectors, and the thread
    issues all their loads before it computes. The kernel has its own block
    size: the pipeline's `block-size` tiles the other SIMT loops, which may
    need more registers per thread.

    Wide accesses need aligned addresses: the kernel runs when every
    buffer's address is a multiple of `width` (checked on the host at run
    time); otherwise the original elementwise op runs.
  }];
  let options = [
    Option<"width", "width", "int64_t", "8",
           "Bytes per vector access of the widest element type (1, 2, 4, 8 "
           "or 16)">,
    Option<"threads", "threads", "int64_t", "512",
           "Threads per block of the vector kernels (1 to 1024)">,
    Option<"vectorsPerThread", "vectors-per-thread", "int64_t", "1",
           "Vectors per thread, `threads` vectors apart (1 to 16)">
  ];
  let dependentDialects = ["::mlir::vector::VectorDialect",
                           "::mlir::gpu::GPUDialect",
                           "::mlir::scf::SCFDialect",
                           "::mlir::memref::MemRefDialect",
                           "::mlir::arith::ArithDialect"];
}

def VxGpuRowKernelsPass
    : Pass<"vx-gpu-row-kernels", "::mlir::func::FuncOp"> {
  let summary = "Fuse row reductions and their epilogues into single-pass row kernels";
  let description = [{
    Finds runs of linalg ops on buffers that iterate over the same rows --
    reductions over the innermost dimension, per-row scalar ops and
    elementwise ops over the rows, with the fills of their accumulators --
    and rewrites each run into `gpu.launch`es in which a group of threads
    owns a row. Softmax, RMSNorm, LayerNorm and row reductions all have this
    shape after `convert-vx-tensor-to-linalg` and bufferization.

    Each thread reads its slice of the row with vector loads of `width`
    bytes, keeps it in registers (at most `per-thread` elements of each
    row operand) and reuses it in every later stage, so the row is read from
    memory once and written once. Reductions combine within the thread, then
    across lanes with `gpu.subgroup_reduce` and across warps through shared
    memory. Buffers that only carry values between the fused ops (row
    maxima, sums, means) stay in registers and are no longer allocated.

    The launch is chosen on the host from the row length (for a static
    length, at compile time): rows of up to 1024 elements in two vectors
    per thread (32 threads, then 1024 / (2 x vector lanes)), longer ones,
    for a dynamic length, on one shape per doubling of the length (the
    shape a static length of that many elements takes: the fewest threads
    with four vectors each, two for groups that read the row once (row
    sums and maxima), whose rows that fill at most 11/16 of that shape
    take half its threads with three; for f32 also 256 threads with three
    for rows of 3072 read again), then 512 or 1024 threads per row (shorter rows
    packed several to a 256-thread block, 128 for groups that read column
    vectors) while the row fits in their registers; 1024 only for groups that read the row
    once (but not on 16-bit rows, which stream past 512 threads), or
    without clusters. Rows that 128 threads would hold in more
    than four vectors each (f32 rows of 4096; static lengths of 3073 to
    4096) take 512 threads with two
    (three blocks per multiprocessor, `nvvm.minctasm = 3`, for groups that
    read the row again); with `l2-evict-last`, those groups, when they can
    stream and write none of their row inputs, reload the row in each pass
    instead of keeping it in registers: the first pass reads it with
    `ld.global.L1::evict_last`, the last with `L1::evict_first`, both with
    the L2 evict-last policy, and the column vectors are loaded at their
    use. A known length that 1024 threads would hold in
    four vectors each takes 512 threads with more when they hold it (f32
    rows of 8193 to 16384), as a dynamic length does. With
    `l2-evict-last`, groups that read the row again load it with an L2
    evict-last cache policy on the shapes that keep 128 bytes or more of it
    per thread (f32 rows of 8193 to 16384 on 512 threads, and clusters of
    such blocks): `createpolicy` once per kernel and
    `ld.global.L2::cache_hint`, as inline PTX. Cached rows (but those kept
    in shared memory) load the column vectors of their first chunks, as
    many as 64 bytes per thread hold, at the start, with the row. A vector that lies inside
    every row the shape takes (below a static length, or the longest row
    of the shape before it) is loaded without a branch and reduced without
    a mask, but for a static length on a shape that holds `per-thread`
    elements of the row in a group that reads it again (those keep the
    branches of an unknown length, which spare ptxas spills).
    Longer rows that the group reads more than once go, in an order that
    depends on the group, to one of three shapes that still read them from
    memory once:

    - with `cluster` above 1 (sm_90 and later), rows longer than a
      512-thread block holds, up to `cluster` times that, are split over a
      thread-block cluster of 2 to `cluster` blocks of 512 threads (rather
      than one 1024-thread block: two 512-thread blocks share a
      multiprocessor, so one's loads overlap the other's reductions). The
      blocks exchange their partial reductions through dynamic shared
      memory: each block's first thread copies its total into
      a slot of every other block with `cp.async.bulk` (shared::cta to
      shared::cluster), which completes bytes on that block's mbarrier, and
      every thread waits on its own block's mbarrier. The cluster barriers
      (after the mbarriers are initialized, before the blocks exit) are
      relaxed: a release at cluster scope makes ptxas emit MEMBAR.ALL.GPU,
      which waits for all of the block's outstanding memory operations;
    - with `stage-bytes`, rows of 16-bit elements (whose vectors hold more
      elements than a thread keeps in registers) that a 512-thread block
      holds in a third of that much shared memory, eight vectors per
      thread, go to blocks that keep their part of the row there: each
      thread copies its vectors with `cp.async` at the start and every op
      reads them back, so three blocks share a multiprocessor
      (`nvvm.minctasm = 3`); on clusters of 2 to `cluster` blocks, and on
      one block for groups that read more than one column vector;
    - with `stage-bytes`, rows whose inputs fit in that much shared memory
      are staged: each thread copies its vectors of the row into dynamic
      shared memory with `cp.async` (`nvgpu.device_async_copy`) and every
      stage reads them there. The shared memory is a ring of streaming
      steps that holds the row and as much of the block's next row as fits
      (at most all of it): the first steps of the next row are copied while
      this row is reduced, and as the last stage reads each vector the
      thread copies the vector that the ring holds next into its place.

    Groups that read at most one column vector (softmax, RMSNorm) take
    clusters first; groups that read more (LayerNorm's weight and bias)
    take clusters of two, then staging, then larger clusters. A shape that
    would hold no longer rows than one before it is not emitted. Rows
    longer than all of them take 1024 threads that
    stream over the row once per stage, in at most `sm-count` blocks that
    loop over the rows, so that the rows being read again stay in L2
    (groups that read the row once: two blocks per multiprocessor, with
    `nvvm.minctasm = 2`; on 16-bit rows one block per row and no loop).
    Of those blocks, the grid takes as few as hold the rows in as many
    rounds (`ceil(rows / ceil(rows / limit))`), so that every block loops
    over as many rows, give or take one, and none is left with a last row
    of its own; the staged kernels size their grid the same way.
    Their step loops, four vectors per thread each, are marked not to
    unroll (`llvm.loop_annotation`): a static length's known trip count
    would otherwise become straight-line code that ptxas cannot keep in
    flight within the registers. Cached kernels of 512-thread blocks ask for two blocks per
    multiprocessor (`nvvm.minctasm`). Column vectors (weights, biases) are
    loaded ahead of the chunk that uses them in streaming and clustered
    kernels, so that a store of the previous chunk does not hold the load
    back.
    Vector accesses need every buffer aligned to the access
    and a row length that is a multiple of the vector; otherwise, and for
    no rows or empty rows, the original ops run.
  }];
  let options = [
    Option<"width", "width", "int64_t", "16",
           "Bytes per vector access of the widest element type">,
    Option<"perThread", "per-thread", "int64_t", "32",
           "Elements of each row operand a thread keeps in registers">,
    Option<"cluster", "cluster", "int64_t", "1",
           "Blocks of a thread-block cluster that may share a long row "
           "(1: no clusters; 2, 4 or 8 on sm_90 and later)">,
    Option<"smCount", "sm-count", "int64_t", "132",
           "Multiprocessors of the target: the streaming kernel runs at most "
           "this many blocks, each looping over rows">,
    Option<"stageBytes", "stage-bytes", "int64_t", "0",
           "Shared memory per block for staged rows (0: no staging; "
           "cp.async needs sm_80 or later)">,
    Option<"l2EvictLast", "l2-evict-last", "bool", "false",
           "Load rows that a thread keeps 128 bytes or more of, in groups "
           "that read them again, with an L2 evict-last cache policy, and "
           "reload shorter ones (f32 rows of 4096) in each pass with L1 "
           "eviction priorities (sm_80 and PTX ISA 7.4 or later)">
  ];
  let dependentDialects = ["::mlir::gpu::GPUDialect", "::mlir::scf::SCFDialect",
                           "::mlir::nvgpu::NVGPUDialect",
                           "::mlir::memref::MemRefDialect",
                           "::mlir::vector::VectorDialect",
                           "::mlir::arith::ArithDialect",
                           "::mlir::LLVM::LLVMDialect",
                           "::mlir::NVVM::NVVMDialect"];
}

def VxGpuMatmulTensorCorePass
    : Pass<"vx-gpu-matmul-tensorcore", "::mlir::func::FuncOp"> {
  let summary = "Lower 16-bit (and, as tf32, f32) matmuls to warp-specialized TMA + wgmma kernels (sm_90a)";
  let description = [{
    Rewrites each contraction on buffers with one M, N and K dimension (any
    number of leading batch dimensions, the right operand optionally shared
    by every batch, either operand transposed) whose operands are `bf16` or
    `f16` and whose zero-filled accumulator is `f32` -- what
    `vx_tensor.matmul` becomes, as well as `linalg.matmul`,
    `linalg.batch_matmul` and their transposed forms -- into a persistent
    Hopper kernel. With `tf32`, contractions of `f32` operands into an `f32`
    accumulator take the same kernel with tf32 operands (like PyTorch's
    `allow_tf32`: the tensor cores read the 10 leading mantissa bits of each
    operand, a relative error near 1e-3 instead of f32's 1e-7); off by
    default, f32 matmuls keep the SIMT kernels.

    - a producer warpgroup (one thread) streams `BM x BK` and `BK x BN`
      tiles of the operands with TMA into a ring of `STAGES` shared-memory
      stages in the 128-byte swizzled layout (BK = 64 16-bit or 32 f32
      elements: one 128-byte row), announcing each stage on an mbarrier;
      TMA fills what lies past M, N or K with zeros;
    - `BM / 64` consumer warpgroups multiply each stage with
      `wgmma.mma_async` (64 x BN x 16, or 64 x BN x 8 for tf32, f32
      accumulators in registers) and hand the stage back on a second
      mbarrier; `setmaxnreg` moves registers from the producer to the
      consumers;
    - blocks loop over the tiles (as many blocks as `sm-count`), taken in
      groups of 8 block rows so that concurrent blocks share operand tiles
      in L2;
    - the elementwise op that consumes the accumulator (the cast to the
      result type, bias, activation, residual: whatever
      `linalg-elementwise-op-fusion` merged into it) runs on the registers
      before the store, so the f32 accumulator never reaches memory;
    - tiles inside the result leave through shared memory: each consumer
      warpgroup writes its values into 64-row chunks of 128-byte rows (two
      chunk buffers, TMA's 128-byte swizzle), and one thread stores each
      chunk with a TMA store that runs under the next tile's mainloop
      (when the result is 16-byte aligned with rows of a multiple of 16
      bytes and K is not split); tiles on the edges store each element
      with a bounds check.

    When the tiles would keep fewer than an eighth of the multiprocessors
    busy, K is split at run time into chunks of at least 4 stages, for
    about `waves` work units per multiprocessor; the units add into the
    zeroed f32 accumulator atomically and the epilogue op runs after the
    kernel. (Decode shapes with a few thousand columns already read the
    weight faster unsplit: every block keeps 8 stages in flight.)

    The configuration is written `BMxBNsSTAGES[wWAVES][aROWS][p][c2]`
    (`waves` defaults to 2). `aROWS` (8, 16 or 32, with BM = 64) makes a
    stage load only ROWS rows of A: the 64-row wgmma reads the rest from
    whatever follows in shared memory, garbage rows of the accumulator that
    are never stored, and a stage is mostly B, so more stages of the weight
    are in flight; only kernels that serve M <= ROWS (with K innermost in
    A) keep it, the others load all rows with as many stages as fit. A
    trailing `p` (with BM = 64) asks for the ping-pong
    schedule: two consumer warpgroups take the block's 64 x BN tiles in
    turn, a pair of mbarriers ordering their mainloops, so that one
    warpgroup's epilogue overlaps the other's mainloop; without it the
    BM / 64 consumer warpgroups share each tile. A trailing `c2` (BN 128 or
    256) launches thread-block clusters of two blocks on vertically
    adjacent tiles: each loads its A tile and half of the shared B tile,
    which TMA multicasts into both blocks, and a stage is refilled once the
    consumers of both blocks released it (remote mbarrier arrivals). Both
    schedules are options for tuning; on an H100 they measured slower than
    the default (docs/performance.md). The configuration is `config` when given, else the tuning cache: the file named
    by `cache` or by the environment variable `VORTEX_MATMUL_CACHE`, with
    lines `sm_90a CLASS CONFIG` where CLASS is `m<M>-n<N>-k<K>`, each size
    rounded up to a power of two or `dyn` (`utils/bench/matmul.py tune`
    writes it; a missing file is an empty cache). Otherwise a cost model
    from H100 measurements picks: up to 16 rows when 64-column tiles fit in
    one wave, 64 x 64 tiles with 16 stages of 16 rows of A (`64x64s16a16`);
    up to 512 rows (bound by reading the weight), or when 128 x 256 tiles
    would leave multiprocessors idle, 64 x 128 tiles with 8 stages; else
    128 x 256 tiles with 4 stages. With a dynamic M a kernel is built for
    each row class (at most 16 rows, looked up as M = 16; at most 64, as
    M = 64; at most 512, as M = 512; more, as `dyn`) and the host picks one
    from M; a forced configuration with `aROWS` gets a kernel for M <= ROWS
    and one with all rows of A for the rest.

    TMA needs 16-byte aligned operands whose innermost size is a multiple of
    16 bytes; other operands (and empty ones) take the original ops, which
    later passes map to SIMT kernels. tf32 wgmma reads both operands K-major
    only (PTX allows transposed shared-memory operands for 16-bit types
    alone): an f32 operand with M or N innermost (the right operand of a
    plain `A x B`, a transposed left operand) is first copied into a K-major
    buffer by a `linalg.transpose`, which later passes map to a SIMT kernel;
    `x Wᵀ` (`transpose_rhs`, linear layers) needs no copy. The pass emits NVVM operations that
    only sm_90a has: `vx-to-gpu` runs it for `chip=sm_90a` only; other chips
    from sm_80 on get `vx-gpu-matmul-mma-sync`, and other element types keep
    the SIMT kernels.

    Upstream provides the TMA and mbarrier operations used here (nvgpu) and
    `wgmma` (NVVM), but no lowering from linalg; its
    `nvgpu.warpgroup.generate.descriptor` describes K-major operands only
    and `nvgpu.warpgroup.mma.store` writes the accumulator to memory, so the
    pass builds the matrix descriptors (both majors, for transposed
    operands) and reads the accumulator registers itself. The runtime's
    `mgpuTensorMapEncodeTiledMemref` encodes the TMA descriptors.
  }];
  let options = [
    Option<"smCount", "sm-count", "int64_t", "132",
           "Multiprocessors of the GPU (persistent blocks; 132 on an H100 SXM)">,
    Option<"config", "config", "std::string", "\"\"",
           "Configuration BMxBNsSTAGES[wWAVES][aROWS][p][c2] of every matmul (tuning)">,
    Option<"cache", "cache", "std::string", "\"\"",
           "Tuning cache file (default: $VORTEX_MATMUL_CACHE)">,
    Option<"tf32", "tf32", "bool", "false",
           "Also lower f32 matmuls, with tf32 operands (less precise)">
  ];
  let dependentDialects = ["::mlir::gpu::GPUDialect",
                           "::mlir::nvgpu::NVGPUDialect",
                           "::mlir::NVVM::NVVMDialect",
                           "::mlir::LLVM::LLVMDialect",
                           "::mlir::scf::SCFDialect",
                           "::mlir::memref::MemRefDialect",
                           "::mlir::linalg::LinalgDialect",
                           "::mlir::vector::VectorDialect",
                           "::mlir::arith::ArithDialect"];
}

def VxGpuKernelOutliningPass
    : Pass<"vx-gpu-kernel-outlining", "::mlir::ModuleOp"> {
  let summary = "Outline gpu.launch bodies into kernels, keeping occupancy hints";
  let description = [{
    Runs upstream `gpu-kernel-outlining` and moves the occupancy hint
    `nvvm.minctasm` (the number of blocks the kernel should fit on one
    multiprocessor at once, which caps its registers per thread) from each
    `gpu.launch` to the `gpu.func` outlined from it, where the NVVM
    translation turns it into PTX `.minnctapersm`. Upstream outlining keeps
    no attribute of the launch. Launches are matched to the
    `gpu.launch_func` ops that replace them by their order in the module.
    A hint that is not a positive 32-bit integer is an error.
  }];
  let dependentDialects = ["::mlir::gpu::GPUDialect", "::mlir::DLTIDialect"];
}

def VxGpuMatmulMmaSyncPass
    : Pass<"vx-gpu-matmul-mma-sync", "::mlir::func::FuncOp"> {
  let summary = "Lower 16-bit matmuls to cp.async + ldmatrix + mma.sync kernels (sm_80 and later)";
  let description = [{
    Rewrites the contractions that `vx-gpu-matmul-tensorcore` takes (one M,
    N and K dimension, leading batch dimensions or a right operand shared by
    every batch, either operand transposed, `bf16` or `f16` operands into a
    zero-filled `f32` accumulator, with the elementwise op that reads the
    accumulator) into one kernel for the warp-level tensor cores that every
    chip since sm_80 has:

    - a block of 4 warps computes a 128 x 128 tile of the result (each warp
      64 x 64: 4 x 8 `mma.sync.aligned.m16n8k16` with `f32` accumulators in
      registers), blocks taken in groups of 8 block rows so that blocks
      running together share operand tiles in L2;
    - K advances 32 at a time through a ring of 4 shared-memory stages that
      `cp.async` (16 bytes per copy, L1 bypassed) fills 3 stages ahead of
      the multiplication, one `bar.sync` per stage; copies past M, N or K
      read nothing and fill zeros, so any size works;
    - each operand's tile keeps its layout in global memory (K or M/N
      contiguous) with its rows padded by 16 bytes, so that the 8 rows that
      one `ldmatrix` reads fall in distinct banks; `ldmatrix` (with `.trans`
      for operands whose M or N is contiguous) loads the fragments;
    - the fused elementwise op (cast to the result type, bias, activation,
      residual) runs on the registers before the store, as in
      `vx-gpu-matmul-tensorcore`; tiles inside the result store without
      bounds checks, pairs of 16-bit columns as one 32-bit access.

    `cp.async` of 16 bytes needs 16-byte aligned operands whose innermost
    size is a multiple of 8 elements; other operands (and empty ones) take
    the original ops, which later passes map to SIMT kernels. `vx-to-gpu`
    runs the pass for every chip from sm_80 on except sm_90a, which has the
    wgmma kernels of `vx-gpu-matmul-tensorcore`.

    Upstream MLIR provides `nvgpu.device_async_copy`, `nvgpu.ldmatrix` and
    `nvvm.mma.sync`, but no lowering from linalg to them for this kernel
    shape (its vector-to-GPU path handles `f16` contractions already in
    vector form and `nvgpu.mma.sync` does not lower `bf16`), so the pass
    builds the kernel itself and calls `nvvm.mma.sync` with the operands'
    registers.
  }];
  let dependentDialects = ["::mlir::gpu::GPUDialect",
                           "::mlir::nvgpu::NVGPUDialect",
                           "::mlir::NVVM::NVVMDialect",
                           "::mlir::LLVM::LLVMDialect",
                           "::mlir::scf::SCFDialect",
                           "::mlir::memref::MemRefDialect",
                           "::mlir::linalg::LinalgDialect",
                           "::mlir::vector::VectorDialect",
                           "::mlir::arith::ArithDialect"];
}

def VxGpuExternDynamicSharedPass
    : Pass<"vx-gpu-extern-dynamic-shared", "::mlir::gpu::GPUModuleOp"> {
  let summary = "Address dynamic shared memory through an external global";
  let description = [{
    Replaces `gpu.dynamic_shared_memory` in the kernels of a GPU module by a
    `memref.get_global` of one public, uninitialized, 16-byte aligned
    `memref.global` of zero bytes in shared memory, cast to the op's type.
    Upstream's NVVM lowering of `gpu.dynamic_shared_memory` declares its
    zero-sized global with internal linkage, which the LLVM 22 NVPTX back
    end demotes to a zero-sized static shared variable instead of printing
    `.extern .shared`, so every kernel's "dynamic" shared memory overlapped
    its static shared memory. External linkage gives the `.extern`
    declaration that dynamic shared memory needs.
  }];
  let dependentDialects = ["::mlir::memref::MemRefDialect"];
}

def VxGpuFastExp2Pass
    : Pass<"vx-gpu-fast-exp2", "::mlir::gpu::GPUModuleOp"> {
  let summary = "Approximate f32 exp2 in kernels as one ex2.approx.ftz";
  let description = [{
    Replaces each `math.exp2` on `f32` that carries the `afn` fast-math flag
    in the kernels of a GPU module by a call of the NVVM intrinsic
    `llvm.nvvm.ex2.approx.ftz.f32`, one `MUFU.EX2` instruction. Upstream's
    NVVM lowering calls libdevice's `__nv_exp2f`, which (with the module's
    `__CUDA_FTZ` reflection off) is `ex2.approx.f32` without `.ftz`: ptxas
    wraps it in a range test and two multiplications that keep subnormal
    results, four instructions instead of one. Other exponentials keep that
    lowering. `afn` allows an approximate
    result; this one is `ex2.approx`'s (relative error about 2^-22) with
    subnormal arguments and results (below 2^-126) flushed to zero. Only the
    16-bit softmaxes ask for `afn` exponentials (docs/Design.md).
  }];
  let dependentDialects = ["::mlir::LLVM::LLVMDialect"];
}

def VxGpuRowReductionsPass
    : Pass<"vx-gpu-row-reductions", "::mlir::func::FuncOp"> {
  let summary = "Map reductions over one inner dimension onto a block per row";
  let description = [{
    Rewrites each `linalg.generic` on buffers whose loops are parallel
    except the last, a reduction, and whose body combines into the output
    with one of add, max or min (floats or signed integers), into a
    `gpu.launch` with one block of `block-size` threads per output element.
    The threads stride over the reduced dimension (consecutive threads on
    consecutive elements), each folding its elements with the op's body, and
    `gpu.all_reduce` combines them; one thread then folds the total into the
    output. Reductions, the statistics of softmax and the normalizations all
    have this shape after `convert-vx-tensor-to-linalg`.

    It runs on buffers, after bufferization and deallocation, so that the
    `gpu.all_reduce` it creates never meets the deallocation analysis.
  }];
  let options = [
    Option<"blockSize", "block-size", "int64_t", "256", "Threads per row">
  ];
  let dependentDialects = ["::mlir::gpu::GPUDialect", "::mlir::scf::SCFDialect",
                           "::mlir::memref::MemRefDialect",
                           "::mlir::affine::AffineDialect"];
}

def VxGpuLowerAllReducePass
    : Pass<"vx-gpu-lower-all-reduce", "::mlir::gpu::GPUModuleOp"> {
  let summary = "Lower gpu.all_reduce and gpu.subgroup_reduce in kernels to shuffles";
  let description = [{
    Applies upstream's all-reduce rewrite (`populateGpuAllReducePatterns`) to
    the kernels of a GPU module: warp `gpu.shuffle` reductions, a
    shared-memory exchange between warps and barriers. `gpu.subgroup_reduce`
    (whole warps or clusters of lanes) becomes butterfly `gpu.shuffle`s of
    32-bit words. Upstream provides the patterns but no pass outside its
    tests.
  }];
  let dependentDialects = ["::mlir::cf::ControlFlowDialect",
                           "::mlir::arith::ArithDialect",
                           "::mlir::memref::MemRefDialect"];
}

def VxCollapseParallelLoopsPass
    : Pass<"vx-collapse-parallel-loops", "::mlir::func::FuncOp"> {
  let summary = "Collapse multi-dimensional scf.parallel loops to one dimension";
  let description = [{
    Rewrites every outermost `scf.parallel` of two or more dimensions into a
    one-dimensional loop over their product, recovering the indices inside
    (upstream `collapseParallelLoops`). Mapped to the GPU, the loop then
    spreads over grid dimension x alone, whose limit is 2^31 - 1 blocks
    instead of the 65535 of y and z, and consecutive threads walk the
    innermost dimension, so accesses stay coalesced.
  }];
  let dependentDialects = ["::mlir::scf::SCFDialect", "::mlir::arith::ArithDialect",
                           "::mlir::affine::AffineDialect"];
}

def VxGpuSerialKernelsPass : Pass<"vx-gpu-serial-kernels", "::mlir::ModuleOp"> {
  let summary = "Run loop nests that were not mapped to the GPU as one-thread kernels";
  let description = [{
    After `convert-parallel-loops-to-gpu`, loops without parallel
    iterations (a reduction over every dimension, for instance) are still
    `scf.for` nests in host code that read and write buffers, and the fill
    of a rank-0 buffer is a lone `memref.store`. This pass wraps each such
    outermost nest (without results) and each such store in a `gpu.launch`
    of one block of one thread, so that it runs where its buffers are. It is a correctness
    fallback; the parallel structure of such loops is for a later pass to
    exploit.
  }];
  let dependentDialects = ["::mlir::gpu::GPUDialect"];
}

def VxGpuDeviceBuffersPass : Pass<"vx-gpu-device-buffers", "::mlir::ModuleOp"> {
  let summary = "Place the buffers that kernels use in GPU memory";
  let description = [{
    After loops are mapped to `gpu.launch`, host code allocates, frees and
    copies buffers and launches kernels. This pass decides which buffers live
    on the GPU: those a kernel reads or writes, those a public function takes
    or returns (the calling convention: memref arguments and results are
    device pointers), and, transitively, those copied to or from them or
    passed to a function argument that is one. Their `memref.alloc` becomes
    `gpu.alloc`, `memref.dealloc` becomes `gpu.dealloc` and `memref.copy`
    becomes `gpu.memcpy`. Other host buffers, such as the pointer lists of
    the deallocation helpers, stay in host memory.

    Host code that reads or writes elements of a GPU buffer (`memref.load`,
    `memref.store`, or a linalg op that was not mapped to a kernel) would read
    device memory from the CPU; the pass reports it as an error at the
    operation.
  }];
  let dependentDialects = ["::mlir::gpu::GPUDialect"];
}

def VxWidenBufferElementsPass
    : Pass<"vx-widen-buffer-elements", "::mlir::ModuleOp"> {
  let summary = "Store wide integers in the slot size host code and GPU "
                "kernels agree on";
  let description = [{
    LLVM gives an integer wider than 128 bits its size rounded up to 16 bytes
    on x86-64 (and AArch64) hosts but, above 128 bits, to 32 bytes in NVPTX
    kernels (whose data layout aligns integers from `i129` on like `i256`):
    an `i384`, the storage of a BLS12-381 Fq element, takes 48 bytes in host
    code and 64 in a kernel, so host allocations and copies would disagree
    with the kernels on where the elements of a buffer are.

    This pass gives every buffer (memref) of such an integer `iN` the element
    type of the larger of the two sizes (`i384` becomes `i512`): each element
    sits zero-extended at the start of its slot, in the same size on both
    sides. `memref.load` becomes a load of the slot and `arith.trunci` to
    `iN`, `memref.store` an `arith.extui` and a store, so the arithmetic on
    the elements keeps its width. Function signatures, calls, returns,
    `scf`/`cf` block arguments, allocations, views, copies, constant globals
    (their values zero-extended) and the `gpu` dialect's `alloc`, `dealloc`
    and `memcpy` follow.

    Other operations on such buffers (a `linalg` op, vector transfers,
    atomics, `memref.view`, a declared external function whose code was
    compiled for the unwidened layout, ...) are reported as errors at their
    location. Integers whose size is the same on both sides (`i256`,
    `i512`, `i768`, ... and everything up to 128 bits) are left alone.
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect"];
}

def VxCheckLoweredToLLVMPass
    : Pass<"vx-check-lowered-to-llvm", "::mlir::ModuleOp"> {
  let summary = "Report operations that a lowering to LLVM left behind";
  let description = [{
    The last step of `vx-to-cpu` and `vx-to-gpu`: every operation must now
    be in the LLVM dialect (or be a `gpu.binary` or `gpu.launch_func`, which
    translate to LLVM IR directly). Anything else means that no pass of the
    pipeline lowers it; the pass reports each such operation at its location,
    once per operation name, instead of letting a half-lowered module through.
  }];
}

#endif // VORTEX_TRANSFORMS_PASSES_TD
