//===- Pipelines.cpp - Vortex pass pipelines ------------------------------===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//

#include "Vortex/Pipelines/Pipelines.h"
#include "Vortex/Conversion/Passes.h"
#include "Vortex/Transforms/Passes.h"

#include "mlir/Conversion/AffineToStandard/AffineToStandard.h"
#include "mlir/Conversion/ArithToLLVM/ArithToLLVM.h"
#include "mlir/Conversion/ControlFlowToLLVM/ControlFlowToLLVM.h"
#include "mlir/Conversion/FuncToLLVM/ConvertFuncToLLVMPass.h"
#include "mlir/Conversion/IndexToLLVM/IndexToLLVM.h"
#include "mlir/Conversion/MathToLLVM/MathToLLVM.h"
#include "mlir/Conversion/MathToLibm/MathToLibm.h"
#include "mlir/Conversion/MemRefToLLVM/MemRefToLLVM.h"
#include "mlir/Conversion/ReconcileUnrealizedCasts/ReconcileUnrealizedCasts.h"
#include "mlir/Conversion/SCFToControlFlow/SCFToControlFlow.h"
#include "mlir/Conversion/SCFToGPU/SCFToGPUPass.h"
#include "mlir/Dialect/Bufferization/Pipelines/Passes.h"
#include "mlir/Dialect/Bufferization/Transforms/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/Pipelines/Passes.h"
#include "mlir/Dialect/GPU/Transforms/Passes.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Dialect/SCF/Transforms/Passes.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;

void vortex::buildVxLowerToBuffersPipeline(OpPassManager &pm) {
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
  pm.addPass(createVxFlattenElementwisePass());
  pm.addPass(createCanonicalizerPass());
}

void vortex::buildVxMapToGpuPipeline(OpPassManager &pm,
                                     const VxMapToGpuOptions &options) {
  pm.addPass(createConvertLinalgToParallelLoopsPass());
  pm.addPass(createParallelLoopTilingPass({options.blockSize},
                                          /*noMinMaxBounds=*/true));
  pm.addNestedPass<func::FuncOp>(createGpuMapParallelLoopsPass());
  pm.addPass(createConvertParallelLoopToGpuPass());
  pm.addPass(createVxGpuDeviceBuffersPass());
  pm.addPass(createLowerAffinePass());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
}

void vortex::buildVxToGpuPipeline(OpPassManager &pm,
                                  const VxToGpuOptions &options) {
  buildVxLowerToBuffersPipeline(pm);
  VxMapToGpuOptions mapOptions;
  mapOptions.blockSize = options.blockSize;
  buildVxMapToGpuPipeline(pm, mapOptions);

  gpu::GPUToNVVMPipelineOptions nvvm;
  nvvm.cubinChip = options.chip;
  nvvm.cubinFeatures = options.features;
  nvvm.cubinFormat = options.format;
  nvvm.optLevel = options.optLevel;
  gpu::buildLowerToNVVMPassPipeline(pm, nvvm);
}

void vortex::buildVxToCpuPipeline(OpPassManager &pm) {
  buildVxLowerToBuffersPipeline(pm);
  pm.addPass(createConvertLinalgToLoopsPass());
  pm.addPass(memref::createExpandStridedMetadataPass());
  pm.addPass(createLowerAffinePass());
  pm.addPass(createSCFToControlFlowPass());
  pm.addPass(createConvertMathToLLVMPass());
  // What LLVM has no intrinsic for (tanh, erf) becomes a libm call.
  pm.addPass(createConvertMathToLibmPass());
  pm.addPass(createArithToLLVMConversionPass());
  pm.addPass(createConvertIndexToLLVMPass());
  pm.addPass(createFinalizeMemRefToLLVMConversionPass());
  pm.addPass(createConvertFuncToLLVMPass());
  pm.addPass(createConvertControlFlowToLLVMPass());
  pm.addPass(createReconcileUnrealizedCastsPass());
}

void vortex::registerVortexPipelines() {
  PassPipelineRegistration<>(
      "vx-lower-to-buffers",
      "Lower vx dialects to bufferized linalg (fusion, flattening, "
      "bufferization, deallocation)",
      buildVxLowerToBuffersPipeline);
  PassPipelineRegistration<VxMapToGpuOptions>(
      "vx-map-to-gpu",
      "Map bufferized linalg onto gpu.launch with buffers in GPU memory",
      buildVxMapToGpuPipeline);
  PassPipelineRegistration<VxToGpuOptions>(
      "vx-to-gpu",
      "Compile vx dialects to GPU kernels (gpu.binary) and LLVM host code",
      buildVxToGpuPipeline);
  PassPipelineRegistration<>(
      "vx-to-cpu", "Compile vx dialects to the LLVM dialect for the CPU",
      buildVxToCpuPipeline);
}
