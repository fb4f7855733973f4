//===- Pipelines.cpp - Vortex pass pipelines ------------------------------===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//

#include "Vortex/Pipelines/Pipelines.h"
#include "Vortex/Conversion/Passes.h"
#include "Vortex/Dialect/CT/Transforms/Passes.h"
#include "Vortex/Transforms/Passes.h"

#include "mlir/Conversion/AffineToStandard/AffineToStandard.h"
#include "mlir/Conversion/ArithToLLVM/ArithToLLVM.h"
#include "mlir/Conversion/BufferizationToMemRef/BufferizationToMemRef.h"
#include "mlir/Conversion/ControlFlowToLLVM/ControlFlowToLLVM.h"
#include "mlir/Conversion/FuncToLLVM/ConvertFuncToLLVMPass.h"
#include "mlir/Conversion/GPUCommon/GPUCommonPass.h"
#include "mlir/Conversion/GPUToNVVM/GPUToNVVMPass.h"
#include "mlir/Conversion/IndexToLLVM/IndexToLLVM.h"
#include "mlir/Conversion/MathToLLVM/MathToLLVM.h"
#include "mlir/Conversion/MathToLibm/MathToLibm.h"
#include "mlir/Conversion/MemRefToLLVM/MemRefToLLVM.h"
#include "mlir/Conversion/NVGPUToNVVM/NVGPUToNVVM.h"
#include "mlir/Conversion/NVVMToLLVM/NVVMToLLVM.h"
#include "mlir/Conversion/ReconcileUnrealizedCasts/ReconcileUnrealizedCasts.h"
#include "mlir/Conversion/SCFToControlFlow/SCFToControlFlow.h"
#include "mlir/Conversion/SCFToGPU/SCFToGPUPass.h"
#include "mlir/Conversion/VectorToLLVM/ConvertVectorToLLVMPass.h"
#include "mlir/Conversion/VectorToSCF/VectorToSCF.h"
#include "mlir/Dialect/Bufferization/Pipelines/Passes.h"
#include "mlir/Dialect/Bufferization/Transforms/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/Transforms/Passes.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Dialect/SCF/Transforms/Passes.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"
#include "llvm/ADT/StringSwitch.h"

using namespace mlir;

