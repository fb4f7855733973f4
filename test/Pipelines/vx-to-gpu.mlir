// RUN: vortex-opt %s --vx-to-gpu | FileCheck %s
// RUN: vortex-opt %s --vx-to-gpu="chip=sm_80 features=+ptx70 block-size=128" | FileCheck %s --check-prefix=SM80
// RUN: vortex-opt %s --vx-to-gpu="elementwise-threads=128 elementwise-vectors=2 elementwise-bytes=16" | FileCheck %s --check-prefix=WIDE

// Static and dynamic elementwise chains become one kernel each, compiled to
// PTX for sm_90a, with host code that allocates the result on the GPU and
// launches the kernel.

// CHECK: module attributes {gpu.container_module}
// CHECK-LABEL: llvm.func @silu_mul_add
// CHECK: %[[S0:.+]] = llvm.call @mgpuStreamCreate()
// CHECK: llvm.call @mgpuMemAlloc(%{{.+}}, %[[S0]], %{{.+}})
// CHECK: llvm.call @mgpuStreamSynchronize(%[[S0]])
// Buffers on 8-byte boundaries: the vector kernel, then the tail.
// CHECK: llvm.cond_br
// CHECK: %[[S1:.+]] = llvm.call @mgpuStreamCreate()
// CHECK: gpu.launch_func <%[[S1]] : !llvm.ptr> @silu_mul_add_kernel::@silu_mul_add_kernel
// CHECK: gpu.launch_func <%[[S1]] : !llvm.ptr> @silu_mul_add_kernel_0::@silu_mul_add_kernel
// CHECK: llvm.call @mgpuStreamSynchronize(%[[S1]])
// CHECK: llvm.call @mgpuStreamDestroy(%[[S1]])
// Others: the scalar kernel.
// CHECK: gpu.launch_func <%{{.+}} : !llvm.ptr> @silu_mul_add_kernel_1::@silu_mul_add_kernel
// CHECK: llvm.return
// CHECK: gpu.binary @silu_mul_add_kernel [#gpu.object<#nvvm.target<O = 3, chip = "sm_90a", features = "+ptx80">
// CHECK-SAME: assembly = "
// CHECK-SAME: .target sm_90a
// CHECK-SAME: .visible .entry silu_mul_add_kernel(
// CHECK-SAME: .maxntid 512, 1, 1
// CHECK-SAME: ld.global.v2.b32
// CHECK-SAME: ex2.approx
// CHECK-SAME: st.global.v2.b32
// The vector kernels take their own block size; block-size sets the others'.
// SM80: gpu.binary @silu_mul_add_kernel [#gpu.object<#nvvm.target<O = 3, chip = "sm_80", features = "+ptx70">
// SM80-SAME: .version 7.0
// SM80-SAME: .target sm_80
// SM80-SAME: .maxntid 512, 1, 1
// SM80: gpu.binary @silu_mul_add_kernel_0
// SM80-SAME: .maxntid 128, 1, 1
// Two 16-byte vectors per thread, 128 vectors (2 KiB of f32) apart.
// WIDE: gpu.binary @silu_mul_add_kernel [
// WIDE-SAME: .maxntid 128, 1, 1
// WIDE-SAME: ld.global.v4.b32 {{.*}}+2048]
// WIDE-SAME: st.global.v4.b32
func.func @silu_mul_add(%x: tensor<?x?xf32>, %y: tensor<?x?xf32>, %z: tensor<?x?xf32>) -> tensor<?x?xf32> {
  %s = vx_tensor.silu %x : tensor<?x?xf32>
  %m = vx_tensor.mul %s, %y : tensor<?x?xf32>
  %r = vx_tensor.add %m, %z : tensor<?x?xf32>
  return %r : tensor<?x?xf32>
}

// CHECK-LABEL: llvm.func @bf16_static
// CHECK: gpu.launch_func <%{{.+}} : !llvm.ptr> @bf16_static_kernel::@bf16_static_kernel
// CHECK: gpu.binary @bf16_static_kernel
// CHECK-SAME: .target sm_90a
// Math runs in f32 between one widening and one rounding per op.
// CHECK-SAME: cvt.rn.bf16
func.func @bf16_static(%x: tensor<1000x3xbf16>) -> tensor<1000x3xbf16> {
  %g = vx_tensor.gelu %x tanh : tensor<1000x3xbf16>
  %r = vx_tensor.neg %g : tensor<1000x3xbf16>
  return %r : tensor<1000x3xbf16>
}

// Integer elementwise ops.
// CHECK-LABEL: llvm.func @int_max
// CHECK: gpu.binary @int_max_kernel
// CHECK-SAME: max.s32
func.func @int_max(%a: tensor<?xi32>, %b: tensor<?xi32>) -> tensor<?xi32> {
  %r = vx_tensor.max %a, %b : tensor<?xi32>
  return %r : tensor<?xi32>
}
