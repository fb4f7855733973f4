//===- Pipelines.h - Vortex pass pipelines ----------------------*- C++ -*-===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//

#ifndef VORTEX_PIPELINES_PIPELINES_H
#define VORTEX_PIPELINES_PIPELINES_H

#include "mlir/Pass/PassOptions.h"

namespace mlir {
class OpPassManager;
namespace vortex {

/// What `gpu-module-to-binary` makes of each kernel module.
enum class BinaryFormat { PTX, Cubin, Fatbin };

/// Which constant-time checks a pipeline runs on constant-time code.
enum class CTCheck {
  /// vx-ct-verify on the input, then vx-ct-verify-lowered on the code
  /// lowered to the LLVM and NVVM dialects.
  All,
  /// vx-ct-verify-lowered only, to see the lowered check catch by itself what
  /// the first would have.
  Lowered,
  /// None, to build deliberately leaking code (timing experiments); the
  /// secret kernel parameters are still recorded for the PTX check.
  None,
};

/// The values of the pipelines' `ct-check` option.
inline llvm::cl::ValuesClass ctCheckValues() {
  return llvm::cl::values(
      clEnumValN(CTCheck::All, "all", "before and after lowering"),
      clEnumValN(CTCheck::Lowered, "lowered", "after lowering only"),
      clEnumValN(CTCheck::None, "none", "no check"));
}

/// Options that `vx-to-gpu` and `vx-map-to-gpu` share: how kernels map
/// onto blocks and threads.
template <typename Derived>
struct GpuMappingOptions : public PassPipelineOptions<Derived> {
  template <typename T>
  using Option = mlir::detail::PassOptions::Option<T>;

  Option<int64_t> blockSize{
      *this, "block-size",
      llvm::cl::desc("Threads per block of SIMT kernels"),
      llvm::cl::init(256)};
  Option<int64_t> elementwiseThreads{
      *this, "elementwise-threads",
      llvm::cl::desc("Threads per block of vectorized elementwise kernels "
                     "(1 to 1024)"),
      llvm::cl::init(512)};
  Option<int64_t> elementwiseVectors{
      *this, "elementwise-vectors",
      llvm::cl::desc("Vectors per thread of vectorized elementwise kernels "
                     "(1 to 16)"),
      llvm::cl::init(1)};
  Option<int64_t> elementwiseBytes{
      *this, "elementwise-bytes",
      llvm::cl::desc("Bytes per vector access of the widest element type in "
                     "vectorized elementwise kernels (1, 2, 4, 8 or 16)"),
      llvm::cl::init(8)};
  Option<int64_t> rowStageBytes{
      *this, "row-stage-bytes",
      llvm::cl::desc("Shared memory per block for rows that row kernels "
                     "stage there (-1: what the chip allows a block, less "
                     "1 KiB; 0: no staging; sm_80 and later)"),
      llvm::cl::init(-1)};
  Option<std::string> matmulConfig{
      *this, "matmul-config",
      llvm::cl::desc("Tile configuration of every tensor-core matmul "
                     "(BMxBNsSTAGES[wWAVES][aROWS][p][c2]; default: tuning cache, then cost model)"),
      llvm::cl::init("")};
  Option<std::string> matmulCache{
      *this, "matmul-cache",
      llvm::cl::desc("Matmul tuning cache (default: $VORTEX_MATMUL_CACHE)"),
      llvm::cl::init("")};
  Option<bool> matmulTf32{
      *this, "matmul-tf32",
      llvm::cl::desc("f32 matmuls on tensor cores with tf32 operands "
                     "(sm_90a; relative error near 1e-3)"),
      llvm::cl::init(false)};