namespace {
/// Stands in for a pipeline whose options are invalid: reports `message` on
/// the module and fails, so that a bad option is a diagnostic and a non-zero
/// exit rather than a crash somewhere down the pipeline.
struct InvalidPipelinePass
    : public PassWrapper<InvalidPipelinePass, OperationPass<>> {
  MLIR_DEFINE_EXPLICIT_INTERNAL_INLINE_TYPE_ID(InvalidPipelinePass)

  explicit InvalidPipelinePass(std::string message)
      : message(std::move(message)) {}

  StringRef getArgument() const final { return "vx-invalid-pipeline"; }

  void runOnOperation() override {
    getOperation()->emitError(message);
    signalPassFailure();
  }

  std::string message;
};

/// Gives every public function with a body a `_mlir_ciface_` entry point
/// taking memref descriptors (what the runtimes call). Unlike upstream
/// `llvm-request-c-wrappers`, declarations keep their plain calling
/// convention, so calls to libm or to runtime helpers stay as they are.
struct RequestPublicCWrappersPass
    : public PassWrapper<RequestPublicCWrappersPass, OperationPass<ModuleOp>> {
  MLIR_DEFINE_EXPLICIT_INTERNAL_INLINE_TYPE_ID(RequestPublicCWrappersPass)

  StringRef getArgument() const final { return "vx-request-public-c-wrappers"; }

  void runOnOperation() override {
    for (auto func : getOperation().getOps<func::FuncOp>())
      if (func.isPublic() && !func.isExternal())
        func->setAttr(LLVM::LLVMDialect::getEmitCWrapperAttrName(),
                      UnitAttr::get(&getContext()));
  }
};

/// An option that must lie in [low, high].
bool addRangeCheck(OpPassManager &pm, StringRef name, int64_t value,
                   int64_t low, int64_t high) {
  if (value >= low && value <= high)
    return true;
  pm.addPass(std::make_unique<InvalidPipelinePass>(
      (name + " must be between " + Twine(low) + " and " + Twine(high) +
       ", got " + Twine(value))
          .str()));
  return false;
}

/// GPU loads and stores move 1, 2, 4, 8 or 16 bytes per thread.
bool addAccessBytesCheck(OpPassManager &pm, StringRef name, int64_t bytes) {
  if (bytes >= 1 && bytes <= 16 && llvm::isPowerOf2_64(bytes))
    return true;
  pm.addPass(std::make_unique<InvalidPipelinePass>(
      (name + " must be 1, 2, 4, 8 or 16, got " + Twine(bytes)).str()));
  return false;
}

/// -1 takes the chip's shared memory; otherwise a byte count.
bool addRowStageCheck(OpPassManager &pm, int64_t bytes) {
  if (bytes >= -1)
    return true;
  pm.addPass(std::make_unique<InvalidPipelinePass>(
      "row-stage-bytes must be -1 (what the chip allows) or at least 0, "
      "got " +
      std::to_string(bytes)));
  return false;
}

/// Threads per block must fit a CUDA block, elementwise kernels take 1 to
/// 16 vectors per thread of a width that GPU loads have, and row staging a
/// byte count or -1.
template <typename Derived>
bool addMappingChecks(OpPassManager &pm,
                      const vortex::GpuMappingOptions<Derived> &options) {
  return addRangeCheck(pm, "block-size", options.blockSize, 1, 1024) &&
         addRangeCheck(pm, "elementwise-threads", options.elementwiseThreads,
                       1, 1024) &&
         addRangeCheck(pm, "elementwise-vectors", options.elementwiseVectors,
                       1, 16) &&
         addAccessBytesCheck(pm, "elementwise-bytes",
                             options.elementwiseBytes) &&
         addRowStageCheck(pm, options.rowStageBytes);
}

/// Portable thread-block clusters have at most 8 blocks.
bool addRowClusterCheck(OpPassManager &pm, int64_t cluster) {
  if (cluster == 1 || cluster == 2 || cluster == 4 || cluster == 8)
    return true;
  pm.addPass(std::make_unique<InvalidPipelinePass>(
      "row-cluster must be 1, 2, 4 or 8, got " + std::to_string(cluster)));
  return false;
}

/// The oldest PTX ISA version (times ten) that supports each architecture
/// LLVM 22's NVPTX back end knows; LLVM aborts on an older one.
std::optional<int> minimumPtxVersion(StringRef chip) {
  return llvm::StringSwitch<std::optional<int>>(chip)
      .Cases({"sm_50", "sm_52", "sm_53"}, 40)
      .Cases({"sm_60", "sm_61", "sm_62"}, 50)
      .Case("sm_70", 60)
      .Case("sm_72", 61)
      .Case("sm_75", 63)
      .Case("sm_80", 70)
      .Case("sm_86", 71)
      .Case("sm_87", 74)
      .Cases({"sm_89", "sm_90"}, 78)
      .Case("sm_90a", 80)
      .Cases({"sm_100", "sm_100a", "sm_101", "sm_101a"}, 86)
      .Cases({"sm_120", "sm_120a"}, 87)
      .Default(std::nullopt);
}

/// The PTX ISA versions (times ten) that `features` names (`+ptxNN`), in
/// order; the last one is the one LLVM uses.
SmallVector<int> requestedPtxVersions(StringRef features) {
  SmallVector<int> versions;
  SmallVector<StringRef> parts;
  features.split(parts, ',', -1, /*KeepEmpty=*/false);
  for (StringRef feature : parts) {
    int version = 0;
    if (feature.consume_front("+ptx") && !feature.getAsInteger(10, version))
      versions.push_back(version);
  }
  return versions;
}

/// Checks that the chip is known and that a PTX version in `features`
/// (`+ptxNN`) is recent enough for it.
bool addTargetCheck(OpPassManager &pm, StringRef chip, StringRef features) {
  std::optional<int> minimum = minimumPtxVersion(chip);
  if (!minimum) {
    pm.addPass(std::make_unique<InvalidPipelinePass>(
        ("unknown GPU architecture '" + chip +
         "'; use sm_80, sm_86, sm_89, sm_90, sm_90a, sm_100a, sm_120a, ...")
            .str()));
    return false;
  }
  for (int version : requestedPtxVersions(features)) {
    if (version < *minimum) {
      pm.addPass(std::make_unique<InvalidPipelinePass>(
          ("PTX ISA " + Twine(version / 10) + "." + Twine(version % 10) +
           " does not support " + chip + "; it needs +ptx" + Twine(*minimum) +
           " or later")
              .str()));
      return false;
    }
  }
  return true;
}

/// The constant-time passes before lowering: vx-ct-verify on the input
/// (unless `check` says otherwise).
void addConstantTimeInputCheck(OpPassManager &pm, vortex::CTCheck check) {
  if (check == vortex::CTCheck::All)
    pm.addPass(vortex::vx_ct::createVxCTVerifyPass());
}

/// After the vx dialects are lowered to buffers (and kernels outlined, on
/// GPUs): record the secret parameters for the check after lowering, mark
/// the kernels of constant-time code, and lower vx_ct (and the selections of
/// constant-time code) branch-free, for NVPTX in kernels and for the CPU
/// elsewhere.
void addConstantTimeLowering(OpPassManager &pm, bool gpu) {
  pm.addPass(vortex::vx_ct::createVxCTRecordParamsPass());
  vortex::vx_ct::VxCTLowerPassOptions cpu, nvptx;
  cpu.target = "cpu";
  nvptx.target = "nvptx";
  if (gpu)
    pm.addNestedPass<gpu::GPUModuleOp>(
        vortex::vx_ct::createVxCTLowerPass(nvptx));
  pm.addNestedPass<func::FuncOp>(vortex::vx_ct::createVxCTLowerPass(cpu));
}

/// The check of constant-time code lowered to the LLVM and NVVM dialects,
/// which records the secret kernel parameters for the PTX check (and with
/// `ct-check=none` only records them).
void addConstantTimeLoweredCheck(OpPassManager &pm, vortex::CTCheck check) {
  vortex::vx_ct::VxCTVerifyLoweredPassOptions options;
  options.check = check != vortex::CTCheck::None;
  pm.addPass(vortex::vx_ct::createVxCTVerifyLoweredPass(options));
}

/// Upstream's gpu::buildLowerToNVVMPassPipeline (MLIR 22), pass for pass
/// with the same options, with the constant-time check of the lowered code
/// between the host's gpu-to-llvm and gpu-module-to-binary: upstream builds
/// it as one fixed sequence, which leaves no point where kernels are in the
/// LLVM and NVVM dialects with their host code lowered too.
void buildLowerToNVVMPipeline(OpPassManager &pm,
                              const vortex::VxToGpuOptions &options,
                              StringRef binaryFormat) {
  // Host and kernels: everything but the GPU operations to LLVM.
  pm.addPass(createConvertNVGPUToNVVMPass());
  pm.addPass(createGpuKernelOutliningPass());
  pm.addPass(createConvertVectorToSCFPass());
  pm.addPass(createSCFToControlFlowPass());
  pm.addPass(createConvertNVVMToLLVMPass());
  pm.addPass(createConvertFuncToLLVMPass());
  pm.addPass(memref::createExpandStridedMetadataPass());
  GpuNVVMAttachTargetOptions target;
  target.chip = options.chip;
  target.features = options.features;
  target.optLevel = options.optLevel;
  pm.addPass(createGpuNVVMAttachTarget(target));
  pm.addPass(createLowerAffinePass());
  pm.addPass(createArithToLLVMConversionPass());
  ConvertIndexToLLVMPassOptions index;
  index.indexBitwidth = 64;
  pm.addPass(createConvertIndexToLLVMPass(index));
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());

