// RUN: vortex-opt %s --vx-to-outlined-gpu="chip=sm_90a" | FileCheck %s
// RUN: vortex-opt %s --vx-to-gpu="chip=sm_90a" | FileCheck %s --check-prefix=PTX

// vx_tensor.linear with a bias on sm_90a: x · wᵀ (the weight K-major) reaches
// the tensor-core kernel, and that one kernel reads the bias and writes the
// bf16 result: no kernel of its own adds the bias, except after split K
// (where the units add into the f32 accumulator) and in the SIMT fallback.
// CHECK-LABEL: func.func @linear_bias
// The first row class (M <= 16): split-K zero fill, the kernel, the epilogue
// after split K.
// CHECK:         scf.if
// CHECK:           scf.if
// CHECK:             gpu.launch_func {{.*}} args(%{{.+}} : index, %{{.+}} : memref<?x4096xf32>)
// CHECK:           gpu.launch_func {{.*}} dynamic_shared_memory_size {{.*}} %[[BIAS:arg2]] : memref<4096xbf16>, %[[OUT:.+]] : memref<?x4096xbf16>, %{{.+}} : i1)
// CHECK:           scf.if
// CHECK:             gpu.launch_func {{.*}} %[[BIAS]] : memref<4096xbf16>, %[[OUT]] : memref<?x4096xbf16>)
// CHECK-LABEL: gpu.module @linear_bias_kernel_0
// CHECK:         nvvm.wgmma.mma_async
// CHECK:         memref.load %{{.+}} : memref<4096xbf16>
// CHECK:         arith.addf
// CHECK:         arith.truncf {{.*}} : f32 to bf16
// PTX: gpu.binary @linear_bias_kernel_0
// PTX-SAME: wgmma.mma_async.sync.aligned.m64n64k16.f32.bf16.bf16
func.func @linear_bias(%x: tensor<?x4096xbf16>, %w: tensor<4096x4096xbf16>, %b: tensor<4096xbf16>) -> tensor<?x4096xbf16> {
  %y = vx_tensor.linear %x, %w, %b : tensor<?x4096xbf16>, tensor<4096x4096xbf16>, tensor<4096xbf16>
  return %y : tensor<?x4096xbf16>
}