  /// Sets `other`'s shared options to these.
  template <typename Other>
  void copyMappingOptionsTo(GpuMappingOptions<Other> &other) const {
    other.blockSize = blockSize;
    other.elementwiseThreads = elementwiseThreads;
    other.elementwiseVectors = elementwiseVectors;
    other.elementwiseBytes = elementwiseBytes;
    other.rowStageBytes = rowStageBytes;
    other.matmulConfig = matmulConfig;
    other.matmulCache = matmulCache;
    other.matmulTf32 = matmulTf32;
  }
};

/// Options of `vx-to-gpu`.
struct VxToGpuOptions : public GpuMappingOptions<VxToGpuOptions> {
  Option<std::string> chip{*this, "chip",
                           llvm::cl::desc("GPU architecture to compile for"),
                           llvm::cl::init("sm_90a")};
  Option<std::string> features{
      *this, "features",
      llvm::cl::desc("PTX features, e.g. +ptx80 for PTX ISA 8.0"),
      llvm::cl::init("+ptx80")};
  Option<BinaryFormat> format{
      *this, "format", llvm::cl::desc("Kernel binary format"),
      llvm::cl::init(BinaryFormat::PTX),
      llvm::cl::values(
          clEnumValN(BinaryFormat::PTX, "isa", "PTX text (needs no CUDA)"),
          clEnumValN(BinaryFormat::Cubin, "bin", "cubin (needs ptxas)"),
          clEnumValN(BinaryFormat::Fatbin, "fatbin",
                     "fat binary (needs ptxas and fatbinary)"))};
  Option<int> optLevel{*this, "opt-level",
                       llvm::cl::desc("LLVM optimization level of kernels"),
                       llvm::cl::init(3)};
  Option<unsigned> fieldLimbWidth{
      *this, "field-limb-width",
      llvm::cl::desc("Limb width of field multiplications (32 or 64)"),
      llvm::cl::init(32)};
  Option<unsigned> fieldBatchInvChunk{
      *this, "field-batch-inv-chunk",
      llvm::cl::desc("Elements per chunk of batch_inv, one GPU thread each "
                     "(at least 1)"),
      llvm::cl::init(32)};
  Option<int64_t> rowCluster{
      *this, "row-cluster",
      llvm::cl::desc("Blocks of a thread-block cluster that share one long "
                     "row in row kernels, on sm_90 and later (1, 2, 4 or 8)"),
      llvm::cl::init(8)};
  Option<bool> ptxCarryChains{
      *this, "ptx-carry-chains",
      llvm::cl::desc("Turn wide integer additions in kernels into PTX "
                     "add.cc/addc chains (vx-ptx-carry-chains)"),
      llvm::cl::init(true)};
  Option<CTCheck> ctCheck{
      *this, "ct-check",
      llvm::cl::desc("Constant-time checks of constant-time code"),
      llvm::cl::init(CTCheck::All), ctCheckValues()};
};

/// Options of `vx-to-cpu`.
struct VxToCpuOptions : public PassPipelineOptions<VxToCpuOptions> {
  Option<unsigned> fieldLimbWidth{
      *this, "field-limb-width",
      llvm::cl::desc("Limb width of field multiplications (32 or 64)"),
      llvm::cl::init(64)};
  Option<unsigned> fieldBatchInvChunk{
      *this, "field-batch-inv-chunk",
      llvm::cl::desc("Elements per chunk of batch_inv (0: one chunk)"),
      llvm::cl::init(0)};
  Option<CTCheck> ctCheck{
      *this, "ct-check",
      llvm::cl::desc("Constant-time checks of constant-time code"),
      llvm::cl::init(CTCheck::All), ctCheckValues()};
};

/// Options of `vx-map-to-gpu`.
struct VxMapToGpuOptions : public GpuMappingOptions<VxMapToGpuOptions> {
  Option<int64_t> rowCluster{
      *this, "row-cluster",
      llvm::cl::desc("Blocks of a thread-block cluster that share one long "
                     "row in row kernels (1: no clusters; 2, 4 or 8 need "
                     "sm_90 or later)"),
      llvm::cl::init(1)};
  Option<std::string> chip{
      *this, "chip",
      llvm::cl::desc("GPU architecture; sm_90a gets tensor-core matmuls"),
      llvm::cl::init("")};
  Option<std::string> features{
      *this, "features",
      llvm::cl::desc("PTX features of the target, e.g. +ptx80 (row kernels "
                     "load with L2 cache policies from +ptx74 on sm_80 and "
                     "later; default: the chip's oldest PTX ISA)"),
      llvm::cl::init("")};
};

/// vx dialects to bufferized linalg: lowering, fusion, flattening,
/// bufferization and deallocation. Field multiplications use limbs of
/// `fieldLimbWidth` bits; batch inversions chunks of `fieldBatchInvChunk`
/// elements (see convert-vx-field-to-arith).
void buildVxLowerToBuffersPipeline(OpPassManager &pm,
                                   unsigned fieldLimbWidth = 64,
                                   unsigned fieldBatchInvChunk = 0);

/// Bufferized linalg to gpu.launch with device buffers.
void buildVxMapToGpuPipeline(OpPassManager &pm,
                             const VxMapToGpuOptions &options);

/// Everything to a module with a gpu.binary and LLVM host code: the two
/// halves below, one after the other.
void buildVxToGpuPipeline(OpPassManager &pm, const VxToGpuOptions &options);

/// The front of vx-to-gpu: option checks, vx-lower-to-buffers and
/// vx-map-to-gpu, up to and including kernel outlining, and the
/// constant-time lowering. Host functions hold
/// gpu.launch_func, gpu.alloc and index arithmetic; kernels are in
/// gpu.module ops, not yet lowered to NVVM. Returns false (after adding a
/// pass that reports the error) when the options are invalid.
bool buildVxToOutlinedGpuPipeline(OpPassManager &pm,
                                  const VxToGpuOptions &options);

/// The rest of vx-to-gpu: kernels to NVVM and binaries (gpu.binary), host
/// code to LLVM.
void buildVxOutlinedGpuToBinaryPipeline(OpPassManager &pm,
                                        const VxToGpuOptions &options);

/// Everything to the LLVM dialect for the CPU (runnable by mlir-runner).
void buildVxToCpuPipeline(OpPassManager &pm,
                          const VxToCpuOptions &options = {});

/// Registers vx-lower-to-buffers, vx-map-to-gpu, vx-to-gpu, vx-to-outlined-gpu
/// and vx-to-cpu.
void registerVortexPipelines();

} // namespace vortex
} // namespace mlir

#endif // VORTEX_PIPELINES_PIPELINES_H