  // Kernels to NVVM.
  ConvertGpuOpsToNVVMOpsOptions nvvm;
  nvvm.indexBitwidth = 64;
  pm.addNestedPass<gpu::GPUModuleOp>(createConvertGpuOpsToNVVMOps(nvvm));
  pm.addNestedPass<gpu::GPUModuleOp>(createCanonicalizerPass());
  pm.addNestedPass<gpu::GPUModuleOp>(createCSEPass());
  pm.addNestedPass<gpu::GPUModuleOp>(createReconcileUnrealizedCastsPass());

  // Host GPU operations to LLVM, the check, then kernels to binaries.
  pm.addPass(createGpuToLLVMConversionPass());
  addConstantTimeLoweredCheck(pm, options.ctCheck);
  GpuModuleToBinaryPassOptions binary;
  binary.compilationTarget = binaryFormat.str();
  pm.addPass(createGpuModuleToBinaryPass(binary));
  pm.addPass(createConvertMathToLLVMPass());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
  pm.addPass(createReconcileUnrealizedCastsPass());
}

StringRef toGpuModuleToBinaryFormat(vortex::BinaryFormat format) {
  switch (format) {
  case vortex::BinaryFormat::PTX:
    return "isa";
  case vortex::BinaryFormat::Cubin:
    return "bin";
  case vortex::BinaryFormat::Fatbin:
    return "fatbin";
  }
  llvm_unreachable("unknown binary format");
}
} // namespace

void vortex::buildVxLowerToBuffersPipeline(OpPassManager &pm,
                                           unsigned fieldLimbWidth,
                                           unsigned fieldBatchInvChunk) {
  // Field elements become integers first: buffers cannot hold them.
  ConvertVxFieldToArithPassOptions field;
  field.limbWidth = fieldLimbWidth;
  field.batchInvChunk = fieldBatchInvChunk;
  pm.addPass(createConvertVxFieldToArithPass(field));
  pm.addPass(createConvertVxTensorToLinalgPass());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createLinalgElementwiseOpFusionPass());
  pm.addPass(createCanonicalizerPass());

  bufferization::OneShotBufferizePassOptions bufferize;
  bufferize.bufferizeFunctionBoundaries = true;
  bufferize.functionBoundaryTypeConversion =
      bufferization::LayoutMapOption::IdentityLayoutMap;
  pm.addPass(bufferization::createOneShotBufferizePass(bufferize));
  bufferization::buildBufferDeallocationPipeline(pm);
  // Clones of returned arguments become an allocation and a copy.
  pm.addPass(createConvertBufferizationToMemRefPass());
  // Chunked loops (batch inversion) as scf.parallel, which the CPU lowering
  // runs as loops and the GPU mapping spreads over threads.
  pm.addPass(createForallToParallelLoopPass());
  // memref.reshape becomes a reinterpret_cast, which the GPU host lowering
  // handles too.
  pm.addPass(memref::createExpandOpsPass());
  pm.addPass(createVxFlattenElementwisePass());
  pm.addPass(createCanonicalizerPass());
}

void vortex::buildVxMapToGpuPipeline(OpPassManager &pm,
                                     const VxMapToGpuOptions &options) {
  if (!addMappingChecks(pm, options) ||
      !addRowClusterCheck(pm, options.rowCluster))
    return;
  // Tensor-core matmuls first: the SIMT passes below would take them.
  // wgmma on sm_90a, mma.sync on the other chips from sm_80 on.
  unsigned chipNumber = 0;
  bool sm80OrLater =
      !StringRef(options.chip).drop_front(3).consumeInteger(10, chipNumber) &&
      chipNumber >= 80;
  if (options.chip == "sm_90a") {
    VxGpuMatmulTensorCorePassOptions matmul;
    matmul.config = options.matmulConfig;
    matmul.cache = options.matmulCache;
    matmul.tf32 = options.matmulTf32;
    pm.addNestedPass<func::FuncOp>(createVxGpuMatmulTensorCorePass(matmul));
  } else if (sm80OrLater) {
    pm.addNestedPass<func::FuncOp>(createVxGpuMatmulMmaSyncPass());
  }
  VxGpuRowKernelsPassOptions rowKernelOptions;
  rowKernelOptions.cluster = options.rowCluster;
  // cp.async came with sm_80; a block may have 227 KiB of shared memory on
  // sm_90 and sm_100, 163 KiB on sm_80 and sm_87, 99 KiB on the others.
  // 1 KiB of it stays for the kernels' own buffers.
  rowKernelOptions.stageBytes = options.rowStageBytes;
  // Cache policies (createpolicy, ld.global.L2::cache_hint) came with sm_80
  // and PTX ISA 7.4.
  SmallVector<int> ptxVersions = requestedPtxVersions(options.features);
  rowKernelOptions.l2EvictLast =
      sm80OrLater &&
      (ptxVersions.empty() ? minimumPtxVersion(options.chip).value_or(0)
                           : ptxVersions.back()) >= 74;
  if (options.rowStageBytes < 0) {
    int64_t kib = !sm80OrLater                          ? 0
                  : chipNumber == 80 || chipNumber == 87 ? 163
                  : chipNumber == 90 || chipNumber == 100 ? 227
                                                          : 99;
    rowKernelOptions.stageBytes = kib ? (kib - 1) * 1024 : 0;
  }
  pm.addNestedPass<func::FuncOp>(createVxGpuRowKernelsPass(rowKernelOptions));
  VxGpuVectorizeElementwisePassOptions elementwise;
  elementwise.threads = options.elementwiseThreads;
  elementwise.width = options.elementwiseBytes;
  elementwise.vectorsPerThread = options.elementwiseVectors;
  pm.addNestedPass<func::FuncOp>(
      createVxGpuVectorizeElementwisePass(elementwise));
  VxGpuRowReductionsPassOptions rowOptions;
  rowOptions.blockSize = options.blockSize;
  pm.addNestedPass<func::FuncOp>(createVxGpuRowReductionsPass(rowOptions));
  pm.addPass(createConvertLinalgToParallelLoopsPass());
  pm.addNestedPass<func::FuncOp>(createVxCollapseParallelLoopsPass());
  pm.addPass(createParallelLoopTilingPass({options.blockSize},
                                          /*noMinMaxBounds=*/true));
  pm.addNestedPass<func::FuncOp>(createGpuMapParallelLoopsPass());
  pm.addPass(createConvertParallelLoopToGpuPass());
  pm.addPass(createVxGpuSerialKernelsPass());
  pm.addPass(createVxGpuDeviceBuffersPass());
  // Wide integers in slots of the size host code and kernels agree on.
  pm.addPass(createVxWidenBufferElementsPass());
  pm.addPass(createLowerAffinePass());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
  // Host-side GPU operations are lowered to runtime calls only in their
  // asynchronous form: outline the kernels, then chain every allocation,
  // copy and launch of a function on a stream.
  // Constants (and index computations) move into the kernels rather than
  // becoming kernel parameters: a shift of a wide integer by a parameter is
  // a shift by an unknown amount, which LLVM lowers through local memory.
  pm.addPass(createGpuLaunchSinkIndexComputationsPass());
  pm.addPass(createVxGpuKernelOutliningPass());
  pm.addNestedPass<func::FuncOp>(createGpuAsyncRegionPass());
  pm.addNestedPass<gpu::GPUModuleOp>(createVxGpuExternDynamicSharedPass());
  pm.addNestedPass<gpu::GPUModuleOp>(createVxGpuFastExp2Pass());
  pm.addNestedPass<gpu::GPUModuleOp>(createVxGpuLowerAllReducePass());
  // The NVVM lowering does not convert vector ops in kernels itself.
  pm.addNestedPass<gpu::GPUModuleOp>(createConvertVectorToLLVMPass());
}

bool vortex::buildVxToOutlinedGpuPipeline(OpPassManager &pm,
                                          const VxToGpuOptions &options) {
  if (!addMappingChecks(pm, options) ||
      !addRowClusterCheck(pm, options.rowCluster) ||
      !addTargetCheck(pm, options.chip, options.features))
    return false;
  // One chunk would be one sequential loop nest with results on the host.
  if (options.fieldBatchInvChunk == 0) {
    pm.addPass(std::make_unique<InvalidPipelinePass>(
        "field-batch-inv-chunk must be at least 1 on the GPU"));
    return false;
  }
  addConstantTimeInputCheck(pm, options.ctCheck);
  buildVxLowerToBuffersPipeline(pm, options.fieldLimbWidth,
                                options.fieldBatchInvChunk);
  VxMapToGpuOptions mapOptions;
  options.copyMappingOptionsTo(mapOptions);
  mapOptions.chip = options.chip;
  mapOptions.features = options.features;
  // Thread-block clusters came with sm_90.
  unsigned chipNumber = 0;
  if (!StringRef(options.chip).drop_front(3).consumeInteger(10, chipNumber) &&
      chipNumber >= 90)
    mapOptions.rowCluster = options.rowCluster;
  buildVxMapToGpuPipeline(pm, mapOptions);
  addConstantTimeLowering(pm, /*gpu=*/true);
  return true;
}

void vortex::buildVxOutlinedGpuToBinaryPipeline(OpPassManager &pm,
                                                const VxToGpuOptions &options) {
  if (options.ptxCarryChains)
    pm.addNestedPass<gpu::GPUModuleOp>(createVxPtxCarryChainsPass());
  // Public functions get a `_mlir_ciface_` entry point taking memref
  // descriptors, which the runtimes call.
  pm.addPass(std::make_unique<RequestPublicCWrappersPass>());
  buildLowerToNVVMPipeline(pm, options,
                           toGpuModuleToBinaryFormat(options.format));
  pm.addPass(createVxCheckLoweredToLLVMPass());
}

void vortex::buildVxToGpuPipeline(OpPassManager &pm,
                                  const VxToGpuOptions &options) {
  if (buildVxToOutlinedGpuPipeline(pm, options))
    buildVxOutlinedGpuToBinaryPipeline(pm, options);
}

void vortex::buildVxToCpuPipeline(OpPassManager &pm,
                                  const VxToCpuOptions &options) {
  addConstantTimeInputCheck(pm, options.ctCheck);
  buildVxLowerToBuffersPipeline(pm, options.fieldLimbWidth,
                                options.fieldBatchInvChunk);
  addConstantTimeLowering(pm, /*gpu=*/false);
  pm.addPass(createConvertLinalgToLoopsPass());
  // The element layout of vx-to-gpu, so that a kernel takes the same
  // buffers on both pipelines.
  pm.addPass(createVxWidenBufferElementsPass());
  pm.addPass(memref::createExpandStridedMetadataPass());
  pm.addPass(createLowerAffinePass());
  pm.addPass(createSCFToControlFlowPass());
  pm.addPass(createConvertMathToLLVMPass());
  // What LLVM has no intrinsic for (tanh, erf) becomes a libm call.
  pm.addPass(createConvertMathToLibmPass());
  pm.addPass(createArithToLLVMConversionPass());
  pm.addPass(createConvertIndexToLLVMPass());
  pm.addPass(createFinalizeMemRefToLLVMConversionPass());
  pm.addPass(std::make_unique<RequestPublicCWrappersPass>());
  pm.addPass(createConvertFuncToLLVMPass());
  pm.addPass(createConvertControlFlowToLLVMPass());
  pm.addPass(createReconcileUnrealizedCastsPass());
  addConstantTimeLoweredCheck(pm, options.ctCheck);
  pm.addPass(createVxCheckLoweredToLLVMPass());
}

void vortex::registerVortexPipelines() {
  PassPipelineRegistration<>(
      "vx-lower-to-buffers",
      "Lower vx dialects to bufferized linalg (fusion, flattening, "
      "bufferization, deallocation)",
      [](OpPassManager &pm) { buildVxLowerToBuffersPipeline(pm); });
  PassPipelineRegistration<VxMapToGpuOptions>(
      "vx-map-to-gpu",
      "Map bufferized linalg onto gpu.launch with buffers in GPU memory",
      buildVxMapToGpuPipeline);
  PassPipelineRegistration<VxToGpuOptions>(
      "vx-to-gpu",
      "Compile vx dialects to GPU kernels (gpu.binary) and LLVM host code",
      buildVxToGpuPipeline);
  PassPipelineRegistration<VxToGpuOptions>(
      "vx-to-outlined-gpu",
      "The front of vx-to-gpu: host functions with gpu.launch_func and "
      "outlined gpu.module kernels, before the NVVM lowering",
      [](OpPassManager &pm, const VxToGpuOptions &options) {
        buildVxToOutlinedGpuPipeline(pm, options);
      });
  PassPipelineRegistration<VxToCpuOptions>(
      "vx-to-cpu", "Compile vx dialects to the LLVM dialect for the CPU",
      buildVxToCpuPipeline);
}
